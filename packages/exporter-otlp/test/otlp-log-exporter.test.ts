import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { decodeLogsRequest, logsRequestFromJson } from '@otlpx/proto';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import type { Compression, Protocol } from '../src/config.js';
import { OtlpLogExporter } from '../src/otlp-log-exporter.js';
import { reply } from './support/receiver.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();

async function emitThrough(exporter: OtlpLogExporter, count: number): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'log-test' }),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('otlpx-test', '1.0.0');
  for (let i = 0; i < count; i++) {
    logger.emit({
      body: `line ${i}`,
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      attributes: { i },
    });
  }
  await provider.shutdown();
}

describe('OtlpLogExporter', () => {
  const variants: [Protocol, Compression][] = [
    ['http/protobuf', 'none'],
    ['http/protobuf', 'gzip'],
    ['http/json', 'none'],
    ['http/json', 'gzip'],
  ];

  it.each(variants)('delivers SDK log records over %s with compression %s', async (protocol, compression) => {
    const exporter = new OtlpLogExporter({ url: h.receiver.url('/v1/logs'), protocol, compression });
    await emitThrough(exporter, 3);
    expect(h.receiver.requests).toHaveLength(1);
    const [req] = h.receiver.requests;
    expect(req.path).toBe('/v1/logs');
    const decoded =
      protocol === 'http/json' ? logsRequestFromJson(req.body) : decodeLogsRequest(new Uint8Array(req.body));
    const scope = decoded.resourceLogs[0].scopeLogs[0];
    expect(scope.scope?.name).toBe('otlpx-test');
    expect(scope.logRecords.map((r) => r.body)).toEqual([0, 1, 2].map((i) => ({ stringValue: `line ${i}` })));
    expect(scope.logRecords[0].severityNumber).toBe(SeverityNumber.WARN);
    if (protocol === 'http/protobuf') {
      const ref = referenceDecode('logs', req.body) as {
        resourceLogs: { resource: { attributes: unknown[] } }[];
      };
      expect(ref.resourceLogs[0].resource.attributes).toContainEqual(
        expect.objectContaining({
          key: 'service.name',
          value: expect.objectContaining({ stringValue: 'log-test' }),
        }),
      );
    }
    expect(exporter.stats()).toMatchObject({ exportsSucceeded: 1, itemsExported: 3 });
  });

  it('reports a failed export to the SDK with a coded error and never throws', async () => {
    h.receiver.otherwise(reply(400));
    const exporter = new OtlpLogExporter({ url: h.receiver.url('/v1/logs') });
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export([], resolve),
    );
    expect(result.code).toBe(1);
    expect(result.error).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', statusCode: 400 });
    await exporter.shutdown();
  });

  it('survives a result callback that throws', async () => {
    const exporter = new OtlpLogExporter({ url: h.receiver.url('/v1/logs') });
    await new Promise<void>((resolve) => {
      exporter.export([], () => {
        setImmediate(resolve);
        throw new Error('user callback bug');
      });
    });
    expect(h.diag.lines.some((l) => l.includes('user callback bug'))).toBe(true);
    await exporter.forceFlush();
    await exporter.shutdown();
  });
});
