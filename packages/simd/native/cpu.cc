// Runtime CPU dispatch: the best level this CPU supports is selected at load; tests and
// benchmarks can select a lower one (selectLevel) to exercise every translation unit.
#include <cstring>
#include "simd.h"

namespace otlpx {

Dispatch g_dispatch = {"scalar",          scalar::histogram,      scalar::hexEncode,     scalar::hexDecode,
                       scalar::matchKeys, scalar::varintDecode32, scalar::varintDecode64};

#if defined(__x86_64__) || defined(_M_X64)
// PEXT is one fast instruction on Intel (Haswell on) and AMD Zen 3 on, but microcoded on AMD
// family 15h-17h (up to ~250 cycles on Zen 2), where the portable fold wins by far.
static bool fastPext() {
  if (!__builtin_cpu_supports("bmi2")) return false;
  return !(__builtin_cpu_is("amdfam15h") || __builtin_cpu_is("amdfam17h"));
}
#endif

static const char* g_levels[4] = {nullptr, nullptr, nullptr, nullptr};

const char* const* supportedLevels() {
  if (g_levels[0] == nullptr) {
    int k = 0;
#if defined(__x86_64__) || defined(_M_X64)
    __builtin_cpu_init();
    const bool sse42 = __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("ssse3");
    if (sse42 && __builtin_cpu_supports("avx2")) g_levels[k++] = "avx2";
    if (sse42) g_levels[k++] = "sse4.2";
#elif defined(__aarch64__)
    g_levels[k++] = "neon";  // Advanced SIMD is mandatory in ARMv8-A
#endif
    g_levels[k] = "scalar";
  }
  return g_levels;
}

bool selectLevel(const char* name) {
  const char* const* levels = supportedLevels();
  const char* want = std::strcmp(name, "auto") == 0 ? levels[0] : name;
  bool ok = false;
  for (int k = 0; levels[k] != nullptr; k++) ok = ok || std::strcmp(levels[k], want) == 0;
  if (!ok) return false;
  if (std::strcmp(want, "scalar") == 0) {
    g_dispatch = {"scalar",          scalar::histogram,      scalar::hexEncode,     scalar::hexDecode,
                  scalar::matchKeys, scalar::varintDecode32, scalar::varintDecode64};
  }
#if defined(__x86_64__) || defined(_M_X64)
  else if (std::strcmp(want, "avx2") == 0) {
    const bool pext = fastPext();
    g_dispatch = {"avx2",
                  avx2::histogram,
                  avx2::hexEncode,
                  avx2::hexDecode,
                  avx2::matchKeys,
                  pext ? bmi2::varintDecode32 : scalar::varintDecode32,
                  pext ? bmi2::varintDecode64 : scalar::varintDecode64};
  } else if (std::strcmp(want, "sse4.2") == 0) {
    g_dispatch = {"sse4.2",          sse42::histogram,       sse42::hexEncode,      sse42::hexDecode,
                  scalar::matchKeys, scalar::varintDecode32, scalar::varintDecode64};
  }
#elif defined(__aarch64__)
  else if (std::strcmp(want, "neon") == 0) {
    g_dispatch = {"neon",            neon::histogram,        neon::hexEncode,       scalar::hexDecode,
                  scalar::matchKeys, scalar::varintDecode32, scalar::varintDecode64};
  }
#endif
  return true;
}

}  // namespace otlpx
