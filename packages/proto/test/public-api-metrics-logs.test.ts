import { makeSdkLogRecords, makeSdkMetrics } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import * as proto from '../src/index.js';

// The metrics and logs entry points, as users import them from @otlpx/proto.

describe('@otlpx/proto metrics and logs exports', () => {
  it('encode, decode and convert metrics through the package entry', async () => {
    const rm = await makeSdkMetrics({ series: 1, measurements: 1 });
    const bytes = proto.encodeMetrics(rm);
    const model = proto.decodeMetricsRequest(bytes, { maxDepth: 32 });
    expect(proto.encodeMetricsRequest(model)).toEqual(bytes);
    expect(proto.metricsRequestFromJson(proto.encodeMetricsJson(rm))).toEqual(model);
    expect(JSON.parse(proto.metricsRequestToJson(model)).resourceMetrics).toHaveLength(1);
    expect(proto.AggregationTemporality.CUMULATIVE).toBe(2);
    expect(proto.DataPointFlags.NO_RECORDED_VALUE_MASK).toBe(1);
  });

  it('encode, decode and convert logs through the package entry', () => {
    const records = makeSdkLogRecords({ count: 5 });
    const bytes = proto.encodeLogs(records);
    const model = proto.decodeLogsRequest(bytes);
    expect(proto.encodeLogsRequest(model)).toEqual(bytes);
    expect(proto.logsRequestFromJson(proto.encodeLogsJson(records))).toEqual(model);
    expect(proto.logsRequestToJson(model)).toBe(Buffer.from(proto.encodeLogsJson(records)).toString());
    expect(proto.SeverityNumber.FATAL4).toBe(24);
    expect(proto.LogRecordFlags.TRACE_FLAGS_MASK).toBe(0xff);
  });
});

describe('argument checks', () => {
  it('reject the wrong kind of argument with OTLPX_ERR_INVALID_ARG', () => {
    const calls: [string, () => unknown][] = [
      ['encodeMetrics', () => proto.encodeMetrics([] as never)],
      ['encodeMetricsJson', () => proto.encodeMetricsJson({ scopeMetrics: [] } as never)],
      ['encodeLogs', () => proto.encodeLogs({} as never)],
      ['encodeLogsJson', () => proto.encodeLogsJson(null as never)],
      ['encodeMetricsRequest', () => proto.encodeMetricsRequest({} as never)],
      ['encodeLogsRequest', () => proto.encodeLogsRequest(undefined as never)],
      ['decodeMetricsRequest', () => proto.decodeMetricsRequest('bytes' as never)],
      ['decodeLogsRequest', () => proto.decodeLogsRequest([1, 2] as never)],
    ];
    for (const [name, call] of calls) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(proto.isOtlpxError(caught), name).toBe(true);
      expect((caught as proto.OtlpxError).code).toBe('OTLPX_ERR_INVALID_ARG');
      expect((caught as Error).message).toContain(`${name} expects`);
    }
  });
});
