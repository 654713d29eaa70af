/**
 * A real OTLP/HTTP receiver for the tests: node:http (or https) on 127.0.0.1, an ephemeral port.
 * It records every request (headers, raw and decompressed body) and answers from a script of
 * responders, then 200 with an empty body. Responders can also close the socket or never answer.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as it arrived. */
  readonly raw: Buffer;
  /** The body after Content-Encoding was undone. */
  readonly body: Buffer;
  readonly at: number;
  /** The client's port: one per connection. */
  readonly remotePort: number;
}

export type Responder = (req: ReceivedRequest, res: http.ServerResponse) => void;

export function reply(
  status: number,
  body: Uint8Array | string = '',
  headers: http.OutgoingHttpHeaders = {},
): Responder {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** Destroys the connection without an answer (a crashed or restarted collector). */
export function closeSocket(): Responder {
  return (_req, res) => {
    res.socket?.destroy();
  };
}

/** Never answers: the client's deadline must end the request. */
export function hang(): Responder {
  return () => {};
}

export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly #script: Responder[] = [];
  #fallback: Responder = reply(200);
  #server: http.Server;
  #waiters: { count: number; resolve: () => void }[] = [];

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(tls?: https.ServerOptions): Promise<TestReceiver> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => receiver.#handle(req, res);
    const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    const receiver = new TestReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  url(path = '/v1/traces'): string {
    return `${this.#server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${this.port}${path}`;
  }

  /** Answers the next requests with these responders, in order. */
  respond(...responders: Responder[]): this {
    this.#script.push(...responders);
    return this;
  }

  /** Answers every request not covered by `respond` with this one (default: 200, empty). */
  otherwise(responder: Responder): this {
    this.#fallback = responder;
    return this;
  }

  /** Resolves once `count` requests have arrived in total. */
  waitFor(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body: decompress(raw, req.headers['content-encoding']),
        at: Date.now(),
        remotePort: req.socket.remotePort ?? 0,
      };
      this.requests.push(received);
      const responder = this.#script.shift() ?? this.#fallback;
      responder(received, res);
      for (const w of this.#waiters.filter((w) => this.requests.length >= w.count)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  }
}

function decompress(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return zlib.gunzipSync(raw);
  if (encoding === 'zstd') {
    return (zlib as unknown as { zstdDecompressSync: (b: Buffer) => Buffer }).zstdDecompressSync(raw);
  }
  return raw;
}
