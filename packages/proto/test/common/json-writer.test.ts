import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonWriter, jsonBytes } from '../../src/common/json-writer.js';

const text = (write: (w: JsonWriter) => void) => Buffer.from(jsonBytes(write)).toString('utf8');

describe('JsonWriter', () => {
  it('escapes strings exactly as JSON.stringify does, in UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const wellFormed = (s as string & { toWellFormed(): string }).toWellFormed();
        expect(text((w) => w.string(s))).toBe(JSON.stringify(wellFormed));
      }),
      { numRuns: 2000 },
    );
    expect(text((w) => w.string('\u0000\u001f"\\\b\f\n\r\t\u007f'))).toBe(
      '"\\u0000\\u001f\\"\\\\\\b\\f\\n\\r\\t\u007f"',
    );
  });

  it('writes lone surrogates as U+FFFD and grows past its initial size', () => {
    expect(text((w) => w.string('a\ud800b\udc00'))).toBe('"a\ufffdb\ufffd"');
    const w = new JsonWriter(8);
    const long = 'ü'.repeat(10_000);
    w.string(long);
    w.ascii(',1');
    w.byte(0x5d);
    expect(Buffer.from(w.finish()).toString()).toBe(`${JSON.stringify(long)},1]`);
    w.reset();
    w.raw(new Uint8Array([0x7b, 0x7d]));
    expect(Buffer.from(w.finish()).toString()).toBe('{}');
  });

  it('writes integers exactly, beyond 2^53 too', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.double({ min: -(2 ** 63), max: 2 ** 64, noNaN: true }),
        ),
        (n) => {
          const v = Math.trunc(n);
          const expected = Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
          expect(text((w) => w.integer(v))).toBe(expected);
          expect(text((w) => w.quotedInteger(v))).toBe(`"${expected}"`);
        },
      ),
      { numRuns: 2000 },
    );
    expect(text((w) => w.integer(-0))).toBe('0');
  });

  it('gives views of its current buffer, new ones after the buffer grows', () => {
    const w = new JsonWriter(64);
    const bytes = w.bytesView();
    expect(bytes).toBe(w.bytesView());
    expect(bytes.buffer).toBe(w.buf.buffer);
    expect(bytes.length).toBe(w.buf.length);
    w.dataView().setUint32(0, 0x64636261, true); // "abcd"
    w.pos = 4;
    w.ascii('x'.repeat(100)); // grows: the buffer is replaced
    expect(w.bytesView()).not.toBe(bytes);
    expect(w.bytesView().length).toBe(w.buf.length);
    w.bytesView().set([0x79, 0x7a], w.pos);
    w.pos += 2;
    expect(Buffer.from(w.finish()).toString()).toBe(`abcd${'x'.repeat(100)}yz`);
  });
});
