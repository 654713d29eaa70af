import { expect } from 'vitest';
import { isOtlpxError, type OtlpxDecodeError } from '../../src/index.js';
import { ProtoWriter } from '../../src/wire/writer.js';

/** The OtlpxDecodeError `fn` throws (fails the test when it throws anything else or nothing). */
export function decodeError(fn: () => unknown): OtlpxDecodeError {
  try {
    fn();
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxDecodeError;
  }
  throw new Error('expected a decode error');
}

/** Bytes written field by field, to build inputs our encoders never write. */
export function handWritten(write: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter(64);
  write(w);
  return w.finish();
}
