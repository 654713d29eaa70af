import { makeSdkLogRecords } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxDecodeError } from '../../src/errors.js';
import { decodeLogsRequest } from '../../src/logs/decode-logs-request.js';
import { encodeLogs } from '../../src/logs/encode-logs.js';
import { encodeLogsRequest } from '../../src/logs/encode-logs-request.js';
import { ProtoWriter } from '../../src/wire/writer.js';
import { deeplyNestedAnyValue, expectModelOrDecodeError, fuzzDecoder, hugeLengthPrefix } from '../fuzz.js';
import { logsRequest } from './arbitraries.js';

function decodeError(bytes: Uint8Array, maxDepth?: number): OtlpxDecodeError {
  try {
    decodeLogsRequest(bytes, maxDepth === undefined ? undefined : { maxDepth });
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxDecodeError;
  }
  throw new Error('expected a decode error');
}

/** A request holding one log record with the given body bytes (fields written by `write`). */
function logRequest(write: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter();
  w.tag(1, 2); // resource_logs
  const rl = w.fork();
  w.tag(2, 2); // scope_logs
  const sl = w.fork();
  w.tag(2, 2); // log_records
  const r = w.fork();
  write(w);
  w.join(r);
  w.join(sl);
  w.join(rl);
  return w.finish();
}

describe('decodeLogsRequest / encodeLogsRequest', () => {
  it('round-trips any model byte-exactly (model -> bytes -> model -> same bytes)', () => {
    fc.assert(
      fc.property(logsRequest, (model) => {
        const bytes = encodeLogsRequest(model);
        const decoded = decodeLogsRequest(bytes);
        expect(decoded).toEqual(model);
        expect(Buffer.from(encodeLogsRequest(decoded))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('tells an absent body from an empty one', () => {
    const empty = decodeLogsRequest(logRequest((w) => w.raw(new Uint8Array([0x2a, 0x00]))));
    expect(empty.resourceLogs[0].scopeLogs[0].logRecords[0].body).toEqual({});
    const absent = decodeLogsRequest(logRequest(() => {}));
    expect(absent.resourceLogs[0].scopeLogs[0].logRecords[0].body).toBeUndefined();
    expect(absent.resourceLogs[0].scopeLogs[0].scope).toBeUndefined();
  });

  it('rejects flags written with the wrong wire type, and invalid UTF-8', () => {
    const flags = logRequest((w) => {
      w.tag(8, 0); // flags must be fixed32
      w.uint32(1);
    });
    expect(decodeError(flags).code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    const utf8 = logRequest((w) => {
      w.tag(3, 2); // severity_text
      w.bytes(new Uint8Array([0xc3, 0x28]));
    });
    const err = decodeError(utf8);
    expect(err.code).toBe('OTLPX_ERR_DECODE_UTF8');
    expect(err.offset).toBe(utf8.length - 2);
  });

  it('fails fast on a 100 MB length prefix, and stops deep nesting at maxDepth', () => {
    expect(decodeError(hugeLengthPrefix(1, 100 * 1024 * 1024)).code).toBe('OTLPX_ERR_DECODE_TRUNCATED');
    const nested = logRequest((w) => {
      w.tag(5, 2); // body
      w.bytes(deeplyNestedAnyValue(500));
    });
    expect(decodeError(nested).code).toBe('OTLPX_ERR_DECODE_DEPTH');
    expect(decodeError(nested, 4).offset).toBeLessThan(40);
  });

  it('survives fuzzing: random bytes, every truncation, bit flips of real SDK output', () => {
    fuzzDecoder(decodeLogsRequest, encodeLogs(makeSdkLogRecords({ count: 6 })));
    fc.assert(
      fc.property(logsRequest, fc.nat(), fc.nat(7), (model, at, bit) => {
        const bytes = encodeLogsRequest(model);
        if (bytes.length === 0) return;
        bytes[at % bytes.length] ^= 1 << bit;
        expectModelOrDecodeError(decodeLogsRequest, bytes);
      }),
      { numRuns: 500 },
    );
  });
});
