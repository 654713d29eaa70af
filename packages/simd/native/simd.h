// Kernels of @otlpx/simd. Each instruction set lives in its own translation unit compiled with
// its own target flags (binding.gyp); cpu.cc picks one implementation per kernel at load time
// with __builtin_cpu_supports, so no AVX2 instruction can run on a CPU without it.
// The semantics (and bit-exact results) are those of the TypeScript reference in src/js/.
#pragma once
#include <cstddef>
#include <cstdint>

namespace otlpx {

// histogram: adds bucket counts (nb + 1 slots) into counts; stats = [sum, min, max, nanCount].
using HistogramFn = void (*)(const double* values, size_t n, const double* bounds, size_t nb,
                             double* counts, double* stats);
// hexEncode: lower-case hex of src[0, n) into dst[0, 2n).
using HexEncodeFn = void (*)(const uint8_t* src, size_t n, uint8_t* dst);
// hexDecode: n hex pairs of src into dst[0, n); -1 or the index of the first non-hex char.
using HexDecodeFn = int64_t (*)(const uint8_t* src, size_t n, uint8_t* dst);
// matchKeys: out[i] = index of key i in the table, or -1.
using MatchKeysFn = void (*)(const uint8_t* tbytes, const uint32_t* toffsets, const uint64_t* prefixes,
                             size_t m, const uint8_t* bytes, const uint32_t* offsets, size_t n,
                             int32_t* out);
// varintDecode: count, -1 - offset when malformed, kVarintDstFull - offset when dst is full.
using VarintDecode32Fn = double (*)(const uint8_t* src, size_t n, uint32_t* dst, size_t cap);
using VarintDecode64Fn = double (*)(const uint8_t* src, size_t n, uint64_t* dst, size_t cap);
constexpr double kVarintDstFull = -4294967297.0;

namespace scalar {
void histogram(const double*, size_t, const double*, size_t, double*, double*);
void hexEncode(const uint8_t*, size_t, uint8_t*);
int64_t hexDecode(const uint8_t*, size_t, uint8_t*);
void matchKeys(const uint8_t*, const uint32_t*, const uint64_t*, size_t, const uint8_t*, const uint32_t*,
               size_t, int32_t*);
extern const VarintDecode32Fn varintDecode32;
extern const VarintDecode64Fn varintDecode64;
}  // namespace scalar

#if defined(__x86_64__) || defined(_M_X64)
namespace sse42 {
void histogram(const double*, size_t, const double*, size_t, double*, double*);
void hexEncode(const uint8_t*, size_t, uint8_t*);
int64_t hexDecode(const uint8_t*, size_t, uint8_t*);
}  // namespace sse42
namespace avx2 {
void histogram(const double*, size_t, const double*, size_t, double*, double*);
void hexEncode(const uint8_t*, size_t, uint8_t*);
int64_t hexDecode(const uint8_t*, size_t, uint8_t*);
void matchKeys(const uint8_t*, const uint32_t*, const uint64_t*, size_t, const uint8_t*, const uint32_t*,
               size_t, int32_t*);
}  // namespace avx2
namespace bmi2 {
extern const VarintDecode32Fn varintDecode32;
extern const VarintDecode64Fn varintDecode64;
}  // namespace bmi2
#endif

#if defined(__aarch64__)
namespace neon {
void histogram(const double*, size_t, const double*, size_t, double*, double*);
void hexEncode(const uint8_t*, size_t, uint8_t*);
}  // namespace neon
#endif

// Kernels with one portable implementation (multiply- or branch-bound, no SIMD gain).
void exponentialIndex(const double* values, size_t n, int scale, int32_t* out);
void hash64(const uint8_t* bytes, const uint32_t* offsets, size_t n, uint64_t seed, uint64_t* out);
size_t varintEncode32(const uint32_t* values, size_t n, uint8_t* dst);
size_t varintEncode64(const uint64_t* values, size_t n, uint8_t* dst);
size_t utf8Validate(const uint8_t* bytes, const uint32_t* offsets, size_t n, uint8_t* out);

// The implementation each dispatched kernel uses, chosen by selectLevel().
struct Dispatch {
  const char* level;
  HistogramFn histogram;
  HexEncodeFn hexEncode;
  HexDecodeFn hexDecode;
  MatchKeysFn matchKeys;
  VarintDecode32Fn varintDecode32;
  VarintDecode64Fn varintDecode64;
};
extern Dispatch g_dispatch;
// Levels this CPU supports, best first, e.g. {"avx2", "sse4.2", "scalar"}; null terminated.
const char* const* supportedLevels();
// Selects a level by name ("auto" = best); false when the CPU lacks it.
bool selectLevel(const char* name);

// Shared scalar pieces used by the SIMD tails.
namespace detail {
inline size_t bucketOf(double v, const double* bounds, size_t nb) {
  size_t lo = 0, hi = nb;
  while (lo < hi) {
    size_t mid = (lo + hi) >> 1;
    if (v > bounds[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
// Combines the 8 canonical sum lanes in the order of the reference: ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)).
inline double combineLanes(const double* l) {
  return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}
inline double zeroSign(double v) { return v == 0 ? 0.0 : v; }

// Running state of a histogram kernel: the 8 canonical sum lanes, min, max, NaN count.
struct HistogramState {
  double lanes[8];
  double mn;
  double mx;
  double nan;
};

// Values [i, n) one by one (the scalar kernel, and the tails of the vector kernels).
inline void histogramScalar(const double* values, size_t i, size_t n, const double* bounds, size_t nb,
                            size_t linearMax, double* counts, HistogramState* st) {
  for (; i < n; i++) {
    const double v = values[i];
    if (v != v) {
      st->nan += 1;
      continue;
    }
    size_t idx = 0;
    if (nb <= linearMax) {
      for (size_t k = 0; k < nb; k++) idx += v > bounds[k];
    } else {
      idx = bucketOf(v, bounds, nb);
    }
    counts[idx] += 1;
    if (v < st->mn) st->mn = v;
    if (v > st->mx) st->mx = v;
    st->lanes[i & 7] += v;
  }
}

// Adds the 8 per-lane count tables (`slots` entries each) into counts.
inline void mergeTables(const uint32_t* t, size_t slots, double* counts) {
  for (size_t k = 0; k < slots; k++) {
    uint64_t c = 0;
    for (int l = 0; l < 8; l++) c += t[l * slots + k];
    counts[k] += static_cast<double>(c);
  }
}

inline void writeStats(const HistogramState& st, double* stats) {
  stats[0] = combineLanes(st.lanes);
  stats[1] = zeroSign(st.mn);
  stats[2] = zeroSign(st.mx);
  stats[3] = st.nan;
}
extern const int8_t kNibble[256];
extern const char kDigits[17];
}  // namespace detail

}  // namespace otlpx
