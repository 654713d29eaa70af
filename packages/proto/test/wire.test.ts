import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxDecodeError } from '../src/errors.js';
import { ProtoReader } from '../src/wire/reader.js';
import { ProtoWriter, varintSize } from '../src/wire/writer.js';

function roundTrip(write: (w: ProtoWriter) => void): ProtoReader {
  const w = new ProtoWriter(8);
  write(w);
  return new ProtoReader(w.finish());
}

function decodeError(fn: () => unknown): OtlpxDecodeError {
  try {
    fn();
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxDecodeError;
  }
  throw new Error('expected a decode error');
}

describe('ProtoWriter / ProtoReader', () => {
  it('round-trips varints of every width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        const r = roundTrip((w) => w.uint32(v));
        expect(r.uint32()).toBe(v);
        expect(r.pos).toBe(varintSize(v));
      }),
    );
  });

  it('round-trips signed 64-bit integers given as numbers and bigints', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        expect(roundTrip((w) => w.int64(v)).int64()).toBe(v);
        const n = Number(v);
        if (Number.isSafeInteger(n)) expect(roundTrip((w) => w.int64(n)).int64()).toBe(v);
      }),
    );
    expect(roundTrip((w) => w.int64(-1)).int64()).toBe(-1n);
    expect(roundTrip((w) => w.int64(2 ** 63 - 1024)).int64()).toBe(2n ** 63n - 1024n);
    expect(roundTrip((w) => w.int64(-(2 ** 63))).int64()).toBe(-(2n ** 63n));
  });

  it('writes negative int32 as ten bytes, like protobuf', () => {
    const w = new ProtoWriter();
    w.int32(-2);
    expect(w.pos).toBe(10);
    expect(new ProtoReader(w.finish()).int32()).toBe(-2);
  });

  it('round-trips fixed-width values, doubles and zig-zag', () => {
    fc.assert(
      fc.property(
        fc.double(),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (d, u, s) => {
          const r = roundTrip((w) => {
            w.double(d);
            w.fixed64Value(u);
            w.sint32(s);
            w.fixed32(s >>> 0);
          });
          expect(Object.is(r.double(), d)).toBe(true);
          expect(r.fixed64()).toBe(u);
          expect(r.sint32()).toBe(s);
          expect(r.sfixed32()).toBe(s);
        },
      ),
    );
  });

  it('encodes strings exactly like Buffer.from, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const w = new ProtoWriter(4);
        w.string(s);
        const expected = Buffer.from(s, 'utf8');
        const r = new ProtoReader(w.finish());
        const end = r.lengthDelimited();
        expect(Buffer.from(r.buf.subarray(r.pos, end))).toEqual(expected);
      }),
    );
    const w = new ProtoWriter();
    w.string('a\ud800b');
    expect([...w.view()]).toEqual([5, 0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });

  it('gives views of its current buffer, new ones after the buffer grows', () => {
    const w = new ProtoWriter(64);
    const bytes = w.bytesView();
    expect(bytes).toBe(w.bytesView());
    expect(bytes.buffer).toBe(w.buf.buffer);
    expect(bytes.byteOffset).toBe(w.buf.byteOffset);
    expect(bytes.length).toBe(w.buf.length);
    w.dataView().setUint32(0, 0x01020304, true);
    expect([...w.buf.subarray(0, 4)]).toEqual([4, 3, 2, 1]);
    w.pos = 4;
    w.raw(new Uint8Array(100).fill(7)); // grows: the buffer is replaced
    expect(w.bytesView()).not.toBe(bytes);
    expect(w.bytesView().length).toBe(w.buf.length);
    w.bytesView().set([9, 9], 104);
    w.pos = 106;
    expect([...w.view().subarray(0, 5)]).toEqual([4, 3, 2, 1, 7]);
    expect([...w.view().subarray(102)]).toEqual([7, 7, 9, 9]);
  });

  it('moves a forked body when its length needs more than one byte', () => {
    const w = new ProtoWriter(16);
    const start = w.fork();
    w.string('x'.repeat(300));
    w.join(start);
    const r = new ProtoReader(w.finish());
    const end = r.lengthDelimited();
    expect(end).toBe(r.end);
    expect(r.string()).toBe('x'.repeat(300));
  });

  it('fails with a code and offset on truncated input, before allocating', () => {
    const w = new ProtoWriter();
    w.uint32(100 * 1024 * 1024); // a 100 MB length prefix, then nothing
    const err = decodeError(() => new ProtoReader(w.finish()).bytes());
    expect(err.code).toBe('OTLPX_ERR_DECODE_TRUNCATED');
    expect(err.offset).toBe(0);
    expect(decodeError(() => new ProtoReader(new Uint8Array([0x80, 0x80])).uint32()).code).toBe(
      'OTLPX_ERR_DECODE_TRUNCATED',
    );
    expect(decodeError(() => new ProtoReader(new Uint8Array(11).fill(0xff)).varint64()).code).toBe(
      'OTLPX_ERR_DECODE_VARINT',
    );
    expect(decodeError(() => new ProtoReader(new Uint8Array([1, 2])).fixed32()).code).toBe(
      'OTLPX_ERR_DECODE_TRUNCATED',
    );
  });

  it('rejects invalid UTF-8, field number 0, bad wire types and deep nesting', () => {
    expect(decodeError(() => new ProtoReader(new Uint8Array([2, 0xc3, 0x28])).string()).code).toBe(
      'OTLPX_ERR_DECODE_UTF8',
    );
    expect(decodeError(() => new ProtoReader(new Uint8Array([0x00])).tag()).code).toBe(
      'OTLPX_ERR_DECODE_INVALID',
    );
    expect(decodeError(() => new ProtoReader(new Uint8Array([0x0f])).skip(0x0f)).code).toBe(
      'OTLPX_ERR_DECODE_WIRE_TYPE',
    );
    const r = new ProtoReader(new Uint8Array([0x08, 0x01]));
    expect(decodeError(() => r.expect(r.tag(), 2)).code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    // 70 nested length prefixes, each one byte shorter than the last.
    const deep = new ProtoReader(new Uint8Array(Array.from({ length: 70 }, (_, i) => 69 - i)), {
      maxDepth: 64,
    });
    expect(
      decodeError(() => {
        for (;;) deep.enter();
      }).code,
    ).toBe('OTLPX_ERR_DECODE_DEPTH');
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const w = new ProtoWriter();
    w.tag(1, 0);
    w.uint32(300);
    w.tag(2, 1);
    w.fixed64(1, 2);
    w.tag(3, 2);
    w.string('skip me');
    w.tag(4, 5);
    w.fixed32(7);
    w.tag(5, 3);
    w.tag(6, 0);
    w.uint32(1);
    w.tag(5, 4);
    w.tag(9, 0);
    w.uint32(42);
    const r = new ProtoReader(w.finish());
    for (let i = 0; i < 5; i++) r.skip(r.tag());
    expect(r.tag() >>> 3).toBe(9);
    expect(r.uint32()).toBe(42);
  });

  it('reads repeated scalars packed and unpacked', () => {
    const w = new ProtoWriter();
    w.tag(1, 2);
    const s = w.fork();
    for (const v of [1, 300, 70000]) w.uint32(v);
    w.join(s);
    w.tag(1, 0);
    w.uint32(5);
    const r = new ProtoReader(w.finish());
    const out: number[] = [];
    while (r.pos < r.end) r.repeated(r.tag(), 0, out, () => r.uint32());
    expect(out).toEqual([1, 300, 70000, 5]);
  });
});
