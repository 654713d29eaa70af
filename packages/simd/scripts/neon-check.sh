#!/bin/sh
# Cross-compiles test/native/kernel_check.cc with the arm64 kernels (NEON) and runs it under
# qemu-aarch64: NEON results must equal the scalar ones bit for bit. Needs Debian's
# g++-aarch64-linux-gnu and qemu-user. Without them it says so and exits 0 (not a CI gate yet).
set -eu
cd "$(dirname "$0")/.."
if ! command -v aarch64-linux-gnu-g++ >/dev/null 2>&1 || ! command -v qemu-aarch64 >/dev/null 2>&1; then
  echo "neon-check: skipped (apt-get install -y g++-aarch64-linux-gnu qemu-user)"
  exit 0
fi
out=$(mktemp -d)
aarch64-linux-gnu-g++ -std=c++17 -O2 -ffp-contract=off -Wall -Wextra -static -Inative -o "$out/kernel_check" \
  test/native/kernel_check.cc native/cpu.cc native/histogram_scalar.cc native/histogram_neon.cc \
  native/hex_scalar.cc native/match_keys.cc native/varint.cc
qemu-aarch64 "$out/kernel_check"
rm -rf "$out"
