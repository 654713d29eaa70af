// SSSE3/SSE4.2 hex: 16 bytes -> 32 chars per iteration with pshufb as a 16-entry digit table;
// decode validates 32 chars with signed compares, then maddubs folds nibble pairs into bytes.
#include <nmmintrin.h>
#include "simd.h"

namespace otlpx {
namespace sse42 {

void hexEncode(const uint8_t* src, size_t n, uint8_t* dst) {
  const __m128i lut = _mm_loadu_si128(reinterpret_cast<const __m128i*>(detail::kDigits));
  const __m128i m4 = _mm_set1_epi8(0x0f);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    __m128i hi = _mm_and_si128(_mm_srli_epi16(x, 4), m4);
    __m128i lo = _mm_and_si128(x, m4);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 2 * i), _mm_shuffle_epi8(lut, _mm_unpacklo_epi8(hi, lo)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 2 * i + 16),
                     _mm_shuffle_epi8(lut, _mm_unpackhi_epi8(hi, lo)));
  }
  scalar::hexEncode(src + i, n - i, dst + 2 * i);
}

// Nibble values of 16 chars; `bad` gets a mask of the chars that are not hex digits.
static inline __m128i nibbles(__m128i c, int* bad) {
  const __m128i lc = _mm_or_si128(c, _mm_set1_epi8(0x20));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)),
                                      _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), c));
  const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lc, _mm_set1_epi8('a' - 1)),
                                      _mm_cmpgt_epi8(_mm_set1_epi8('f' + 1), lc));
  *bad = ~_mm_movemask_epi8(_mm_or_si128(digit, alpha)) & 0xffff;
  return _mm_blendv_epi8(_mm_sub_epi8(lc, _mm_set1_epi8('a' - 10)), _mm_sub_epi8(c, _mm_set1_epi8('0')), digit);
}

int64_t hexDecode(const uint8_t* src, size_t n, uint8_t* dst) {
  const __m128i weights = _mm_set1_epi16(0x0110);  // bytes (16, 1): hi * 16 + lo
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    int bad0, bad1;
    __m128i a = nibbles(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 2 * i)), &bad0);
    __m128i b = nibbles(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 2 * i + 16)), &bad1);
    if (bad0 | bad1) break;  // the scalar loop finds the exact index
    __m128i pa = _mm_maddubs_epi16(a, weights);
    __m128i pb = _mm_maddubs_epi16(b, weights);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_packus_epi16(pa, pb));
  }
  int64_t r = scalar::hexDecode(src + 2 * i, n - i, dst + i);
  return r < 0 ? r : r + static_cast<int64_t>(2 * i);
}

}  // namespace sse42
}  // namespace otlpx
