import fc from 'fast-check';
import { expect } from 'vitest';
import { isOtlpxError } from '../src/errors.js';
import { ProtoWriter } from '../src/wire/writer.js';

// Decoder fuzzing shared by the signal decoders: whatever the input, a decoder returns a model or
// throws an OtlpxError with a code and a byte offset inside the input, never anything else.

export function expectModelOrDecodeError(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    decode(bytes);
  } catch (err) {
    if (!isOtlpxError(err)) throw err;
    expect(err.code).toMatch(/^OTLPX_ERR_DECODE_/);
    const offset = (err as unknown as { offset: number }).offset;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(bytes.length);
  }
}

/** Random bytes, every truncation and single-bit flips of a valid message. */
export function fuzzDecoder(decode: (bytes: Uint8Array) => unknown, valid: Uint8Array): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => expectModelOrDecodeError(decode, bytes)),
    { numRuns: 2000 },
  );
  for (let end = 0; end < valid.length; end++) expectModelOrDecodeError(decode, valid.subarray(0, end));
  const copy = new Uint8Array(valid);
  for (let i = 0; i < copy.length; i++) {
    const bit = 1 << (i % 8);
    copy[i] ^= bit;
    expectModelOrDecodeError(decode, copy);
    copy[i] ^= bit;
  }
}

/** `field` (LEN) holding a length prefix of `length` and only `present` bytes after it. */
export function hugeLengthPrefix(field: number, length: number, present = 4): Uint8Array {
  const w = new ProtoWriter();
  w.tag(field, 2);
  w.uint32(length);
  for (let i = 0; i < present; i++) w.byte(0);
  return w.finish();
}

/** The body of an AnyValue nested `depth` array_values deep (an empty AnyValue at the bottom). */
export function deeplyNestedAnyValue(depth: number): Uint8Array {
  let inner: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < depth; i++) {
    const w = new ProtoWriter();
    w.tag(5, 2); // AnyValue 5: array_value
    const array = w.fork();
    w.tag(1, 2); // ArrayValue 1: values
    w.bytes(inner);
    w.join(array);
    inner = w.finish();
  }
  return inner;
}
