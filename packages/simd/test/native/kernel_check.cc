// C++-level check of the dispatched kernels against the scalar ones, for targets the JS tests
// cannot run on here: scripts/neon-check.sh cross-compiles it for arm64 and runs it under
// qemu-aarch64 (NEON vs scalar). Also builds natively (every level this CPU has vs scalar).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>
#include "simd.h"

using namespace otlpx;

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t next() {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static int failures = 0;
static void check(bool ok, const char* what, const char* level, size_t n) {
  if (!ok) {
    std::printf("FAIL %s level=%s n=%zu\n", what, level, n);
    failures++;
  }
}

static bool sameBits(double a, double b) { return std::memcmp(&a, &b, 8) == 0; }

int main() {
  const size_t sizes[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 1000, 4099};
  for (const char* const* lv = supportedLevels(); *lv != nullptr; lv++) {
    const char* level = *lv;
    for (size_t n : sizes) {
      std::vector<double> values(n);
      for (size_t i = 0; i < n; i++) {
        const uint64_t r = next();
        values[i] = r % 17 == 0 ? NAN : r % 19 == 0 ? -0.0 : r % 23 == 0 ? INFINITY : static_cast<double>(r % 100000) / 7.0 - 500;
      }
      for (size_t nb : {0, 1, 16, 70, 200}) {
        std::vector<double> bounds(nb);
        for (size_t k = 0; k < nb; k++) bounds[k] = static_cast<double>(k) * 97.0 - 1000;
        std::vector<double> c1(nb + 1), c2(nb + 1);
        double s1[4], s2[4];
        scalar::histogram(values.data(), n, bounds.data(), nb, c1.data(), s1);
        selectLevel(level);
        g_dispatch.histogram(values.data(), n, bounds.data(), nb, c2.data(), s2);
        bool ok = c1 == c2;
        for (int k = 0; k < 4; k++) ok = ok && (sameBits(s1[k], s2[k]) || (std::isnan(s1[k]) && std::isnan(s2[k])));
        check(ok, "histogram", level, n);
      }
      std::vector<uint8_t> src(n), h1(2 * n), h2(2 * n), d1(n), d2(n);
      for (size_t i = 0; i < n; i++) src[i] = static_cast<uint8_t>(next());
      scalar::hexEncode(src.data(), n, h1.data());
      g_dispatch.hexEncode(src.data(), n, h2.data());
      check(h1 == h2, "hexEncode", level, n);
      if (n > 0) h2[next() % (2 * n)] = 'g';
      check(scalar::hexDecode(h2.data(), n, d1.data()) == g_dispatch.hexDecode(h2.data(), n, d2.data()), "hexDecode", level, n);
    }
  }
  selectLevel("auto");
  std::printf("kernel_check: %s, level %s, %d failures\n", failures ? "FAILED" : "ok", g_dispatch.level, failures);
  return failures ? 1 : 0;
}
