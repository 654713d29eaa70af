import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/commands/demo.js';

describe('otlpx demo', () => {
  it('links the CPU samples of the search route to its span', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => {
      text += chunk;
    });
    const result = await runDemo({ requests: 300, showJson: false, out });
    expect(result.spansReceived).toBe(900);
    expect(result.profileViolations).toBe(0);
    expect(result.profileSamples).toBeGreaterThan(0);
    expect(result.linkedSamples).toBeGreaterThan(0);
    // renderSearch (about 100 ms of CPU over 100 search requests) runs inside the search span.
    expect(text).toMatch(/linked to spans \(.*GET \/api\/search \d+/);
  });

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
    // The profiler's last window arrives at shutdown, valid by the OTLP Profiles rules. Samples
    // are counted, not required: 30 requests can take less than one 10 ms sampling period.
    expect(result.profileViolations).toBe(0);
    expect(result.linkedSamples).toBeLessThanOrEqual(result.profileSamples);
    expect(text).toMatch(/profiler {5}\d+ CPU samples in 1 OTLP profiles request\(s\)/);
    const json = text.slice(text.indexOf('{'));
    expect(JSON.parse(json).resourceSpans[0].scopeSpans[0].spans[0].traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
