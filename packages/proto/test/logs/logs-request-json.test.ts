import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxJsonError } from '../../src/errors.js';
import { logsRequestFromJson, logsRequestToJson } from '../../src/logs/logs-request-json.js';
import { normaliseForJson } from '../json-normalise.js';
import { logsRequest } from './arbitraries.js';

function jsonError(input: unknown): OtlpxJsonError {
  try {
    logsRequestFromJson(input as object);
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxJsonError;
  }
  throw new Error('expected a JSON error');
}

const record = (log: object) => ({ resourceLogs: [{ scopeLogs: [{ logRecords: [log] }] }] });

describe('logsRequestToJson / logsRequestFromJson', () => {
  it('round-trips any model (model -> JSON -> model)', () => {
    fc.assert(
      fc.property(logsRequest, (model) => {
        const text = logsRequestToJson(model);
        const back = logsRequestFromJson(text);
        expect(normaliseForJson(back)).toEqual(normaliseForJson(model));
        expect(logsRequestToJson(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes hex ids, decimal-string times, numeric severities and base64 bytes', () => {
    const text = logsRequestToJson({
      resourceLogs: [
        {
          schemaUrl: '',
          scopeLogs: [
            {
              schemaUrl: '',
              logRecords: [
                {
                  timeUnixNano: 1764300000123456789n,
                  observedTimeUnixNano: 0n,
                  severityNumber: 17,
                  severityText: 'ERROR',
                  body: { bytesValue: new Uint8Array([0, 255]) },
                  attributes: [],
                  droppedAttributesCount: 2,
                  flags: 1,
                  traceId: new Uint8Array(16).fill(0xab),
                  spanId: new Uint8Array(8).fill(1),
                  eventName: '',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(JSON.parse(text).resourceLogs[0].scopeLogs[0].logRecords[0]).toEqual({
      timeUnixNano: '1764300000123456789',
      severityNumber: 17,
      severityText: 'ERROR',
      body: { bytesValue: 'AP8=' },
      droppedAttributesCount: 2,
      flags: 1,
      traceId: 'abababababababababababababababab',
      spanId: '0101010101010101',
    });
  });

  it('accepts numbers for times, severity names and snake_case names', () => {
    const model = logsRequestFromJson(
      record({
        time_unix_nano: 1000,
        severity_number: 'SEVERITY_NUMBER_WARN3',
        trace_id: 'ABCDEF0123456789abcdef0123456789',
      }),
    );
    const log = model.resourceLogs[0].scopeLogs[0].logRecords[0];
    expect(log.timeUnixNano).toBe(1000n);
    expect(log.severityNumber).toBe(15);
    expect(Buffer.from(log.traceId).toString('hex')).toBe('abcdef0123456789abcdef0123456789');
  });

  it('rejects invalid values with the JSON path of the culprit', () => {
    expect(jsonError('not json').code).toBe('OTLPX_ERR_JSON_INVALID');
    expect(jsonError(record({ severityNumber: 'LOUD' })).path).toBe(
      '.resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber',
    );
    expect(jsonError(record({ traceId: 'abc' })).path).toMatch(/traceId$/);
    expect(jsonError(record({ body: { intValue: 'ten' } })).path).toMatch(/body\.intValue$/);
    expect(jsonError(record({ flags: -1 })).path).toMatch(/flags$/);
    expect(jsonError({ resourceLogs: [{ resource: 3 }] }).path).toBe('.resourceLogs[0].resource');
  });
});
