import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableBackends,
  backend,
  createKeySet,
  createSimd,
  encodeStrings,
  features,
  hash64Strings,
  isOtlpxError,
  OtlpxSimdArgumentError,
  OtlpxSimdDecodeError,
  THRESHOLDS,
  utf8Length,
} from '../src/index.js';

const reference = createSimd('js');
// Each backend twice: with its measured thresholds, and with thresholds 0 (always the backend).
const variants = availableBackends().flatMap((name) => [
  [`${name}`, createSimd(name)] as const,
  [`${name} (no threshold)`, createSimd(name, { thresholds: zero() })] as const,
]);

function zero() {
  return Object.fromEntries(Object.keys(THRESHOLDS.native).map((k) => [k, 0]));
}

/** Sizes around every crossover: 0, 1, t - 1, t, t + 1 and a large one. */
function sizes(threshold: number): number[] {
  const t = Number.isFinite(threshold) ? threshold : 16;
  return [...new Set([0, 1, Math.max(0, t - 1), t, t + 1, 1000])];
}

describe('backend selection', () => {
  it('exports the chosen backend and its features', () => {
    expect(availableBackends()).toContain(backend);
    expect(availableBackends().at(-1)).toBe('js');
    expect(Array.isArray(features())).toBe(true);
    if (backend === 'js') expect(features()).toEqual([]);
    if (backend === 'wasm') expect(features()).toEqual(['simd128']);
  });

  it('honours OTLPX_SIMD when it is set', () => {
    const forced = process.env.OTLPX_SIMD;
    if (forced === 'native' || forced === 'wasm' || forced === 'js') expect(backend).toBe(forced);
  });
});

describe.each(variants)('public API on %s', (_label, simd) => {
  it('histogramBuckets: same counts and stats as the reference at every size', () => {
    const bounds = Float64Array.from([0, 5, 10, 25, 50, 75, 100, 250, 500, 1000]);
    for (const n of sizes(simd.thresholds.histogram)) {
      const values = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1200) - 50 + (i % 3) * 0.5);
      if (n > 3) values[3] = Number.NaN;
      const a = new Float64Array(11);
      const b = new BigUint64Array(11);
      const sa = reference.histogramBuckets(values, bounds, a);
      const sb = simd.histogramBuckets(values, bounds, b);
      expect(sb).toEqual(sa);
      expect(Array.from(b, Number)).toEqual(Array.from(a));
    }
  });

  it('exponentialIndex equals the reference', () => {
    const values = Float64Array.from([1, 2, 3, 0.5, 1e-300, 1e300, -4, 0, Number.NaN, 5e-324]);
    for (const scale of [-10, -1, 0, 1, 3, 20]) {
      expect(simd.exponentialIndex(values, scale)).toEqual(reference.exponentialIndex(values, scale));
    }
    expect(Array.from(simd.exponentialIndex(Float64Array.of(2, 4, 1024), 0))).toEqual([0, 1, 9]);
  });

  it('hash64Batch / hash64Strings equal the reference, with seeds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 70 }), { maxLength: 40 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        (strs, seed) => {
          expect(simd.hash64Strings(strs, { seed })).toEqual(reference.hash64Strings(strs, { seed }));
        },
      ),
      { numRuns: 50 },
    );
    const { bytes, offsets } = encodeStrings(['service.name', 'http.route', '']);
    const out = new BigUint64Array(3);
    expect(simd.hash64Batch(bytes, offsets, { out })).toBe(out);
    expect(out).toEqual(hash64Strings(['service.name', 'http.route', '']));
  });

  it('hexEncode / hexDecode round-trip trace ids at every size', () => {
    for (const n of [...sizes(simd.thresholds.hexEncode), 16 * 1000 + 3]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131) & 255);
      const hex = simd.hexEncodeString(bytes);
      expect(hex).toBe(Buffer.from(bytes).toString('hex'));
      expect(simd.hexDecode(hex)).toEqual(bytes);
      expect(simd.hexDecode(new TextEncoder().encode(hex.toUpperCase()))).toEqual(bytes);
      const out = new Uint8Array(n + 5);
      expect(simd.hexDecode(hex, out)).toEqual(bytes);
      expect(simd.hexEncode(bytes, new Uint8Array(2 * n + 1))).toEqual(new TextEncoder().encode(hex));
    }
  });

  it('hexDecode reports the offset of the first bad digit', () => {
    const hex = `${'ab'.repeat(40)}zz${'01'.repeat(20)}`;
    const err = (() => {
      try {
        simd.hexDecode(hex);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OtlpxSimdDecodeError);
    expect(err).toMatchObject({ code: 'OTLPX_ERR_SIMD_HEX_INVALID', offset: 80 });
    expect(() => simd.hexDecode('abc')).toThrow(OtlpxSimdArgumentError);
    expect(() => simd.hexDecode('aé')).toThrow(/at byte offset 1/);
  });

  it('varintEncode / varintDecode round-trip u32, u64 and int64 arrays', () => {
    for (const n of sizes(simd.thresholds.varintEncode)) {
      const u32 = Uint32Array.from({ length: n }, (_, i) => (i * 2654435761) >>> (i % 32));
      const enc = simd.varintEncode(u32);
      expect(enc).toEqual(reference.varintEncode(u32));
      expect(simd.varintDecode(enc, new Uint32Array(n))).toEqual(u32);
      const i64 = BigInt64Array.from(
        { length: n },
        (_, i) => BigInt(i * 1000003) * (i % 2 ? -1n : 1n) * 2n ** BigInt(i % 40),
      );
      const e64 = simd.varintEncode(i64);
      expect(simd.varintDecode(e64, new BigInt64Array(n))).toEqual(i64);
      expect(simd.varintDecode(e64)).toEqual(new BigUint64Array(i64.buffer));
    }
  });

  it('varintDecode classifies malformed input', () => {
    expect(() => simd.varintDecode(Uint8Array.of(1, 0x80, 0x80))).toThrow(
      expect.objectContaining({ code: 'OTLPX_ERR_DECODE_TRUNCATED', offset: 1 }),
    );
    const overlong = new Uint8Array(11).fill(0xff);
    overlong[10] = 1;
    expect(() => simd.varintDecode(overlong)).toThrow(
      expect.objectContaining({ code: 'OTLPX_ERR_DECODE_VARINT', offset: 0 }),
    );
    expect(() => simd.varintDecode(Uint8Array.of(1, 2, 3), new Uint32Array(2))).toThrow(
      OtlpxSimdArgumentError,
    );
    expect(() => simd.varintDecode(Uint8Array.of(1), new Float64Array(1) as never)).toThrow(
      OtlpxSimdArgumentError,
    );
    expect(() => simd.varintEncode([1, 2] as never)).toThrow(OtlpxSimdArgumentError);
  });

  it('utf8Validate / utf8ValidateBatch agree with TextDecoder fatal', () => {
    const enc = new TextEncoder();
    const parts = [
      enc.encode('héllo wörld'),
      Uint8Array.of(0xed, 0xa0, 0x80),
      enc.encode('ok'),
      Uint8Array.of(0xc0, 0x80),
    ];
    const offsets = new Uint32Array(parts.length + 1);
    parts.forEach((p, i) => {
      offsets[i + 1] = offsets[i] + p.length;
    });
    const bytes = new Uint8Array(offsets[parts.length]);
    parts.forEach((p, i) => {
      bytes.set(p, offsets[i]);
    });
    expect(Array.from(simd.utf8ValidateBatch(bytes, offsets))).toEqual([1, 0, 1, 0]);
    expect(simd.utf8Validate(parts[0])).toBe(true);
    expect(simd.utf8Validate(parts[1])).toBe(false);
    expect(() => simd.utf8ValidateBatch(bytes, Uint32Array.of(0, 5, 2))).toThrow(/must not decrease/);
    expect(() => simd.utf8ValidateBatch(bytes, Uint32Array.of(0, 500))).toThrow(/past the end/);
    expect(() => simd.utf8ValidateBatch(bytes, new Uint32Array(0))).toThrow(OtlpxSimdArgumentError);
  });

  it('findAttributeKeys finds indexes in the set, from strings or encoded ranges', () => {
    const set = createKeySet(['http.request.header.authorization', 'password', 'db.statement', 'password']);
    expect(set.keys).toHaveLength(3);
    const keys = [
      'password',
      'http.request.header.authorization',
      'http.request.header.authorizatioN',
      'x',
      '',
    ];
    expect(Array.from(simd.findAttributeKeys(set, keys))).toEqual([1, 0, -1, -1, -1]);
    expect(simd.findAttributeKeys(set, encodeStrings(keys))).toEqual(reference.findAttributeKeys(set, keys));
    expect(() => simd.findAttributeKeys({} as never, keys)).toThrow(OtlpxSimdArgumentError);
    expect(() => createKeySet(['a', 1 as never])).toThrow(OtlpxSimdArgumentError);
  });

  it('validates arguments once, with stable codes', () => {
    const bounds = Float64Array.of(1, 2);
    expect(() => simd.histogramBuckets([1] as never, bounds, new Float64Array(3))).toThrow(
      OtlpxSimdArgumentError,
    );
    expect(() =>
      simd.histogramBuckets(new Float64Array(1), Float64Array.of(2, 1), new Float64Array(3)),
    ).toThrow(/strictly increasing/);
    expect(() =>
      simd.histogramBuckets(new Float64Array(1), Float64Array.of(Number.NaN), new Float64Array(2)),
    ).toThrow(/not NaN/);
    expect(() => simd.histogramBuckets(new Float64Array(1), bounds, new Float64Array(2))).toThrow(
      /at least 3/,
    );
    expect(() => simd.histogramBuckets(new Float64Array(1), bounds, new Uint32Array(3) as never)).toThrow(
      OtlpxSimdArgumentError,
    );
    expect(() => simd.exponentialIndex(new Float64Array(1), 21)).toThrow(/scale/);
    expect(() => simd.hash64Batch(new Uint8Array(1), Uint32Array.of(0, 1), { seed: -1n })).toThrow(/seed/);
    expect(() => simd.hash64Strings('abc' as never)).toThrow(OtlpxSimdArgumentError);
    expect(() => simd.hash64Strings([null as never])).toThrow(/strings\[0\]/);
    try {
      simd.hexEncode(null as never);
    } catch (err) {
      expect(isOtlpxError(err)).toBe(true);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_INVALID_ARG', argument: 'bytes' });
    }
  });
});

describe('utf8Length', () => {
  it('counts like Buffer.byteLength, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 20 }), (strs) => {
        expect(Array.from(utf8Length(strs))).toEqual(strs.map((s) => Buffer.byteLength(s, 'utf8')));
      }),
    );
    expect(Array.from(utf8Length(['\ud800', '\ud800x', '\udc00\ud800\udc00']))).toEqual([3, 4, 7]);
    expect(() => utf8Length([1 as never])).toThrow(OtlpxSimdArgumentError);
    expect(() => utf8Length('x' as never)).toThrow(OtlpxSimdArgumentError);
  });
});

describe('createSimd', () => {
  it('rejects a backend that cannot load', () => {
    if (!availableBackends().includes('native')) {
      expect(() => createSimd('native')).toThrow(
        expect.objectContaining({ code: 'OTLPX_ERR_SIMD_BACKEND_UNAVAILABLE' }),
      );
    } else {
      expect(createSimd('native').features().length).toBeGreaterThan(0);
    }
  });
});

describe('resolveBackend (OTLPX_SIMD)', () => {
  it('takes an exact value, ignores others with a warning, defaults to the load order', async () => {
    const { resolveBackend } = await import('../src/backend.js');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(resolveBackend(undefined)).toBe(availableBackends()[0]);
      expect(resolveBackend('')).toBe(availableBackends()[0]);
      expect(resolveBackend('js')).toBe('js');
      for (const name of availableBackends()) expect(resolveBackend(name)).toBe(name);
      expect(resolveBackend('NATIVE')).toBe(availableBackends()[0]);
      await new Promise((r) => setImmediate(r));
      expect(warnings.some((m) => m.includes('OTLPX_SIMD=NATIVE is not one of native, wasm, js'))).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
