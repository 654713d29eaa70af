/**
 * Child process of the kill -9 test: sends batches through a durable transport whose receiver
 * refuses them (503, no retry), so each one is spooled; prints "ACK <n>" when send() resolved,
 * i.e. when the spool acknowledged batch n. The parent kills it with SIGKILL mid-stream.
 * argv: <spool dir> <receiver url>
 */
import { resolveConfig } from '../../src/config.js';
import { HttpTransport } from '../../src/http-transport.js';

const [dir, url] = process.argv.slice(2);
const transport = new HttpTransport(
  resolveConfig(
    'traces',
    { url, retry: false, durable: { directory: dir, replayIntervalMillis: 3_600_000 } },
    {},
  ),
);
const payload = Buffer.alloc(64 * 1024, 0x61); // big enough that a kill lands inside writes
for (let n = 0; ; n++) {
  const body = Buffer.concat([Buffer.from(`batch-${n.toString().padStart(6, '0')}:`), payload]);
  const error = await transport.send(body, 1);
  if (error) {
    console.log(`FAIL ${n} ${error.code}`);
    process.exit(1);
  }
  console.log(`ACK ${n}`);
}
