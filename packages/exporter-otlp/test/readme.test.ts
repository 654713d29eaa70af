import { join } from 'node:path';
import { oneLine, referenceDecode, runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { useReceiver } from './support/use-receiver.js';

const packageDir = join(import.meta.dirname, '..');

describe('README example', () => {
  const h = useReceiver();

  it('exports the span and prints the counters the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'Example', {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: h.receiver.url('') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // bytesSent is the gzip of a request with random ids, the current time and a default resource
    // that depends on the process: it moves by some bytes between runs and machines, so it is
    // checked against what the receiver got; every other counter is exact.
    const bytes = (text: string) => Number(/bytesSent: (\d+)/.exec(text)?.[1]);
    const printed = oneLine(run.stdout);
    const promised = run.expected.join(' ');
    expect(printed.replace(/bytesSent: \d+/, 'bytesSent: N')).toBe(
      promised.replace(/bytesSent: \d+/, 'bytesSent: N'),
    );
    expect(Math.abs(bytes(printed) - bytes(promised))).toBeLessThan(bytes(promised) * 0.25);
    expect(h.receiver.requests).toHaveLength(1);
    const [req] = h.receiver.requests;
    expect(req.path).toBe('/v1/traces');
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.raw.length).toBe(bytes(printed));
    const decoded = referenceDecode('traces', req.body) as {
      resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string }[] }[] }[];
    };
    const scope = decoded.resourceSpans[0].scopeSpans[0];
    expect(scope.scope.name).toBe('app');
    expect(scope.spans.map((s) => s.name)).toEqual(['hello']);
  });
});
