{
  # One addon, with each instruction set in its own static library so -mavx2 / -msse4.2 reach
  # only the kernels that cpu.cc calls after __builtin_cpu_supports() said yes.
  # -ffp-contract=off everywhere: no fused multiply-add, so float results match JS and wasm bit for bit.
  "target_defaults": {
    "cflags_cc": ["-std=c++17", "-O3", "-ffp-contract=off"],
    "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "native"],
    "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS", "NAPI_VERSION=8"]
  },
  "targets": [
    {
      "target_name": "otlpx_simd",
      "sources": [
        "native/addon.cc", "native/cpu.cc", "native/perf.cc", "native/histogram_scalar.cc",
        "native/hex_scalar.cc", "native/match_keys.cc", "native/wyhash.cc", "native/varint.cc",
        "native/exponential_index.cc", "native/utf8.cc"
      ],
      "conditions": [
        ["target_arch=='x64'", { "dependencies": ["otlpx_simd_sse42", "otlpx_simd_avx2", "otlpx_simd_bmi2"] }],
        ["target_arch=='arm64'", { "sources": ["native/histogram_neon.cc"] }]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "otlpx_simd_sse42",
          "type": "static_library",
          "sources": ["native/histogram_sse42.cc", "native/hex_sse42.cc"],
          "cflags_cc": ["-msse4.2", "-mssse3"]
        },
        {
          "target_name": "otlpx_simd_avx2",
          "type": "static_library",
          "sources": ["native/histogram_avx2.cc", "native/hex_avx2.cc", "native/match_keys_avx2.cc"],
          "cflags_cc": ["-mavx2", "-msse4.2"]
        },
        {
          "target_name": "otlpx_simd_bmi2",
          "type": "static_library",
          "sources": ["native/varint_bmi2.cc"],
          "cflags_cc": ["-mbmi2"]
        }
      ]
    }]
  ]
}
