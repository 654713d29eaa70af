import fc from 'fast-check';
import type { ExportLogsServiceRequest, LogRecord } from '../../src/model/logs.js';
import { anyValue, attributes, resource, scope, text, uint32 } from '../arbitraries.js';

// fast-check arbitraries of the logs model; each value is canonical (what the decoder builds from
// its own encoding), so model -> bytes -> model is the identity.

const fixed64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const id = (length: number) =>
  fc.oneof(
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ minLength: length, maxLength: length }).map((b) => new Uint8Array(b)),
  );

export const logRecord: fc.Arbitrary<LogRecord> = fc
  .tuple(
    fc.record({
      timeUnixNano: fixed64,
      observedTimeUnixNano: fixed64,
      severityNumber: fc.oneof(
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      ),
      severityText: text,
      attributes,
      droppedAttributesCount: uint32,
      flags: uint32,
      traceId: id(16),
      spanId: id(8),
      eventName: text,
    }),
    fc.option(anyValue, { nil: undefined }),
  )
  .map(([log, body]) => (body === undefined ? log : { ...log, body }));

export const logsRequest: fc.Arbitrary<ExportLogsServiceRequest> = fc.record({
  resourceLogs: fc.array(
    fc
      .tuple(
        fc.record({
          scopeLogs: fc.array(
            fc
              .tuple(
                fc.record({ logRecords: fc.array(logRecord, { maxLength: 3 }), schemaUrl: text }),
                fc.option(scope, { nil: undefined }),
              )
              .map(([sl, s]) => (s === undefined ? sl : { ...sl, scope: s })),
            { maxLength: 2 },
          ),
          schemaUrl: text,
        }),
        fc.option(resource, { nil: undefined }),
      )
      .map(([rl, r]) => (r === undefined ? rl : { ...rl, resource: r })),
    { maxLength: 2 },
  ),
});
