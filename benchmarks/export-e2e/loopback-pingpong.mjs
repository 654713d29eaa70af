// The machine's round-trip floor for issue 3's latency figures: one Node process writes `size`
// bytes to another over a loopback TCP connection and waits for a 1-byte answer, 2,000 times in a
// row; prints p50 / p90 / p99 / max in ms. No HTTP, no encoding: what is left is the kernel and
// the wake-up of two processes, which every exporter's export latency contains.
//   node benchmarks/export-e2e/loopback-pingpong.mjs [size]    (default 64; 45000 and 256000 are
//                                                                the gzip and plain 512-span bodies)
import { fork } from 'node:child_process';
import { connect, createServer } from 'node:net';

const size = Number(process.argv[2] ?? 64);

if (process.argv[3] === 'serve') {
  const server = createServer((socket) => {
    let got = 0;
    socket.on('data', (chunk) => {
      got += chunk.length;
      if (got >= size) {
        got -= size;
        socket.write('k');
      }
    });
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const peer = fork(new URL(import.meta.url).pathname, [String(size), 'serve']);
  const port = await new Promise((resolve) => peer.once('message', resolve));
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  const body = Buffer.alloc(size, 1);
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const start = performance.now();
    socket.write(body);
    await new Promise((resolve) => socket.once('data', resolve));
    times.push(performance.now() - start);
  }
  socket.destroy();
  peer.kill();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.floor(q * times.length)].toFixed(3);
  console.log(
    `${size} bytes: p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} max ${times.at(-1).toFixed(3)} ms`,
  );
}
