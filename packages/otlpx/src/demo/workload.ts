import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

/**
 * A small but real HTTP service: a node:http server with three routes, called by a client,
 * both traced by hand the way an instrumentation would (SERVER and CLIENT spans with the
 * stable HTTP semantic-convention attributes, an INTERNAL span for the data access, errors
 * recorded as exceptions).
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
      attributes: {
        'http.request.method': req.method ?? 'GET',
        'http.route': route,
        'url.path': url.pathname,
        'url.scheme': 'http',
        'server.address': '127.0.0.1',
        'network.protocol.version': req.httpVersion,
        'user_agent.original': req.headers['user-agent'] ?? '',
      },
    });
    context.with(trace.setSpan(context.active(), span), () => {
      const db = tracer.startSpan('SELECT shop.users', {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'postgresql',
          'db.operation.name': 'SELECT',
          'db.collection.name': 'users',
        },
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
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: !failed }));
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

function tracedGet(tracer: Tracer, port: number, path: string): Promise<number> {
  const span = tracer.startSpan('GET', {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.full': `http://127.0.0.1:${port}${path}`,
    },
  });
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { 'user-agent': 'otlpx-demo/1.0' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          span.setAttribute('http.response.status_code', status);
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
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
