// Packed-varint decode with BMI2: PEXT gathers the 7-bit groups of a varint in one instruction
// (the portable fold takes a dozen). Compiled with -mbmi2 and chosen by cpu.cc only where PEXT is
// fast: not on AMD family 15h-17h (Bulldozer to Zen 2), which microcode it at up to ~250 cycles.
#include <immintrin.h>
#include "varint_decode.h"

namespace otlpx {

static inline uint64_t foldPext(uint64_t w, size_t len) {
  return _pext_u64(w, 0x7f7f7f7f7f7f7f7full >> (64 - 8 * len));
}

namespace bmi2 {
const VarintDecode32Fn varintDecode32 = detail::decodeVarints<uint32_t, foldPext>;
const VarintDecode64Fn varintDecode64 = detail::decodeVarints<uint64_t, foldPext>;
}  // namespace bmi2

}  // namespace otlpx
