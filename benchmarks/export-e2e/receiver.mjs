// The loopback OTLP/HTTP receiver of the export-e2e benchmark, in its own process (like the
// baseline in shared/research/perf-baselines.md section 2): a plain node:http server on 127.0.0.1
// that reads each body and answers 200 with an empty ExportTraceServiceResponse. It does not
// decompress or decode, so it costs both exporters the same. Prints "PORT <n>" when listening.
import { createServer } from 'node:http';

let requests = 0;
let bytes = 0;
const server = createServer((req, res) => {
  req.on('data', (chunk) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`PORT ${server.address().port}`);
});
process.on('message', (msg) => {
  if (msg === 'stats') process.send({ requests, bytes });
});
process.on('SIGTERM', () => process.exit(0));
