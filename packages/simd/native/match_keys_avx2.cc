// AVX2 attribute-key matching: the SIMD prefix filter compares a key's 8-byte prefix with 4 set
// entries per vpcmpeqq; only entries whose prefix matches get the length and byte comparison.
#include <immintrin.h>
#include "simd.h"

namespace otlpx {
namespace detail {
uint64_t prefixOf(const uint8_t* p, size_t len);
bool restEqual(const uint8_t* tbytes, const uint32_t* toffsets, size_t j, const uint8_t* key, size_t len);
}  // namespace detail

namespace avx2 {
void matchKeys(const uint8_t* tbytes, const uint32_t* toffsets, const uint64_t* prefixes, size_t m,
               const uint8_t* bytes, const uint32_t* offsets, size_t n, int32_t* out) {
  for (size_t i = 0; i < n; i++) {
    const uint8_t* key = bytes + offsets[i];
    const size_t len = offsets[i + 1] - offsets[i];
    const uint64_t pfx = detail::prefixOf(key, len);
    const __m256i needle = _mm256_set1_epi64x(static_cast<long long>(pfx));
    int32_t found = -1;
    size_t j = 0;
    for (; j + 4 <= m && found < 0; j += 4) {
      __m256i eq = _mm256_cmpeq_epi64(needle, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prefixes + j)));
      unsigned mask = static_cast<unsigned>(_mm256_movemask_pd(_mm256_castsi256_pd(eq)));
      while (mask != 0) {
        const size_t k = j + static_cast<size_t>(__builtin_ctz(mask));
        if (detail::restEqual(tbytes, toffsets, k, key, len)) {
          found = static_cast<int32_t>(k);
          break;
        }
        mask &= mask - 1;
      }
    }
    for (; j < m && found < 0; j++) {
      if (prefixes[j] == pfx && detail::restEqual(tbytes, toffsets, j, key, len)) found = static_cast<int32_t>(j);
    }
    out[i] = found;
  }
}
}  // namespace avx2
}  // namespace otlpx
