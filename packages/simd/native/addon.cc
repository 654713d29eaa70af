// N-API glue of @otlpx/simd (NAPI_VERSION 8, one binary for every Node >= 20). Raw kernels: no
// validation beyond argument types; the TypeScript wrappers validate sizes once per call.
// Typed arrays are read with napi_get_typedarray_info directly: each argument costs one call.
#include <napi.h>
#include <cstring>
#include "perf.h"
#include "simd.h"

namespace {

using otlpx::g_dispatch;

template <typename T>
struct View {
  T* data;
  size_t length;
};

template <typename T>
bool arg(napi_env env, napi_value value, napi_typedarray_type want, const char* name, View<T>* out) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, nullptr, nullptr) != napi_ok || type != want) {
    napi_throw_type_error(env, "OTLPX_ERR_INVALID_ARG", name);
    return false;
  }
  out->data = static_cast<T*>(data);
  out->length = length;
  return true;
}

#define ARG(T, idx, kind, name, var)                                      \
  View<T> var;                                                            \
  if (!arg<T>(env, info[idx], kind, name, &var)) return env.Undefined();

bool aligned8(const void* p) { return (reinterpret_cast<uintptr_t>(p) & 7) == 0; }

Napi::Value Histogram(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(double, 0, napi_float64_array, "values must be a Float64Array", values);
  ARG(double, 1, napi_float64_array, "bounds must be a Float64Array", bounds);
  ARG(double, 2, napi_float64_array, "counts must be a Float64Array", counts);
  ARG(double, 3, napi_float64_array, "stats must be a Float64Array", stats);
  if (counts.length < bounds.length + 1 || stats.length < 4) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "counts or stats too short");
    return env.Undefined();
  }
  g_dispatch.histogram(values.data, values.length, bounds.data, bounds.length, counts.data, stats.data);
  return env.Undefined();
}

Napi::Value ExponentialIndex(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(double, 0, napi_float64_array, "values must be a Float64Array", values);
  ARG(int32_t, 2, napi_int32_array, "out must be an Int32Array", out);
  const int scale = info[1].As<Napi::Number>().Int32Value();
  if (out.length < values.length || scale < -10 || scale > 20) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "out too short or scale out of range");
    return env.Undefined();
  }
  otlpx::exponentialIndex(values.data, values.length, scale, out.data);
  return env.Undefined();
}

Napi::Value Hash64(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "bytes must be a Uint8Array", bytes);
  ARG(uint32_t, 1, napi_uint32_array, "offsets must be a Uint32Array", offsets);
  ARG(uint32_t, 4, napi_uint32_array, "out must be a Uint32Array", out);
  const uint64_t seed = (static_cast<uint64_t>(info[3].As<Napi::Number>().Uint32Value()) << 32) |
                        info[2].As<Napi::Number>().Uint32Value();
  const size_t n = offsets.length == 0 ? 0 : offsets.length - 1;
  if (out.length < 2 * n || !aligned8(out.data)) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "out too short or not 8-byte aligned");
    return env.Undefined();
  }
  otlpx::hash64(bytes.data, offsets.data, n, seed, reinterpret_cast<uint64_t*>(out.data));
  return env.Undefined();
}

Napi::Value HexEncode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "src must be a Uint8Array", src);
  ARG(uint8_t, 1, napi_uint8_array, "dst must be a Uint8Array", dst);
  if (dst.length < 2 * src.length) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "dst too short");
    return env.Undefined();
  }
  g_dispatch.hexEncode(src.data, src.length, dst.data);
  return env.Undefined();
}

Napi::Value HexDecode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "src must be a Uint8Array", src);
  ARG(uint8_t, 1, napi_uint8_array, "dst must be a Uint8Array", dst);
  const size_t n = src.length / 2;
  if (dst.length < n) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "dst too short");
    return env.Undefined();
  }
  return Napi::Number::New(env, static_cast<double>(g_dispatch.hexDecode(src.data, n, dst.data)));
}

Napi::Value VarintEncode32(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint32_t, 0, napi_uint32_array, "values must be a Uint32Array", values);
  ARG(uint8_t, 1, napi_uint8_array, "dst must be a Uint8Array", dst);
  if (dst.length < 5 * values.length) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "dst too short");
    return env.Undefined();
  }
  return Napi::Number::New(env, static_cast<double>(otlpx::varintEncode32(values.data, values.length, dst.data)));
}

Napi::Value VarintEncode64(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint32_t, 0, napi_uint32_array, "pairs must be a Uint32Array", pairs);
  ARG(uint8_t, 1, napi_uint8_array, "dst must be a Uint8Array", dst);
  const size_t n = pairs.length / 2;
  if (dst.length < 10 * n || !aligned8(pairs.data)) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "dst too short or pairs not 8-byte aligned");
    return env.Undefined();
  }
  const auto* values = reinterpret_cast<const uint64_t*>(pairs.data);
  return Napi::Number::New(env, static_cast<double>(otlpx::varintEncode64(values, n, dst.data)));
}

Napi::Value VarintDecode32(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "src must be a Uint8Array", src);
  ARG(uint32_t, 1, napi_uint32_array, "dst must be a Uint32Array", dst);
  return Napi::Number::New(env, g_dispatch.varintDecode32(src.data, src.length, dst.data, dst.length));
}

Napi::Value VarintDecode64(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "src must be a Uint8Array", src);
  ARG(uint32_t, 1, napi_uint32_array, "dst must be a Uint32Array", dst);
  if (!aligned8(dst.data)) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "dst not 8-byte aligned");
    return env.Undefined();
  }
  auto* out = reinterpret_cast<uint64_t*>(dst.data);
  return Napi::Number::New(env, g_dispatch.varintDecode64(src.data, src.length, out, dst.length / 2));
}

Napi::Value Utf8Validate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "bytes must be a Uint8Array", bytes);
  ARG(uint32_t, 1, napi_uint32_array, "offsets must be a Uint32Array", offsets);
  ARG(uint8_t, 2, napi_uint8_array, "out must be a Uint8Array", out);
  const size_t n = offsets.length == 0 ? 0 : offsets.length - 1;
  if (out.length < n) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "out too short");
    return env.Undefined();
  }
  return Napi::Number::New(env, static_cast<double>(otlpx::utf8Validate(bytes.data, offsets.data, n, out.data)));
}

Napi::Value MatchKeys(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(uint8_t, 0, napi_uint8_array, "table bytes must be a Uint8Array", tbytes);
  ARG(uint32_t, 1, napi_uint32_array, "table offsets must be a Uint32Array", toffsets);
  ARG(uint32_t, 2, napi_uint32_array, "table prefixes must be a Uint32Array", prefixes);
  ARG(uint8_t, 3, napi_uint8_array, "bytes must be a Uint8Array", bytes);
  ARG(uint32_t, 4, napi_uint32_array, "offsets must be a Uint32Array", offsets);
  ARG(int32_t, 5, napi_int32_array, "out must be an Int32Array", out);
  const size_t m = toffsets.length == 0 ? 0 : toffsets.length - 1;
  const size_t n = offsets.length == 0 ? 0 : offsets.length - 1;
  if (out.length < n || prefixes.length < 2 * m || !aligned8(prefixes.data)) {
    napi_throw_range_error(env, "OTLPX_ERR_INVALID_ARG", "out too short or prefixes not aligned");
    return env.Undefined();
  }
  g_dispatch.matchKeys(tbytes.data, toffsets.data, reinterpret_cast<const uint64_t*>(prefixes.data), m, bytes.data,
                       offsets.data, n, out.data);
  return env.Undefined();
}

Napi::Value Levels(const Napi::CallbackInfo& info) {
  Napi::Array result = Napi::Array::New(info.Env());
  const char* const* levels = otlpx::supportedLevels();
  for (uint32_t k = 0; levels[k] != nullptr; k++) result.Set(k, Napi::String::New(info.Env(), levels[k]));
  return result;
}

Napi::Value Level(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), g_dispatch.level); }

Napi::Value SelectLevel(const Napi::CallbackInfo& info) {
  std::string name = info[0].As<Napi::String>().Utf8Value();
  return Napi::Boolean::New(info.Env(), otlpx::selectLevel(name.c_str()));
}

Napi::Value PerfOpen(const Napi::CallbackInfo& info) {
  const uint32_t type = info[0].As<Napi::Number>().Uint32Value();
  const uint64_t config = static_cast<uint64_t>(info[1].As<Napi::Number>().Int64Value());
  return Napi::Number::New(info.Env(), otlpx::perfOpen(type, config));
}

Napi::Value PerfRead(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), otlpx::perfRead(info[0].As<Napi::Number>().Int32Value()));
}

// Reads every fd of `fds` into `out` (value, or -errno) in one call.
Napi::Value PerfReadAll(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ARG(int32_t, 0, napi_int32_array, "fds must be an Int32Array", fds);
  ARG(double, 1, napi_float64_array, "out must be a Float64Array", out);
  const size_t n = fds.length < out.length ? fds.length : out.length;
  for (size_t i = 0; i < n; i++) out.data[i] = fds.data[i] < 0 ? -1 : otlpx::perfRead(fds.data[i]);
  return env.Undefined();
}

Napi::Value PerfClose(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), otlpx::perfClose(info[0].As<Napi::Number>().Int32Value()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  otlpx::selectLevel("auto");
  exports.Set("histogram", Napi::Function::New(env, Histogram, "histogram"));
  exports.Set("exponentialIndex", Napi::Function::New(env, ExponentialIndex, "exponentialIndex"));
  exports.Set("hash64", Napi::Function::New(env, Hash64, "hash64"));
  exports.Set("hexEncode", Napi::Function::New(env, HexEncode, "hexEncode"));
  exports.Set("hexDecode", Napi::Function::New(env, HexDecode, "hexDecode"));
  exports.Set("varintEncode32", Napi::Function::New(env, VarintEncode32, "varintEncode32"));
  exports.Set("varintEncode64", Napi::Function::New(env, VarintEncode64, "varintEncode64"));
  exports.Set("varintDecode32", Napi::Function::New(env, VarintDecode32, "varintDecode32"));
  exports.Set("varintDecode64", Napi::Function::New(env, VarintDecode64, "varintDecode64"));
  exports.Set("utf8Validate", Napi::Function::New(env, Utf8Validate, "utf8Validate"));
  exports.Set("matchKeys", Napi::Function::New(env, MatchKeys, "matchKeys"));
  exports.Set("levels", Napi::Function::New(env, Levels, "levels"));
  exports.Set("level", Napi::Function::New(env, Level, "level"));
  exports.Set("selectLevel", Napi::Function::New(env, SelectLevel, "selectLevel"));
  exports.Set("perfOpen", Napi::Function::New(env, PerfOpen, "perfOpen"));
  exports.Set("perfRead", Napi::Function::New(env, PerfRead, "perfRead"));
  exports.Set("perfReadAll", Napi::Function::New(env, PerfReadAll, "perfReadAll"));
  exports.Set("perfClose", Napi::Function::New(env, PerfClose, "perfClose"));
  return exports;
}

}  // namespace

NODE_API_MODULE(otlpx_simd, Init)
