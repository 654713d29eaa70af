import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxJsonError } from '../../src/errors.js';
import { traceRequestFromJson, traceRequestToJson } from '../../src/trace/trace-request-json.js';
import { normaliseForJson } from '../json-normalise.js';
import { traceRequest } from './arbitraries.js';

function jsonError(input: unknown): OtlpxJsonError {
  try {
    traceRequestFromJson(input as object);
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxJsonError;
  }
  throw new Error('expected a JSON error');
}

const request = (span: object) => ({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
const firstSpan = (input: object) => traceRequestFromJson(input).resourceSpans[0].scopeSpans[0].spans[0];

describe('traceRequestToJson / traceRequestFromJson', () => {
  it('round-trips any model (model -> JSON -> model)', () => {
    fc.assert(
      fc.property(traceRequest, (model) => {
        const text = traceRequestToJson(model);
        const back = traceRequestFromJson(text);
        expect(normaliseForJson(back)).toEqual(normaliseForJson(model));
        expect(traceRequestToJson(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes hex ids, decimal-string times, numeric enums and omits defaults', () => {
    const text = traceRequestToJson({
      resourceSpans: [
        {
          schemaUrl: '',
          scopeSpans: [
            {
              schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
              spans: [
                {
                  traceId: new Uint8Array(16).fill(0xab),
                  spanId: new Uint8Array(8).fill(1),
                  traceState: '',
                  parentSpanId: new Uint8Array(0),
                  flags: 0x301,
                  name: 'GET /',
                  kind: 2,
                  startTimeUnixNano: 18446744073709551615n,
                  endTimeUnixNano: 0n,
                  attributes: [{ key: 'n', value: { intValue: -(2n ** 63n) } }],
                  droppedAttributesCount: 0,
                  events: [{ timeUnixNano: 5n, name: 'e', attributes: [], droppedAttributesCount: 1 }],
                  droppedEventsCount: 0,
                  links: [],
                  droppedLinksCount: 2,
                  status: { message: '', code: 2 },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(JSON.parse(text).resourceSpans[0]).toEqual({
      scopeSpans: [
        {
          schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
          spans: [
            {
              traceId: 'abababababababababababababababab',
              spanId: '0101010101010101',
              name: 'GET /',
              kind: 2,
              startTimeUnixNano: '18446744073709551615',
              attributes: [{ key: 'n', value: { intValue: '-9223372036854775808' } }],
              events: [{ timeUnixNano: '5', name: 'e', droppedAttributesCount: 1 }],
              droppedLinksCount: 2,
              status: { code: 2 },
              flags: 769,
            },
          ],
        },
      ],
    });
  });

  it('accepts numbers for times, enum names, upper-case hex and snake_case names', () => {
    const span = firstSpan(
      request({
        trace_id: 'ABCDEF0123456789abcdef0123456789',
        parent_span_id: '0102030405060708',
        start_time_unix_nano: 1000,
        end_time_unix_nano: '2000',
        kind: 'SPAN_KIND_CONSUMER',
        dropped_attributes_count: '3',
        status: { code: 'STATUS_CODE_ERROR', message: 'x' },
        links: [{ trace_state: 'a=b', flags: 1, dropped_attributes_count: 4 }],
        events: [{ time_unix_nano: '7' }],
      }),
    );
    expect(Buffer.from(span.traceId).toString('hex')).toBe('abcdef0123456789abcdef0123456789');
    expect(span.startTimeUnixNano).toBe(1000n);
    expect(span.endTimeUnixNano).toBe(2000n);
    expect(span.kind).toBe(5);
    expect(span.droppedAttributesCount).toBe(3);
    expect(span.status).toEqual({ code: 2, message: 'x' });
    expect(span.links[0]).toMatchObject({ traceState: 'a=b', flags: 1, droppedAttributesCount: 4 });
    expect(span.events[0].timeUnixNano).toBe(7n);
  });

  it('reads UTF-8 bytes and parsed objects as well as text', () => {
    const text = JSON.stringify(request({ name: 'ü' }));
    expect(firstSpan(Buffer.from(text))).toEqual(firstSpan(JSON.parse(text)));
    expect(traceRequestFromJson('{}')).toEqual({ resourceSpans: [] });
  });

  it('rejects invalid values with the JSON path of the culprit', () => {
    expect(jsonError('not json').code).toBe('OTLPX_ERR_JSON_INVALID');
    expect(jsonError(request({ kind: 'SPAN_KIND_LOUD' })).path).toBe(
      '.resourceSpans[0].scopeSpans[0].spans[0].kind',
    );
    expect(jsonError(request({ traceId: 'abc' })).path).toMatch(/spans\[0\]\.traceId$/);
    expect(jsonError(request({ startTimeUnixNano: '-1' })).path).toMatch(/startTimeUnixNano$/);
    expect(jsonError(request({ attributes: [{ key: 'k', value: { intValue: 'ten' } }] })).path).toMatch(
      /attributes\[0\]\.value\.intValue$/,
    );
    expect(jsonError(request({ events: [{ name: 3 }] })).path).toMatch(/events\[0\]\.name$/);
    expect(jsonError(request({ links: [{ flags: -1 }] })).path).toMatch(/links\[0\]\.flags$/);
    expect(jsonError(request({ status: { code: 1.5 } })).path).toMatch(/status\.code$/);
    expect(jsonError({ resourceSpans: [{ resource: 3 }] }).path).toBe('.resourceSpans[0].resource');
  });
});
