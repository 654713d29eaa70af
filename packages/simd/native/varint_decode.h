// The packed-varint decoder shared by varint.cc (portable fold) and varint_bmi2.cc (PEXT fold):
// one template, so both translation units decode and validate identically and differ only in how
// the 7-bit groups of one varint become a value.
#pragma once
#include <cstring>
#include "simd.h"

namespace otlpx {
namespace detail {

// Bit i set when byte i of the 8-byte little-endian word ends a varint (top bit clear): the
// eight top bits gathered by one multiply, no SIMD instruction needed (same code on arm64).
inline uint64_t terminators8(uint64_t w) {
  return (((~w & 0x8080808080808080ull) >> 7) * 0x0102040810204080ull) >> 56;
}

// Decodes one varint of 9 or 10 bytes (or any length, near the end of the input) byte by byte,
// with Go's validity rule. Returns false when it is truncated or too long.
inline bool decodeSlow(const uint8_t* src, size_t n, size_t& pos, uint64_t& out) {
  uint64_t v = 0;
  int shift = 0;
  for (;;) {
    if (pos >= n) return false;
    const uint8_t b = src[pos++];
    if (shift == 63) {
      if (b > 1) return false;
      v |= static_cast<uint64_t>(b) << 63;
      break;
    }
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  out = v;
  return true;
}

// Windows of 64 bytes: one 64-bit mask of the bytes that end a varint, then one varint per set
// bit. Each varint's start is the previous bit + 1, so the loads depend only on the mask (a
// 1-cycle `mask & (mask - 1)` chain) and not on the previous varint's decode, which is what
// bounded the word-at-a-time decoder (load -> ctz -> position -> load).
template <typename T, uint64_t (*Fold)(uint64_t word, size_t len)>
inline double decodeVarints(const uint8_t* src, size_t n, T* dst, size_t cap) {
  size_t pos = 0, count = 0;
  // A window needs 64 bytes plus 8 readable bytes after its last varint start.
  while (pos + 72 <= n) {
    uint64_t mask = 0;
    for (int k = 0; k < 8; k++) {
      uint64_t w;
      std::memcpy(&w, src + pos + 8 * k, 8);
      mask |= terminators8(w) << (8 * k);
    }
    if (mask == 0 || (mask & 0x3ff) == 0) break;  // first varint longer than 10 bytes: slow path
    size_t start = 0;                            // offset of the next varint in the window
    while (mask != 0) {
      const size_t end = static_cast<size_t>(__builtin_ctzll(mask));
      const size_t len = end + 1 - start;
      if (len > 8) break;  // 9-10 bytes (or invalid): the slow path takes it from `start`
      if (count == cap) return kVarintDstFull - static_cast<double>(pos + start);
      uint64_t w;
      std::memcpy(&w, src + pos + start, 8);
      dst[count++] = static_cast<T>(Fold(w, len));
      start = end + 1;
      mask &= mask - 1;
    }
    pos += start;
    if (mask != 0) {  // stopped at a 9-10 byte varint
      if (count == cap) return kVarintDstFull - static_cast<double>(pos);
      const size_t at = pos;
      uint64_t v;
      if (!decodeSlow(src, n, pos, v)) return -1.0 - static_cast<double>(at);
      dst[count++] = static_cast<T>(v);
    }
  }
  // The last bytes (and anything the windows left): one varint at a time.
  while (pos < n) {
    if (count == cap) return kVarintDstFull - static_cast<double>(pos);
    const size_t at = pos;
    uint64_t v;
    if (pos + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, src + pos, 8);
      const uint64_t stop = terminators8(w);
      if (stop != 0) {
        const unsigned len = static_cast<unsigned>(__builtin_ctzll(stop)) + 1;
        dst[count++] = static_cast<T>(Fold(w, len));
        pos += len;
        continue;
      }
    }
    if (!decodeSlow(src, n, pos, v)) return -1.0 - static_cast<double>(at);
    dst[count++] = static_cast<T>(v);
  }
  return static_cast<double>(count);
}

}  // namespace detail
}  // namespace otlpx
