#!/bin/sh
# Runs the native kernels on a small input set under valgrind memcheck (see memcheck.cjs).
# Exit status 1 on any invalid read/write or use of uninitialised memory in the addon.
# Needs valgrind (Debian: apt-get install valgrind) and a built addon (pnpm install builds it).
set -eu
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null 2>&1; then
  echo "memcheck: valgrind not found (apt-get install -y valgrind)" >&2
  exit 1
fi
log=$(mktemp)
status=0
# V8's own JIT code is not what we check: report only errors with an addon frame.
valgrind --tool=memcheck --error-exitcode=99 --track-origins=no --leak-check=no \
  --log-file="$log" node scripts/memcheck.cjs || status=$?
if grep -q "otlpx_simd.node" "$log" && grep -B2 -A12 "Invalid\|uninitialised" "$log" | grep -q "otlpx_simd"; then
  grep -B2 -A20 "Invalid\|uninitialised" "$log" | head -80
  echo "memcheck: errors in the addon (full log: $log)" >&2
  exit 1
fi
grep "ERROR SUMMARY" "$log" | tail -1
if [ "$status" -ne 0 ] && [ "$status" -ne 99 ]; then
  echo "memcheck: node exited with $status (log: $log)" >&2
  exit 1
fi
rm -f "$log"
echo "memcheck: no errors in otlpx_simd.node"
