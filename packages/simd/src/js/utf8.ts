/**
 * Reference UTF-8 validation (RFC 3629): rejects overlong forms, surrogates (U+D800-DFFF),
 * code points above U+10FFFF, stray continuation bytes and truncated sequences.
 */
export function isUtf8Range(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c < 0xc2 || c > 0xf4) return false;
    if (c < 0xe0) {
      if (i + 1 >= end || (b[i + 1] & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (c < 0xf0) {
      if (i + 2 >= end) return false;
      const c1 = b[i + 1];
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return false;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return false;
      i += 3;
      continue;
    }
    if (i + 3 >= end) return false;
    const c1 = b[i + 1];
    if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return false;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return false;
    i += 4;
  }
  return true;
}

export function utf8ValidateJs(bytes: Uint8Array, offsets: Uint32Array, out: Uint8Array): number {
  const n = offsets.length - 1;
  let invalid = 0;
  for (let i = 0; i < n; i++) {
    const ok = isUtf8Range(bytes, offsets[i], offsets[i + 1]);
    out[i] = ok ? 1 : 0;
    if (!ok) invalid++;
  }
  return invalid;
}

/**
 * UTF-8 byte length of a JS string as TextEncoder / Buffer.byteLength count it (a lone surrogate
 * becomes U+FFFD, 3 bytes). Runs in JS on every backend: crossing into C++ per string costs more
 * than this loop for the short strings of telemetry (see README, "utf8Length").
 */
export function utf8LengthOf(s: string): number {
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      len += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        len += 2;
        i++;
      } else len += 2;
    } else len += 2;
  }
  return len;
}
