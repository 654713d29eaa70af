import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/commands/demo.js';

describe('otlpx demo', () => {
  it('exports every span of a real traced HTTP workload and the receiver decodes them all', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => {
      text += chunk;
    });
    const result = await runDemo({ requests: 30, showJson: true, out });
    // Each request makes a CLIENT span (caller), a SERVER span and a CLIENT span for the database.
    expect(result.spansSent).toBe(90);
    expect(result.spansReceived).toBe(90);
    expect(result.byteExact).toBe(true);
    expect(text).toMatch(/decoded 90 spans \(.*30 SERVER.*\)/);
    expect(text).toMatch(/with status ERROR/);
    const json = text.slice(text.indexOf('{'));
    expect(JSON.parse(json).resourceSpans[0].scopeSpans[0].spans[0].traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
