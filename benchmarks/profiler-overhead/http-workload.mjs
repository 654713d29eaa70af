// The async HTTP workload of the overhead benchmarks (async-arms.mjs, callgrind-arms.mjs): a local
// server and 8 concurrent keep-alive clients in one process, a span per request on both sides
// (NodeTracerProvider registered), cpuUnit() per request unless `light`.
import { Agent, createServer, request as httpRequest } from 'node:http';
import { requireFromProfiling } from './bundle.mjs';
import { cpuUnit } from './cpu-unit.mjs';

export async function startHttpWorkload({ light = false } = {}) {
  const { NodeTracerProvider } = requireFromProfiling('@opentelemetry/sdk-trace-node');
  const api = requireFromProfiling('@opentelemetry/api');
  new NodeTracerProvider().register();
  const tracer = api.trace.getTracer('bench');
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const server = createServer((req, res) => {
    tracer.startActiveSpan('server', (span) => {
      res.end(JSON.stringify({ path: req.url, at: Date.now(), items: [1, 2, 3] }));
      span.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const one = () =>
    tracer.startActiveSpan('GET /item', async (span) => {
      await new Promise((resolve, reject) => {
        const req = httpRequest({ port, path: '/item', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
      if (!light) cpuUnit();
      span.end();
    });
  /** `n` requests, 8 at a time. */
  async function run(n) {
    for (let i = 0; i < n; i += 8) {
      const batch = [];
      for (let j = 0; j < 8 && i + j < n; j++) batch.push(one());
      await Promise.all(batch);
    }
  }
  const close = () => {
    server.close();
    agent.destroy();
  };
  return { api, tracer, run, close };
}
