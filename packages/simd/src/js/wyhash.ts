/**
 * Reference wyhash, version "final4" (wyhash.h by Wang Yi, 2022; WYHASH_CONDOM 1, default secret
 * _wyp), on 64-bit values held as (hi, lo) uint32 halves, since JS has no 64x64->128 multiply.
 * The native and wasm kernels implement the same function; every backend returns the same hashes.
 *
 * The 128-bit product is built from 32x32->64 products, each from 16-bit limbs so every partial
 * stays below 2^53 and is exact in a double.
 */
const S0H = 0x2d358dcc;
const S0L = 0xaa6c78a5;
const S1H = 0x8bb84b93;
const S1L = 0x962eacc9;
const S2H = 0x4b33a62e;
const S2L = 0xd433d4a3;
const S3H = 0x4d5a2da5;
const S3L = 0x1de1aa47;
const TWO32 = 4294967296;

// Results of mul32 / mum / mix live in module slots: no allocation per call.
let pH = 0;
let pL = 0;
let rLoH = 0;
let rLoL = 0;
let rHiH = 0;
let rHiL = 0;
let mH = 0;
let mL = 0;

/** 32x32 -> 64: sets pH, pL. */
function mul32(a: number, b: number): void {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const mid = a0 * b1 + a1 * b0;
  const lo = a0 * b0 + (mid % 65536) * 65536;
  pL = lo >>> 0;
  pH = (a1 * b1 + Math.floor(mid / 65536) + Math.floor(lo / TWO32)) >>> 0;
}

/** 64x64 -> 128 (wyhash _wymum): sets (rLoH, rLoL) and (rHiH, rHiL). */
function mum(ah: number, al: number, bh: number, bl: number): void {
  mul32(al, bl);
  const llH = pH;
  const llL = pL;
  mul32(ah, bl);
  const hlH = pH;
  const hlL = pL;
  mul32(al, bh);
  const lhH = pH;
  const lhL = pL;
  mul32(ah, bh);
  const t1 = llH + hlL + lhL;
  const c1 = Math.floor(t1 / TWO32);
  const t2 = hlH + lhH + pL + c1;
  const c2 = Math.floor(t2 / TWO32);
  rLoL = llL;
  rLoH = t1 >>> 0;
  rHiL = t2 >>> 0;
  rHiH = (pH + c2) >>> 0;
}

/** wyhash _wymix: sets (mH, mL) = lo64 ^ hi64 of the product. */
function mix(ah: number, al: number, bh: number, bl: number): void {
  mum(ah, al, bh, bl);
  mH = (rLoH ^ rHiH) >>> 0;
  mL = (rLoL ^ rHiL) >>> 0;
}

function r4(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

/** Hashes each range [offsets[i], offsets[i+1]) into out[2i] (lo), out[2i+1] (hi). */
export function hash64Js(
  bytes: Uint8Array,
  offsets: Uint32Array,
  seedLo: number,
  seedHi: number,
  out: Uint32Array,
): void {
  const n = offsets.length - 1;
  // seed ^= _wymix(seed ^ secret[0], secret[1]): the same for every key of the batch.
  mix((seedHi ^ S0H) >>> 0, (seedLo ^ S0L) >>> 0, S1H, S1L);
  const baseH = (seedHi ^ mH) >>> 0;
  const baseL = (seedLo ^ mL) >>> 0;
  for (let k = 0; k < n; k++) {
    let p = offsets[k];
    const len = offsets[k + 1] - p;
    let sH = baseH;
    let sL = baseL;
    let aH = 0;
    let aL = 0;
    let bH = 0;
    let bL = 0;
    if (len <= 16) {
      if (len >= 4) {
        const q = (len >>> 3) << 2;
        aH = r4(bytes, p);
        aL = r4(bytes, p + q);
        bH = r4(bytes, p + len - 4);
        bL = r4(bytes, p + len - 4 - q);
      } else if (len > 0) {
        aL = (bytes[p] << 16) | (bytes[p + (len >>> 1)] << 8) | bytes[p + len - 1];
      }
    } else {
      let i = len;
      if (i >= 48) {
        let e1H = sH;
        let e1L = sL;
        let e2H = sH;
        let e2L = sL;
        do {
          mix(r4(bytes, p + 4) ^ S1H, r4(bytes, p) ^ S1L, r4(bytes, p + 12) ^ sH, r4(bytes, p + 8) ^ sL);
          sH = mH;
          sL = mL;
          mix(
            r4(bytes, p + 20) ^ S2H,
            r4(bytes, p + 16) ^ S2L,
            r4(bytes, p + 28) ^ e1H,
            r4(bytes, p + 24) ^ e1L,
          );
          e1H = mH;
          e1L = mL;
          mix(
            r4(bytes, p + 36) ^ S3H,
            r4(bytes, p + 32) ^ S3L,
            r4(bytes, p + 44) ^ e2H,
            r4(bytes, p + 40) ^ e2L,
          );
          e2H = mH;
          e2L = mL;
          p += 48;
          i -= 48;
        } while (i >= 48);
        sH = (sH ^ e1H ^ e2H) >>> 0;
        sL = (sL ^ e1L ^ e2L) >>> 0;
      }
      while (i > 16) {
        mix(r4(bytes, p + 4) ^ S1H, r4(bytes, p) ^ S1L, r4(bytes, p + 12) ^ sH, r4(bytes, p + 8) ^ sL);
        sH = mH;
        sL = mL;
        i -= 16;
        p += 16;
      }
      aL = r4(bytes, p + i - 16);
      aH = r4(bytes, p + i - 12);
      bL = r4(bytes, p + i - 8);
      bH = r4(bytes, p + i - 4);
    }
    // a ^= secret[1]; b ^= seed; _wymum(&a, &b);
    mum((aH ^ S1H) >>> 0, (aL ^ S1L) >>> 0, (bH ^ sH) >>> 0, (bL ^ sL) >>> 0);
    // return _wymix(a ^ secret[0] ^ len, b ^ secret[1]); len < 2^32 here.
    mix((rLoH ^ S0H) >>> 0, (rLoL ^ S0L ^ len) >>> 0, (rHiH ^ S1H) >>> 0, (rHiL ^ S1L) >>> 0);
    out[2 * k] = mL;
    out[2 * k + 1] = mH;
  }
}
