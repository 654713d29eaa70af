import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtlpxConfigError } from '../src/errors.js';
import { resolveProcessorConfig } from '../src/processor-config.js';
import { DiagCapture } from './support/diag-capture.js';

const diag = new DiagCapture();
beforeEach(() => diag.install());
afterEach(() => diag.uninstall());

describe('resolveProcessorConfig', () => {
  it('has the official BatchSpanProcessor defaults, a larger queue of encoded spans, and ours', () => {
    expect(resolveProcessorConfig({}, {})).toEqual({
      maxQueueSize: 8192,
      maxExportBatchSize: 512,
      scheduledDelayMillis: 5000,
      exportTimeoutMillis: 30_000,
      maxConcurrentExports: 4,
      maxQueueBytes: 32 * 1024 * 1024,
      encodeChunkSize: 16,
    });
  });

  it('reads OTEL_BSP_* and lets options win', () => {
    const env = {
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10',
      OTEL_BSP_SCHEDULE_DELAY: '0',
      OTEL_BSP_EXPORT_TIMEOUT: '700',
    };
    expect(resolveProcessorConfig({}, env)).toMatchObject({
      maxQueueSize: 100,
      maxExportBatchSize: 10,
      scheduledDelayMillis: 0,
      exportTimeoutMillis: 700,
    });
    expect(resolveProcessorConfig({ maxQueueSize: 50 }, env).maxQueueSize).toBe(50);
  });

  it('reports bad variables and throws on bad options', () => {
    expect(resolveProcessorConfig({}, { OTEL_BSP_MAX_QUEUE_SIZE: 'lots' }).maxQueueSize).toBe(8192);
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')[0]).toContain('OTEL_BSP_MAX_QUEUE_SIZE');
    expect(() => resolveProcessorConfig({ maxExportBatchSize: 0 }, {})).toThrow(OtlpxConfigError);
    expect(() => resolveProcessorConfig({ scheduledDelayMillis: 1.5 }, {})).toThrow(OtlpxConfigError);
  });

  it('caps maxExportBatchSize at maxQueueSize, like the official processor', () => {
    expect(
      resolveProcessorConfig({ maxQueueSize: 100, maxExportBatchSize: 512 }, {}).maxExportBatchSize,
    ).toBe(100);
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(1);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(resolveProcessorConfig({}, {}))).toBe(true);
  });
});
