import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { decodeLogsRequest } from '../../src/logs/decode-logs-request.js';
import { encodeLogs } from '../../src/logs/encode-logs.js';
import { encodeLogsJson } from '../../src/logs/encode-logs-json.js';
import { encodeLogsRequest } from '../../src/logs/encode-logs-request.js';
import { logsRequestFromJson, logsRequestToJson } from '../../src/logs/logs-request-json.js';
import type { SdkLogRecord } from '../../src/logs/sdk-logs.js';

// Hand-made records for the corners: interleaved resources and scopes, zero times, no span
// context, attributes and bodies of unusual values. Each checked against the official
// serializer, for byte-exact re-encoding and for JSON agreement.

function check(records: SdkLogRecord[]): void {
  const ours = encodeLogs(records);
  const official = ProtobufLogsSerializer.serializeRequest(
    records as unknown as ReadableLogRecord[],
  ) as Uint8Array;
  expect(referenceDecode('logs', ours)).toEqual(referenceDecode('logs', official));
  expect(Buffer.from(encodeLogsRequest(decodeLogsRequest(ours)))).toEqual(Buffer.from(ours));
  const json = Buffer.from(encodeLogsJson(records)).toString('utf8');
  expect(json).toBe(logsRequestToJson(decodeLogsRequest(ours)));
  expect(Buffer.from(encodeLogsRequest(logsRequestFromJson(json)))).toEqual(Buffer.from(ours));
}

const r1 = { attributes: { 'service.name': 'a' } };
const r2 = { attributes: {}, schemaUrl: 'https://r2' };
const s1 = { name: 's1', version: '2' };
const s2 = { name: 's2', schemaUrl: 'https://s2', attributes: { x: true }, droppedAttributesCount: 1 };

function record(
  resource: { attributes: object },
  scope: object,
  extra: Partial<SdkLogRecord> = {},
): SdkLogRecord {
  return {
    hrTime: [1_764_300_000, 1],
    hrTimeObserved: [1_764_300_000, 2],
    resource,
    instrumentationScope: scope as { name: string },
    attributes: {},
    droppedAttributesCount: 0,
    ...extra,
  };
}

describe('encodeLogs corners', () => {
  it('groups interleaved resources and scopes in order of first appearance', () => {
    const records = [
      record(r1, s1, { body: 1 }),
      record(r2, s2, { body: 2 }),
      record(r1, s2, { body: 3 }),
      record(r1, s1, { body: 4 }),
      record(r2, s2, { body: 5 }),
    ];
    check(records);
    const model = decodeLogsRequest(encodeLogs(records));
    expect(model.resourceLogs.map((r) => r.scopeLogs.map((s) => s.logRecords.length))).toEqual([[2, 1], [2]]);
  });

  it('zero times, no span context, an empty span context, odd values', () => {
    check([
      record(r1, s1, { hrTime: [0, 0], hrTimeObserved: [0, 0] }),
      record(r1, s1, {
        spanContext: { traceId: '', spanId: '', traceFlags: 0 },
        severityNumber: 0,
        severityText: '',
      }),
      record(r1, s1, {
        attributes: {
          empty: '',
          zero: 0,
          neg: -0,
          arr: [],
          obj: {},
          nested: { a: [{ b: null }] },
          u: undefined,
        },
        body: { '': 'empty key', ü: [new Uint8Array(0)] },
        eventName: 'e',
        droppedAttributesCount: 300,
      }),
      record(r1, s1, { body: 2 ** 63 }),
      record(r1, s1, { body: -(2 ** 63) }),
      record(r1, s1, { body: 0.1 }),
    ]);
  });

  it('writes nothing for no records', () => {
    expect(encodeLogs([]).length).toBe(0);
    expect(Buffer.from(encodeLogsJson([])).toString()).toBe('{"resourceLogs":[]}');
    expect(logsRequestToJson({ resourceLogs: [] })).toBe('{"resourceLogs":[]}');
  });
});

describe('encodeLogs buffer retention', () => {
  it('encodes a request larger than the retained buffer, then small ones again', () => {
    const big = record(r1, s1, { body: 'x'.repeat(9 * 1024 * 1024) });
    const bytes = encodeLogs([big]);
    expect(bytes.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(decodeLogsRequest(bytes).resourceLogs[0].scopeLogs[0].logRecords[0].body).toEqual({
      stringValue: 'x'.repeat(9 * 1024 * 1024),
    });
    expect(encodeLogsJson([big]).length).toBeGreaterThan(9 * 1024 * 1024);
    check([record(r1, s1, { body: 'small' })]);
  });
});
