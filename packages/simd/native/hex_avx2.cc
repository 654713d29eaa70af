// AVX2 hex: encode widens 16 bytes to 16-bit lanes (hi nibble in the low byte, lo nibble in the
// high byte) so one vpshufb emits 32 chars in order; decode handles 64 chars per iteration.
#include <immintrin.h>
#include "simd.h"

namespace otlpx {
namespace avx2 {

void hexEncode(const uint8_t* src, size_t n, uint8_t* dst) {
  const __m256i lut = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(detail::kDigits)));
  const __m256i m4 = _mm256_set1_epi16(0x0f);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m256i w = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)));
    __m256i pair = _mm256_or_si256(_mm256_srli_epi16(w, 4), _mm256_slli_epi16(_mm256_and_si256(w, m4), 8));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + 2 * i), _mm256_shuffle_epi8(lut, pair));
  }
  scalar::hexEncode(src + i, n - i, dst + 2 * i);
}

static inline __m256i nibbles(__m256i c, uint32_t* bad) {
  const __m256i lc = _mm256_or_si256(c, _mm256_set1_epi8(0x20));
  const __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(c, _mm256_set1_epi8('0' - 1)),
                                         _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), c));
  const __m256i alpha = _mm256_and_si256(_mm256_cmpgt_epi8(lc, _mm256_set1_epi8('a' - 1)),
                                         _mm256_cmpgt_epi8(_mm256_set1_epi8('f' + 1), lc));
  *bad = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(digit, alpha)));
  return _mm256_blendv_epi8(_mm256_sub_epi8(lc, _mm256_set1_epi8('a' - 10)),
                            _mm256_sub_epi8(c, _mm256_set1_epi8('0')), digit);
}

int64_t hexDecode(const uint8_t* src, size_t n, uint8_t* dst) {
  const __m256i weights = _mm256_set1_epi16(0x0110);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint32_t bad0, bad1;
    __m256i a = nibbles(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 2 * i)), &bad0);
    __m256i b = nibbles(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 2 * i + 32)), &bad1);
    if (bad0 | bad1) break;
    // packus interleaves 128-bit lanes: (a.lo, b.lo, a.hi, b.hi); permute restores the order.
    __m256i packed = _mm256_packus_epi16(_mm256_maddubs_epi16(a, weights), _mm256_maddubs_epi16(b, weights));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_permute4x64_epi64(packed, 0xd8));
  }
  int64_t r = sse42::hexDecode(src + 2 * i, n - i, dst + i);
  return r < 0 ? r : r + static_cast<int64_t>(2 * i);
}

}  // namespace avx2
}  // namespace otlpx
