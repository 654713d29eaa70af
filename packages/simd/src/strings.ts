import { OtlpxSimdArgumentError } from './errors.js';

/** Many strings as one UTF-8 buffer: string i is bytes[offsets[i], offsets[i + 1]). */
export interface EncodedStrings {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/** Encodes strings into one buffer (no per-string allocation: Buffer#write at an offset). */
export function encodeStrings(strings: readonly string[]): EncodedStrings {
  let upper = 0;
  for (let i = 0; i < strings.length; i++) {
    if (typeof strings[i] !== 'string') {
      throw new OtlpxSimdArgumentError(`strings[${i}]`, `expected a string, got ${typeof strings[i]}`);
    }
    upper += strings[i].length;
  }
  const buf = Buffer.allocUnsafe(3 * upper);
  const offsets = new Uint32Array(strings.length + 1);
  let pos = 0;
  for (let i = 0; i < strings.length; i++) {
    pos += buf.write(strings[i], pos, 'utf8');
    offsets[i + 1] = pos;
  }
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, pos), offsets };
}
