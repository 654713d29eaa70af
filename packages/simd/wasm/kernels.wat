;; WebAssembly SIMD (simd128) kernels of @otlpx/simd, assembled by scripts/build-wasm.cjs with
;; the wabt npm package into kernels.wasm. Semantics are those of the TS reference (src/js/);
;; src/wasm-backend.ts copies inputs into this memory, calls, copies results out, and runs the
;; short tails (< one vector) in TS so every kernel here only sees whole vectors.
(module
  (memory (export "memory") 2)

  ;; ---------------------------------------------------------------------------------------
  ;; histogram(values, n, bounds2, nb, tables, out): n is a multiple of 8. bounds2 holds each
  ;; bound twice (one v128 per bound). tables: 8 zeroed u32 count tables of nb + 1 slots, one per
  ;; lane. out: 4 sum accumulators (lanes 0-1, 2-3, 4-5, 6-7: the canonical order), min (2 lanes),
  ;; max (2 lanes), NaN count (2 i64 lanes). NaN lanes count as bucket 0 in the tables; the glue
  ;; subtracts them.
  (func (export "histogram") (param $v i32) (param $n i32) (param $b i32) (param $nb i32)
                             (param $t i32) (param $out i32)
    (local $end i32) (local $bend i32) (local $p i32) (local $q i32) (local $slots4 i32)
    (local $t1 i32) (local $t2 i32) (local $t3 i32) (local $t4 i32) (local $t5 i32) (local $t6 i32) (local $t7 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $i0 v128) (local $i1 v128) (local $i2 v128) (local $i3 v128)
    (local $bb v128) (local $mn v128) (local $mx v128) (local $nan v128) (local $m v128)
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $bend (i32.add (local.get $b) (i32.shl (local.get $nb) (i32.const 4))))
    (local.set $slots4 (i32.shl (i32.add (local.get $nb) (i32.const 1)) (i32.const 2)))
    (local.set $t1 (i32.add (local.get $t) (local.get $slots4)))
    (local.set $t2 (i32.add (local.get $t1) (local.get $slots4)))
    (local.set $t3 (i32.add (local.get $t2) (local.get $slots4)))
    (local.set $t4 (i32.add (local.get $t3) (local.get $slots4)))
    (local.set $t5 (i32.add (local.get $t4) (local.get $slots4)))
    (local.set $t6 (i32.add (local.get $t5) (local.get $slots4)))
    (local.set $t7 (i32.add (local.get $t6) (local.get $slots4)))
    (local.set $mn (f64x2.splat (f64.const inf)))
    (local.set $mx (f64x2.splat (f64.const -inf)))
    (block $done
      (loop $values
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (local.set $x0 (v128.load offset=0 (local.get $v)))
        (local.set $x1 (v128.load offset=16 (local.get $v)))
        (local.set $x2 (v128.load offset=32 (local.get $v)))
        (local.set $x3 (v128.load offset=48 (local.get $v)))
        ;; NaN lanes: counted, added as +0, skipped by pmin/pmax (they return the first operand).
        (local.set $m (f64x2.ne (local.get $x0) (local.get $x0)))
        (local.set $nan (i64x2.sub (local.get $nan) (local.get $m)))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.andnot (local.get $x0) (local.get $m))))
        (local.set $m (f64x2.ne (local.get $x1) (local.get $x1)))
        (local.set $nan (i64x2.sub (local.get $nan) (local.get $m)))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.andnot (local.get $x1) (local.get $m))))
        (local.set $m (f64x2.ne (local.get $x2) (local.get $x2)))
        (local.set $nan (i64x2.sub (local.get $nan) (local.get $m)))
        (local.set $a2 (f64x2.add (local.get $a2) (v128.andnot (local.get $x2) (local.get $m))))
        (local.set $m (f64x2.ne (local.get $x3) (local.get $x3)))
        (local.set $nan (i64x2.sub (local.get $nan) (local.get $m)))
        (local.set $a3 (f64x2.add (local.get $a3) (v128.andnot (local.get $x3) (local.get $m))))
        (local.set $mn (f64x2.pmin (f64x2.pmin (local.get $mn) (local.get $x0)) (local.get $x1)))
        (local.set $mn (f64x2.pmin (f64x2.pmin (local.get $mn) (local.get $x2)) (local.get $x3)))
        (local.set $mx (f64x2.pmax (f64x2.pmax (local.get $mx) (local.get $x0)) (local.get $x1)))
        (local.set $mx (f64x2.pmax (f64x2.pmax (local.get $mx) (local.get $x2)) (local.get $x3)))
        ;; bucket index = number of bounds below the value: subtract each all-ones "gt" mask.
        (local.set $i0 (v128.const i64x2 0 0))
        (local.set $i1 (v128.const i64x2 0 0))
        (local.set $i2 (v128.const i64x2 0 0))
        (local.set $i3 (v128.const i64x2 0 0))
        (local.set $p (local.get $b))
        (block $bdone
          (loop $bounds
            (br_if $bdone (i32.ge_u (local.get $p) (local.get $bend)))
            (local.set $bb (v128.load (local.get $p)))
            (local.set $i0 (i64x2.sub (local.get $i0) (f64x2.gt (local.get $x0) (local.get $bb))))
            (local.set $i1 (i64x2.sub (local.get $i1) (f64x2.gt (local.get $x1) (local.get $bb))))
            (local.set $i2 (i64x2.sub (local.get $i2) (f64x2.gt (local.get $x2) (local.get $bb))))
            (local.set $i3 (i64x2.sub (local.get $i3) (f64x2.gt (local.get $x3) (local.get $bb))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $bounds)))
        ;; one count table per lane: consecutive increments never hit the same slot.
        (local.set $q (i32.add (local.get $t) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $i0))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t1) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $i0))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t2) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $i1))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t3) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $i1))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t4) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $i2))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t5) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $i2))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t6) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $i3))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $q (i32.add (local.get $t7) (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $i3))) (i32.const 2))))
        (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $values)))
    (v128.store offset=0 (local.get $out) (local.get $a0))
    (v128.store offset=16 (local.get $out) (local.get $a1))
    (v128.store offset=32 (local.get $out) (local.get $a2))
    (v128.store offset=48 (local.get $out) (local.get $a3))
    (v128.store offset=64 (local.get $out) (local.get $mn))
    (v128.store offset=80 (local.get $out) (local.get $mx))
    (v128.store offset=96 (local.get $out) (local.get $nan)))

  ;; ---------------------------------------------------------------------------------------
  ;; hexEncode(src, n, dst): n is a multiple of 16; 16 bytes -> 32 lower-case hex chars.
  (func (export "hexEncode") (param $s i32) (param $n i32) (param $d i32)
    (local $end i32) (local $x v128) (local $hi v128) (local $lo v128) (local $lut v128)
    (local.set $lut (v128.const i8x16 48 49 50 51 52 53 54 55 56 57 97 98 99 100 101 102))
    (local.set $end (i32.add (local.get $s) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (local.set $x (v128.load (local.get $s)))
        (local.set $hi (i8x16.shr_u (local.get $x) (i32.const 4)))
        (local.set $lo (v128.and (local.get $x) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
        (v128.store offset=0 (local.get $d)
          (i8x16.swizzle (local.get $lut)
            (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get $hi) (local.get $lo))))
        (v128.store offset=16 (local.get $d)
          (i8x16.swizzle (local.get $lut)
            (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31 (local.get $hi) (local.get $lo))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
        (br $next))))

  ;; Nibble pairs of 16 hex chars folded into the low byte of each 16-bit lane; the i32 result is
  ;; 1 when all 16 chars are hex digits (either case).
  (func $pairs (param $c v128) (result v128 i32)
    (local $lc v128) (local $digit v128) (local $alpha v128) (local $val v128)
    (local.set $lc (v128.or (local.get $c) (i8x16.splat (i32.const 0x20))))
    (local.set $digit (v128.and (i8x16.ge_u (local.get $c) (i8x16.splat (i32.const 48)))
                                (i8x16.le_u (local.get $c) (i8x16.splat (i32.const 57)))))
    (local.set $alpha (v128.and (i8x16.ge_u (local.get $lc) (i8x16.splat (i32.const 97)))
                                (i8x16.le_u (local.get $lc) (i8x16.splat (i32.const 102)))))
    (local.set $val (v128.bitselect (i8x16.sub (local.get $c) (i8x16.splat (i32.const 48)))
                                    (i8x16.sub (local.get $lc) (i8x16.splat (i32.const 87)))
                                    (local.get $digit)))
    (v128.or (v128.and (i16x8.shl (local.get $val) (i32.const 4)) (i16x8.splat (i32.const 0xf0)))
             (i16x8.shr_u (local.get $val) (i32.const 8)))
    (i8x16.all_true (v128.or (local.get $digit) (local.get $alpha))))

  ;; hexDecode(src, n, dst): n output bytes, a multiple of 16 (32 chars per step). Returns the
  ;; bytes decoded: it stops before the first 32-char block holding a non-hex char, and the glue
  ;; finds that char with the TS kernel.
  (func (export "hexDecode") (param $s i32) (param $n i32) (param $d i32) (result i32)
    (local $start i32) (local $end i32) (local $lo v128) (local $hi v128) (local $ok1 i32) (local $ok2 i32)
    (local.set $start (local.get $d))
    (local.set $end (i32.add (local.get $d) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (call $pairs (v128.load offset=0 (local.get $s)))
        (local.set $ok1)
        (local.set $lo)
        (call $pairs (v128.load offset=16 (local.get $s)))
        (local.set $ok2)
        (local.set $hi)
        (br_if $done (i32.eqz (i32.and (local.get $ok1) (local.get $ok2))))
        (v128.store (local.get $d) (i8x16.narrow_i16x8_u (local.get $lo) (local.get $hi)))
        (local.set $s (i32.add (local.get $s) (i32.const 32)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br $next)))
    (i32.sub (local.get $d) (local.get $start)))

  ;; ---------------------------------------------------------------------------------------
  ;; wyhash final4 (see native/wyhash.cc). wasm has no 64x64->128 multiply: the high half comes
  ;; from four 32x32->64 products.
  (func $mum (param $a i64) (param $b i64) (result i64 i64)
    (local $a0 i64) (local $a1 i64) (local $b0 i64) (local $b1 i64)
    (local $p00 i64) (local $p01 i64) (local $p10 i64) (local $mid i64)
    (local.set $a0 (i64.and (local.get $a) (i64.const 0xffffffff)))
    (local.set $a1 (i64.shr_u (local.get $a) (i64.const 32)))
    (local.set $b0 (i64.and (local.get $b) (i64.const 0xffffffff)))
    (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
    (local.set $p00 (i64.mul (local.get $a0) (local.get $b0)))
    (local.set $p01 (i64.mul (local.get $a0) (local.get $b1)))
    (local.set $p10 (i64.mul (local.get $a1) (local.get $b0)))
    (local.set $mid (i64.add (i64.add (i64.shr_u (local.get $p00) (i64.const 32))
                                      (i64.and (local.get $p01) (i64.const 0xffffffff)))
                             (i64.and (local.get $p10) (i64.const 0xffffffff))))
    (i64.mul (local.get $a) (local.get $b))
    (i64.add (i64.add (i64.mul (local.get $a1) (local.get $b1))
                      (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32))))
             (i64.shr_u (local.get $mid) (i64.const 32))))

  (func $mix (param $a i64) (param $b i64) (result i64)
    (i64.xor (call $mum (local.get $a) (local.get $b))))

  (func $r4 (param $p i32) (result i64) (i64.extend_i32_u (i32.load (local.get $p))))

  ;; hash64(bytes, offsets, n, seedLo, seedHi, out): out[k] = wyhash(bytes[offsets[k]..offsets[k+1]]).
  (func (export "hash64") (param $bytes i32) (param $offs i32) (param $n i32)
                          (param $seedLo i32) (param $seedHi i32) (param $out i32)
    (local $k i32) (local $p i32) (local $len i32) (local $i i32) (local $q i32)
    (local $base i64) (local $s i64) (local $e1 i64) (local $e2 i64) (local $a i64) (local $b i64) (local $hi i64)
    (local.set $s (i64.or (i64.shl (i64.extend_i32_u (local.get $seedHi)) (i64.const 32))
                          (i64.extend_i32_u (local.get $seedLo))))
    (local.set $base (i64.xor (local.get $s)
      (call $mix (i64.xor (local.get $s) (i64.const 0x2d358dccaa6c78a5)) (i64.const 0x8bb84b93962eacc9))))
    (block $done
      (loop $key
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $p (i32.add (local.get $bytes) (i32.load (local.get $offs))))
        (local.set $len (i32.sub (i32.load offset=4 (local.get $offs)) (i32.load (local.get $offs))))
        (local.set $s (local.get $base))
        (if (i32.le_u (local.get $len) (i32.const 16))
          (then
            (if (i32.ge_u (local.get $len) (i32.const 4))
              (then
                (local.set $q (i32.shl (i32.shr_u (local.get $len) (i32.const 3)) (i32.const 2)))
                (local.set $a (i64.or (i64.shl (call $r4 (local.get $p)) (i64.const 32))
                                      (call $r4 (i32.add (local.get $p) (local.get $q)))))
                (local.set $i (i32.sub (i32.add (local.get $p) (local.get $len)) (i32.const 4)))
                (local.set $b (i64.or (i64.shl (call $r4 (local.get $i)) (i64.const 32))
                                      (call $r4 (i32.sub (local.get $i) (local.get $q))))))
              (else
                (local.set $b (i64.const 0))
                (local.set $a (i64.const 0))
                (if (i32.gt_u (local.get $len) (i32.const 0))
                  (then
                    (local.set $a (i64.or (i64.or
                      (i64.shl (i64.load8_u (local.get $p)) (i64.const 16))
                      (i64.shl (i64.load8_u (i32.add (local.get $p) (i32.shr_u (local.get $len) (i32.const 1)))) (i64.const 8)))
                      (i64.load8_u (i32.sub (i32.add (local.get $p) (local.get $len)) (i32.const 1))))))))))
          (else
            (local.set $i (local.get $len))
            (if (i32.ge_u (local.get $i) (i32.const 48))
              (then
                (local.set $e1 (local.get $s))
                (local.set $e2 (local.get $s))
                (loop $block48
                  (local.set $s (call $mix (i64.xor (i64.load offset=0 (local.get $p)) (i64.const 0x8bb84b93962eacc9))
                                           (i64.xor (i64.load offset=8 (local.get $p)) (local.get $s))))
                  (local.set $e1 (call $mix (i64.xor (i64.load offset=16 (local.get $p)) (i64.const 0x4b33a62ed433d4a3))
                                            (i64.xor (i64.load offset=24 (local.get $p)) (local.get $e1))))
                  (local.set $e2 (call $mix (i64.xor (i64.load offset=32 (local.get $p)) (i64.const 0x4d5a2da51de1aa47))
                                            (i64.xor (i64.load offset=40 (local.get $p)) (local.get $e2))))
                  (local.set $p (i32.add (local.get $p) (i32.const 48)))
                  (local.set $i (i32.sub (local.get $i) (i32.const 48)))
                  (br_if $block48 (i32.ge_u (local.get $i) (i32.const 48))))
                (local.set $s (i64.xor (local.get $s) (i64.xor (local.get $e1) (local.get $e2))))))
            (block $b16done
              (loop $block16
                (br_if $b16done (i32.le_u (local.get $i) (i32.const 16)))
                (local.set $s (call $mix (i64.xor (i64.load offset=0 (local.get $p)) (i64.const 0x8bb84b93962eacc9))
                                         (i64.xor (i64.load offset=8 (local.get $p)) (local.get $s))))
                (local.set $i (i32.sub (local.get $i) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $block16)))
            (local.set $a (i64.load (i32.sub (i32.add (local.get $p) (local.get $i)) (i32.const 16))))
            (local.set $b (i64.load (i32.sub (i32.add (local.get $p) (local.get $i)) (i32.const 8))))))
        (call $mum (i64.xor (local.get $a) (i64.const 0x8bb84b93962eacc9)) (i64.xor (local.get $b) (local.get $s)))
        (local.set $hi)
        (local.set $a)
        (i64.store (local.get $out)
          (call $mix (i64.xor (i64.xor (local.get $a) (i64.const 0x2d358dccaa6c78a5)) (i64.extend_i32_u (local.get $len)))
                     (i64.xor (local.get $hi) (i64.const 0x8bb84b93962eacc9))))
        (local.set $offs (i32.add (local.get $offs) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $key))))

  ;; ---------------------------------------------------------------------------------------
  ;; varintDecode(src, n, limit, dst, cap, wide): as src/js/varint.ts for the varints that start
  ;; before `limit` (<= n: the glue decodes long inputs in chunks and passes n - 16 for all but the
  ;; last, so no varint is cut). wide = 1 stores u64, 0 the low u32. Returns the count, -1 - offset
  ;; when malformed, -4294967297 - offset when dst is full. Stores the count at address 0 (the glue
  ;; copies that many values out, also on errors) and the offset reached at address 4.
  ;;
;; Fast path: the terminator bytes of 64 input bytes as one i64 mask (4 x i8x16.bitmask), then
  ;; the varints ending there two at a time: start and end from the mask (ctz, blsr), one 8-byte
  ;; load per lane, the 7->14->28->56-bit fold in i64x2. No branch depends on a varint's length,
  ;; and the only loop-carried chain is the mask (the previous kernel chained load -> ctz -> pos
  ;; per one or two varints). Varints over 8 bytes, the last 72 bytes and errors go through the
  ;; byte loop. Kernel alone on the benchmark's 1,000,000 varints (50 % 1 byte, 30 % 2, 20 % ~6;
  ;; thread CPU time, one process, variants alternating): 3.6 ns/value before (8-byte word, one or
  ;; two varints per step, pos chained through each load); 2.5 one varint per step from the mask;
  ;; 2.05 two per i64x2 step with a length check per pair; 1.24 with the check once per block;
  ;; a select instead of the odd-count exit 1.47; masks held in locals: no change.
  (func (export "varintDecode") (param $src i32) (param $n i32) (param $limit i32) (param $dst i32)
                                (param $cap i32) (param $wide i32) (result f64)
    (local $pos i32) (local $count i32) (local $start i32) (local $shift i64) (local $v i64)
    (local $byte i64) (local $p i32) (local $e i32) (local $term i64)
    (local $q i32) (local $stride i32) (local $stride2 i32) (local $rest i64) (local $e2 i32) (local $x v128) (local $y v128)
    (local.set $stride (i32.shl (i32.const 4) (local.get $wide)))
    (local.set $stride2 (i32.shl (local.get $stride) (i32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $limit)))
        (block $slow
          (br_if $slow (i32.or (i32.gt_u (i32.add (local.get $pos) (i32.const 72)) (local.get $n))
                               (i32.gt_u (i32.add (local.get $count) (i32.const 64)) (local.get $cap))))
          (local.set $start (i32.add (local.get $src) (local.get $pos)))
          (local.set $term (i64.xor (i64.const -1)
            (i64.or (i64.or (i64.extend_i32_u (i8x16.bitmask (v128.load offset=0 (local.get $start))))
                            (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.load offset=16 (local.get $start)))) (i64.const 16)))
                    (i64.or (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.load offset=32 (local.get $start)))) (i64.const 32))
                            (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.load offset=48 (local.get $start)))) (i64.const 48))))))
          ;; Keep the terminators before the first varint over 8 bytes (8 continuation bytes in
          ;; a row: bit i of $rest); those varints and what follows go through the byte loop.
          (local.set $rest (i64.xor (local.get $term) (i64.const -1)))
          (local.set $rest (i64.and (local.get $rest) (i64.shr_u (local.get $rest) (i64.const 1))))
          (local.set $rest (i64.and (local.get $rest) (i64.shr_u (local.get $rest) (i64.const 2))))
          (local.set $rest (i64.and (local.get $rest) (i64.shr_u (local.get $rest) (i64.const 4))))
          (local.set $term (i64.and (local.get $term)
            (i64.sub (i64.and (local.get $rest) (i64.sub (i64.const 0) (local.get $rest))) (i64.const 1))))
          (br_if $slow (i64.eqz (local.get $term)))
          ;; Two varints per step, one i64x2 lane each: $p..$e and $e + 1..$e2 ($e, $e2: the lowest
          ;; set bits of $term). With one terminator left, lane 1 decodes bytes after it and its
          ;; slot (within cap, past the returned count) is not counted.
          (local.set $p (local.get $start))
          (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.add (local.get $wide) (i32.const 2)))))
          (block $even (block $last (loop $pairs
            (local.set $rest (i64.and (local.get $term) (i64.sub (local.get $term) (i64.const 1))))
            (local.set $e (i32.add (local.get $start) (i32.wrap_i64 (i64.ctz (local.get $term)))))
            (local.set $e2 (i32.add (local.get $start) (i32.wrap_i64 (i64.ctz (local.get $rest)))))
            (local.set $x (v128.load64_lane offset=1 1 (local.get $e) (v128.load64_zero (local.get $p))))
            ;; Keep each lane's bytes up to its first terminator; the fold's masks drop bit 7.
            (local.set $y (v128.andnot (v128.const i64x2 0x8080808080808080 0x8080808080808080) (local.get $x)))
            (local.set $x (v128.and (local.get $x)
              (v128.xor (local.get $y) (i64x2.sub (local.get $y) (v128.const i64x2 1 1)))))
            (local.set $x (v128.or (i64x2.shr_u (v128.and (local.get $x) (v128.const i64x2 0x7f007f007f007f00 0x7f007f007f007f00)) (i32.const 1))
                                   (v128.and (local.get $x) (v128.const i64x2 0x007f007f007f007f 0x007f007f007f007f))))
            (local.set $x (v128.or (i64x2.shr_u (v128.and (local.get $x) (v128.const i64x2 0x3fff00003fff0000 0x3fff00003fff0000)) (i32.const 2))
                                   (v128.and (local.get $x) (v128.const i64x2 0x00003fff00003fff 0x00003fff00003fff))))
            (local.set $x (v128.or (i64x2.shr_u (v128.and (local.get $x) (v128.const i64x2 0x0fffffff00000000 0x0fffffff00000000)) (i32.const 4))
                                   (v128.and (local.get $x) (v128.const i64x2 0x000000000fffffff 0x000000000fffffff))))
            (if (local.get $wide)
              (then (v128.store (local.get $q) (local.get $x)))
              (else (v128.store64_lane 0 (local.get $q)
                      (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $x) (local.get $x)))))
            (br_if $last (i64.eqz (local.get $rest)))
            (local.set $q (i32.add (local.get $q) (local.get $stride2)))
            (local.set $p (i32.add (local.get $e2) (i32.const 1)))
            (local.set $term (i64.and (local.get $rest) (i64.sub (local.get $rest) (i64.const 1))))
            (br_if $pairs (i64.ne (local.get $term) (i64.const 0)))
            (br $even)))
          ;; One varint was left: lane 0 only.
          (local.set $q (i32.add (local.get $q) (local.get $stride)))
          (local.set $p (i32.add (local.get $e) (i32.const 1))))
          (local.set $count (i32.shr_u (i32.sub (local.get $q) (local.get $dst)) (i32.add (local.get $wide) (i32.const 2))))
          (local.set $pos (i32.sub (local.get $p) (local.get $src)))
          (br $next))
        ;; One varint byte by byte.
        (if (i32.eq (local.get $count) (local.get $cap))
          (then (i32.store (i32.const 0) (local.get $count))
                (return (f64.sub (f64.const -4294967297) (f64.convert_i32_u (local.get $pos))))))
        (local.set $start (local.get $pos))
        (local.set $v (i64.const 0))
        (local.set $shift (i64.const 0))
        (block $end
          (loop $byte
            (if (i32.ge_u (local.get $pos) (local.get $n))
              (then (i32.store (i32.const 0) (local.get $count))
                    (return (f64.sub (f64.const -1) (f64.convert_i32_u (local.get $start))))))
            (local.set $byte (i64.load8_u (i32.add (local.get $src) (local.get $pos))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (if (i64.eq (local.get $shift) (i64.const 63))
              (then
                (if (i64.gt_u (local.get $byte) (i64.const 1))
                  (then (i32.store (i32.const 0) (local.get $count))
                        (return (f64.sub (f64.const -1) (f64.convert_i32_u (local.get $start))))))
                (local.set $v (i64.or (local.get $v) (i64.shl (local.get $byte) (i64.const 63))))
                (br $end)))
            (local.set $v (i64.or (local.get $v) (i64.shl (i64.and (local.get $byte) (i64.const 0x7f)) (local.get $shift))))
            (local.set $shift (i64.add (local.get $shift) (i64.const 7)))
            (br_if $byte (i64.ge_u (local.get $byte) (i64.const 0x80)))))
        (if (local.get $wide)
          (then (i64.store (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 3))) (local.get $v)))
          (else (i32.store (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 2))) (i32.wrap_i64 (local.get $v)))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 0) (local.get $count))
    (i32.store (i32.const 4) (local.get $pos))
    (f64.convert_i32_u (local.get $count)))

  ;; varintEncode(src, n, dst, wide): n values (u64 when wide, else u32); returns bytes written.
  (func (export "varintEncode") (param $src i32) (param $n i32) (param $dst i32) (param $wide i32) (result i32)
    (local $start i32) (local $end i32) (local $v i64)
    (local.set $start (local.get $dst))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.add (i32.const 2) (local.get $wide)))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (if (local.get $wide)
          (then
            (local.set $v (i64.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 8))))
          (else
            (local.set $v (i64.load32_u (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))))
        (block $last
          (loop $more
            (br_if $last (i64.le_u (local.get $v) (i64.const 0x7f)))
            (i32.store8 (local.get $dst) (i32.or (i32.wrap_i64 (local.get $v)) (i32.const 0x80)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
            (local.set $v (i64.shr_u (local.get $v) (i64.const 7)))
            (br $more)))
        (i32.store8 (local.get $dst) (i32.wrap_i64 (local.get $v)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (br $next)))
    (i32.sub (local.get $dst) (local.get $start)))
)
