// The hex ids step of encodeTracesJson alone, on the ids of makeHttpServerSpans({ count: 512 }):
// the per-id checked character loop (what the encoder does without @otlpx/simd, or on its TS
// backend) against the bulk pass of packages/proto/src/trace/bulk-ids.ts (join the id strings,
// one UTF-8 write, one hexDecode, one hexEncode, copy each id back as int32 words), per backend.
// One process, variants alternating, 9 rounds of 2,000 calls; prints the median and best round.
// Run: pnpm --filter @otlpx/simd build && node benchmarks/encode/json-hex-ids.mjs
import { makeHttpServerSpans } from '@otlpx/testkit';
import { availableBackends, createSimd } from '../../packages/simd/dist/index.js';

const spans = makeHttpServerSpans({ count: 512, seed: 42 });
const out = Buffer.allocUnsafe(512 * 200);
const outView = new DataView(out.buffer, out.byteOffset, out.length);
const LOWER_HEX = new Uint8Array(103);
for (const ch of '0123456789abcdef') LOWER_HEX[ch.charCodeAt(0)] = 1;

function spanIds() {
  const ids = [];
  for (const span of spans) {
    const ctx = span.spanContext();
    ids.push(ctx.traceId, ctx.spanId);
    if (span.parentSpanContext?.spanId) ids.push(span.parentSpanContext.spanId);
  }
  return ids;
}

function loop() {
  let pos = 0;
  for (const hex of spanIds()) {
    out[pos++] = 0x22;
    for (let i = 0; i < hex.length; i++) {
      const ch = hex.charCodeAt(i);
      if (ch > 102 || LOWER_HEX[ch] === 0) throw new Error(`not lower-case hex: ${hex}`);
      out[pos++] = ch;
    }
    out[pos++] = 0x22;
  }
}

const text = Buffer.allocUnsafe(512 * 100);
const bytes = new Uint8Array(512 * 50);
const hex = new Uint8Array(512 * 100 + 4);
const hexView = new DataView(hex.buffer);

function bulk(simd) {
  const ids = spanIds();
  const all = ids.join('');
  const n = text.utf8Write(all, 0, text.length);
  simd.hexDecode(text.subarray(0, n), bytes.subarray(0, n >>> 1));
  simd.hexEncode(bytes.subarray(0, n >>> 1), hex.subarray(0, n));
  let pos = 0;
  let from = 0;
  for (const id of ids) {
    out[pos++] = 0x22;
    for (let j = 0; j < id.length; j += 4) outView.setInt32(pos + j, hexView.getInt32(from + j, true), true);
    pos += id.length;
    from += id.length;
    out[pos++] = 0x22;
  }
}

const variants = { loop };
for (const name of availableBackends())
  variants[`bulk, ${name}`] = (
    (simd) => () =>
      bulk(simd)
  )(createSimd(name));
const rounds = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < 9; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    for (let i = 0; i < 200; i++) fn();
    const c = process.cpuUsage();
    for (let i = 0; i < 2000; i++) fn();
    const d = process.cpuUsage(c);
    rounds[name].push(((d.user + d.system) * 1000) / 2000 / spans.length);
  }
}
console.log(
  `ids per span: ${(spanIds().length / spans.length).toFixed(2)}; CPU ns per span, median [best] of 9 rounds`,
);
for (const [name, ns] of Object.entries(rounds)) {
  ns.sort((a, b) => a - b);
  console.log(`${name.padEnd(14)} ${ns[4].toFixed(1).padStart(7)} [${ns[0].toFixed(1)}]`);
}
