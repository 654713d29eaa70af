import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { dbClientSpan, httpClientSpan, httpServerSpan } from '@otlpx/semconv';

/**
 * A small but real HTTP service: a node:http server with three routes, called by a client,
 * both traced by hand the way an instrumentation would (SERVER and CLIENT spans with the stable
 * HTTP and database semantic-convention attributes from the @otlpx/semconv builders, errors
 * recorded as exceptions). The search route does real CPU work (ranking and rendering results),
 * so a CPU profile of the demo has something to show under its span.
 */
export interface WorkloadResult {
  requests: number;
  failures: number;
}

const ROUTES = ['/api/users/:id', '/api/orders', '/api/search'] as const;

export async function runHttpWorkload(tracer: Tracer, requests: number): Promise<WorkloadResult> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeOf(url.pathname);
    const span = tracer.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: httpServerSpan()
        .method(req.method ?? 'GET')
        .url(new URL(req.url ?? '/', `http://127.0.0.1:${port}`))
        .route(route)
        .protocol(req.httpVersion)
        .userAgent(req.headers['user-agent'] ?? '')
        .build(),
    });
    context.with(trace.setSpan(context.active(), span), () => {
      const db = tracer.startSpan('SELECT shop.users', {
        kind: SpanKind.CLIENT,
        attributes: dbClientSpan()
          .system('postgresql')
          .namespace('shop')
          .queryText(`SELECT id, name FROM users WHERE id = ${url.pathname.length}`)
          .operation('SELECT')
          .collection('users')
          .server('127.0.0.1', 5432)
          .build(),
      });
      const failed = url.searchParams.get('fail') === '1';
      if (failed) {
        const error = new Error('connection reset by peer');
        db.recordException(error);
        db.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
      db.end();
      const status = failed ? 503 : 200;
      span.setAttribute('http.response.status_code', status);
      if (failed) {
        span.setAttribute('error.type', '503');
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      const body =
        route === '/api/search' && !failed ? renderSearch(url.searchParams.get('q') ?? '') : { ok: !failed };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      span.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let failures = 0;
  try {
    for (let i = 0; i < requests; i++) {
      const path = pathFor(i);
      const status = await tracedGet(tracer, port, path);
      if (status >= 500) failures++;
    }
  } finally {
    await closeServer(server);
  }
  return { requests, failures };
}

function pathFor(i: number): string {
  switch (i % 3) {
    case 0:
      return `/api/users/${1000 + i}`;
    case 1:
      return i % 20 === 1 ? '/api/orders?fail=1' : '/api/orders';
    default:
      return `/api/search?q=item${i}`;
  }
}

function routeOf(pathname: string): string {
  if (pathname.startsWith('/api/users/')) return ROUTES[0];
  return ROUTES.find((r) => r === pathname) ?? pathname;
}

/** Scores 2,000 catalogue items against the query and renders the best 20: a few ms of CPU. */
function renderSearch(query: string): { query: string; results: Array<{ id: number; score: number }> } {
  const scored: Array<{ id: number; score: number }> = [];
  for (let id = 0; id < 2000; id++) {
    const title = `item${id} ${CATALOGUE_WORDS[id % CATALOGUE_WORDS.length]}`;
    let score = 0;
    for (let i = 0; i < query.length; i++) score += title.includes(query[i]) ? 1 : 0;
    scored.push({ id, score: score / (1 + Math.abs(title.length - query.length)) });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  return { query, results: scored.slice(0, 20) };
}

const CATALOGUE_WORDS = ['lamp', 'chair', 'table', 'kettle', 'shelf', 'rug', 'mirror', 'clock'];

function tracedGet(tracer: Tracer, port: number, path: string): Promise<number> {
  const span = tracer.startSpan('GET', {
    kind: SpanKind.CLIENT,
    attributes: httpClientSpan().method('GET').url(`http://127.0.0.1:${port}${path}`).build(),
  });
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { 'user-agent': 'otlpx-demo/1.0' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          span.setAttribute('http.response.status_code', status);
          if (status >= 500) {
            span.setAttribute('error.type', String(status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
          resolve(status);
        });
      },
    );
    req.on('error', (err) => {
      span.recordException(err);
      span.end();
      reject(err);
    });
    req.end();
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
