// One measured process of the export-e2e transport comparison. argv: <client> <port> <bytes>
//   client: otlpx  @otlpx/exporter-otlp's transport as it ships: OtlpTraceExporter#exportEncoded
//                  (its own HTTP/1.1 client; compression none, the gzip body sent as it is with a
//                  content-encoding header), so the row includes the exporter's own per-request work
//           http   node:http keep-alive Agent, the options HttpTransport uses when the user passes
//                  httpAgentOptions (maxSockets 4, lifo), headers built once, one `end(buf)`
//           undici undici Pool (4 connections, no pipelining), `request()` with the same headers
//           socket the floor under any client: one net.Socket, the whole request (head + body)
//                  built once and written as one buffer, done at the end of the answer's head
//                  (the receiver answers content-length: 0); no HTTP parsing, no timers
// POSTs one encoded 512-span request (or its gzip, with bytes=gzip) back to back: 50 warm-up, 400
// measured; prints one JSON line (wall p50/p90/p99 per request and process CPU per request).
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import { gzipSync } from 'node:zlib';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { encodeTraces } from '../../packages/proto/dist/index.js';

const [client, port, bytes] = process.argv.slice(2);
const url = new URL(`http://127.0.0.1:${port}/v1/traces`);
const plain = Buffer.from(encodeTraces(makeHttpServerSpans({ count: 512, seed: 1 })));
const body = bytes === 'gzip' ? gzipSync(plain, { level: 1 }) : plain;
const headers = { 'user-agent': 'otlpx-bench', 'content-type': 'application/x-protobuf' };
if (bytes === 'gzip') headers['content-encoding'] = 'gzip';

let post;
let close;
if (client === 'otlpx') {
  const { OtlpTraceExporter } = await import('../../packages/exporter-otlp/dist/index.js');
  const extra = bytes === 'gzip' ? { 'content-encoding': 'gzip' } : {};
  const exporter = new OtlpTraceExporter({ url: url.href, compression: 'none', headers: extra });
  post = async () => {
    const error = await exporter.exportEncoded(body, 512);
    if (error) throw error;
    return 200;
  };
  close = () => exporter.shutdown();
} else if (client === 'http') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4, maxFreeSockets: 4, scheduling: 'lifo' });
  const withLength = { ...headers, 'content-length': body.length };
  post = () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: withLength }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
  close = () => agent.destroy();
} else if (client === 'socket') {
  const head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}content-length: ${body.length}\r\n\r\n`;
  const request = Buffer.concat([Buffer.from(head, 'latin1'), body]);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answered;
  let seen = '';
  socket.on('data', (chunk) => {
    seen += chunk.toString('latin1');
    if (!seen.includes('\r\n\r\n')) return;
    const status = Number(seen.slice(9, 12));
    seen = '';
    answered(status);
  });
  post = () =>
    new Promise((resolve) => {
      answered = resolve;
      socket.write(request);
    });
  close = () => socket.destroy();
} else {
  // undici is a devDependency of @otlpx/exporter-otlp (this comparison is why).
  const require = createRequire(new URL('../../packages/exporter-otlp/package.json', import.meta.url));
  const { Pool } = require('undici');
  const pool = new Pool(url.origin, { connections: 4, pipelining: 1 });
  post = async () => {
    const res = await pool.request({ path: url.pathname, method: 'POST', headers, body });
    await res.body.dump();
    return res.statusCode;
  };
  close = () => pool.close();
}

const times = [];
let cpu0;
for (let i = 0; i < 450; i++) {
  if (i === 50) cpu0 = process.cpuUsage();
  const start = performance.now();
  const status = await post();
  if (status !== 200) throw new Error(`status ${status}`);
  if (i >= 50) times.push(performance.now() - start);
}
const cpu = process.cpuUsage(cpu0);
await close();
times.sort((a, b) => a - b);
const q = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 1000) / 1000;
console.log(
  JSON.stringify({
    client,
    bytes: body.length,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    cpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / times.length) * 1000) / 1000,
  }),
);
