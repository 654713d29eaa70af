// Would deflating a batch in pieces while the rest is still being encoded lower the latency of one
// export (issue 3's A, gzip)? Per 512-span batch (8 batches of makeHttpServerSpans in rotation, as
// in A), from the first span written to the whole gzip body in hand:
//   one call  encode all spans, then one write into a reused gzip stream with Z_FINISH (shipped)
//   pieces    encode, handing the bytes to one reused gzip stream every 512/N spans (the thread
//             pool deflates a piece while the next is encoded), Z_FINISH after the last
// The two alternate in one process, 100 warm-up and 500 measured exports each; prints p50/p90/p99.
//   node benchmarks/export-e2e/gzip-pieces-latency.mjs [pieces]   (default 4)
import * as zlib from 'node:zlib';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { writeSdkSpanRecord } from '../../packages/proto/dist/sdk.js';
import { ProtoWriter } from '../../packages/proto/dist/wire.js';

const pieces = Number(process.argv[2] ?? 4);
const batches = [];
for (let i = 0; i < 8; i++) batches.push(makeHttpServerSpans({ count: 512, seed: 100 + i }));
const writer = new ProtoWriter(512 * 1024);
const whole = zlib.createGzip({ level: 1, chunkSize: 128 * 1024, flush: zlib.constants.Z_FINISH });
const piped = zlib.createGzip({ level: 1, chunkSize: 128 * 1024 });
let out = [];
whole.on('data', (chunk) => out.push(chunk));
piped.on('data', (chunk) => out.push(chunk));

async function oneCall(spans) {
  writer.reset();
  for (const span of spans) writeSdkSpanRecord(writer, span);
  out = [];
  await new Promise((resolve) => whole.write(writer.buf.subarray(0, writer.pos), resolve));
  whole.reset();
  return Buffer.concat(out);
}

async function inPieces(spans) {
  writer.reset();
  out = [];
  const per = Math.ceil(spans.length / pieces);
  let from = 0;
  for (let i = 0; i < spans.length; i++) {
    writeSdkSpanRecord(writer, spans[i]);
    if ((i + 1) % per === 0 && i + 1 < spans.length) {
      piped.write(Buffer.from(writer.buf.subarray(from, writer.pos))); // a copy: the writer moves on
      from = writer.pos;
    }
  }
  piped.write(Buffer.from(writer.buf.subarray(from, writer.pos)));
  await new Promise((resolve) => piped.flush(zlib.constants.Z_FINISH, resolve));
  piped.reset();
  return Buffer.concat(out);
}

const times = { 'one call': [], [`${pieces} pieces`]: [] };
const variants = [
  ['one call', oneCall],
  [`${pieces} pieces`, inPieces],
];
for (let i = 0; i < 600; i++) {
  for (const [name, run] of i % 2 ? variants : [...variants].reverse()) {
    const spans = batches[i % batches.length];
    const start = performance.now();
    const body = await run(spans);
    if (i >= 100) times[name].push(performance.now() - start);
    // Checked during the warm-up only, so the measured exports follow each other as in A.
    if (i < 16 && !zlib.gunzipSync(body).equals(writer.buf.subarray(0, writer.pos))) {
      throw new Error(`${name}: the gzip body does not give the encoded batch back`);
    }
  }
}
for (const [name, list] of Object.entries(times)) {
  list.sort((a, b) => a - b);
  const at = (q) => list[Math.floor(q * list.length)].toFixed(2);
  console.log(`${name.padEnd(9)} p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} ms`);
}
