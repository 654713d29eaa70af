// Seeded fixtures of the simd-kernels benchmark (and the crossover sweep): same bytes every run.
import { createKeySet, encodeStrings, varintEncode } from '../../packages/simd/dist/index.js';

export function rng(seed = 0x5eed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'http',
  'server',
  'request',
  'duration',
  'db',
  'statement',
  'user',
  'agent',
  'route',
  'net',
  'peer',
];
const FRAMES = [
  'processTicksAndRejections',
  'node:internal/process/task_queues',
  'Module._compile',
  'handler',
  'äöü',
];

function keyLike(r) {
  const parts = 1 + Math.floor(r() * 4);
  const out = [];
  for (let i = 0; i < parts; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  if (r() < 0.2) out.push(FRAMES[Math.floor(r() * FRAMES.length)]);
  return out.join('.');
}

/**
 * Builds the inputs of one kernel at `n` elements; returns `(simd) => thunk` running it, with
 * `.units`: the size the public wrapper compares with its threshold (hexDecode: chars,
 * varintDecode: input bytes, else n).
 */
export function fixture(kernel, n) {
  const bind = build(kernel, n);
  bind.units = bind.units ?? n;
  return bind;
}

function build(kernel, n) {
  const r = rng();
  switch (kernel) {
    case 'histogram': {
      const values = Float64Array.from({ length: n }, () => 0.1 * 300_000 ** r());
      const bounds = Float64Array.from({ length: 16 }, (_, i) => 0.1 * 300_000 ** ((i + 1) / 17));
      const counts = new Float64Array(17);
      return (simd) => () => simd.histogramBuckets(values, bounds, counts);
    }
    case 'exponentialIndex': {
      const values = Float64Array.from({ length: n }, () => 0.1 * 300_000 ** r());
      const out = new Int32Array(n);
      return (simd) => () => simd.exponentialIndex(values, 8, out);
    }
    case 'hash64': {
      const { bytes, offsets } = encodeStrings(Array.from({ length: n }, () => keyLike(r)));
      const out = new BigUint64Array(n);
      return (simd) => () => simd.hash64Batch(bytes, offsets, { out });
    }
    case 'hexEncode': {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
      const out = new Uint8Array(2 * n);
      return (simd) => () => simd.hexEncode(bytes, out);
    }
    case 'hexDecode': {
      const hex = new TextEncoder().encode(
        Buffer.from(Uint8Array.from({ length: n }, () => Math.floor(r() * 256))).toString('hex'),
      );
      const out = new Uint8Array(n);
      return Object.assign((simd) => () => simd.hexDecode(hex, out), { units: hex.length });
    }
    case 'varintEncode': {
      const values = BigUint64Array.from({ length: n }, () =>
        BigInt(Math.floor(r() < 0.5 ? r() * 128 : r() < 0.6 ? r() * 16384 : r() * 2 ** 40)),
      );
      const out = new Uint8Array(10 * n);
      return (simd) => () => simd.varintEncode(values, out);
    }
    case 'varintDecode': {
      const values = BigUint64Array.from({ length: n }, () =>
        BigInt(Math.floor(r() < 0.5 ? r() * 128 : r() < 0.6 ? r() * 16384 : r() * 2 ** 40)),
      );
      const bytes = varintEncode(values).slice();
      const out = new BigUint64Array(n);
      return Object.assign((simd) => () => simd.varintDecode(bytes, out), { units: bytes.length });
    }
    case 'utf8Validate': {
      const { bytes, offsets } = encodeStrings(Array.from({ length: n }, () => keyLike(r)));
      const out = new Uint8Array(n);
      return (simd) => () => simd.utf8ValidateBatch(bytes, offsets, out);
    }
    case 'matchKeys': {
      const setKeys = Array.from({ length: 32 }, (_, i) => `${keyLike(r)}.${i}`);
      const set = createKeySet(setKeys);
      const keys = Array.from({ length: n }, () => (r() < 0.5 ? setKeys[Math.floor(r() * 32)] : keyLike(r)));
      const enc = encodeStrings(keys);
      const out = new Int32Array(n);
      return (simd) => () => simd.findAttributeKeys(set, enc, out);
    }
    default:
      throw new Error(`unknown kernel ${kernel}`);
  }
}

export const KERNELS = [
  'histogram',
  'exponentialIndex',
  'hash64',
  'hexEncode',
  'hexDecode',
  'varintEncode',
  'varintDecode',
  'utf8Validate',
  'matchKeys',
];
