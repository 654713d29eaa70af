/**
 * The exporter's own HTTP/1.1 client: keep-alive connections over node:net / node:tls, one
 * request at a time on each, the request head built once per header set and written with the
 * body in one writev, the answer read by ResponseParser (http1-response.ts).
 *
 * Why not node:http: per 512-span request on the 2-core test VM, the exporter's whole transport
 * over this client costs 0.16-0.21 ms of CPU with a p99 of 1.0-1.8 ms, over the node:http
 * keep-alive Agent 0.29-0.40 ms and 2.0-2.7 ms (undici's Pool 0.58-0.62 ms and 2.9-4.2 ms;
 * benchmarks/export-e2e table D, same receiver, same run). An exporter sends hundreds of requests
 * a second on the application's own thread, so that is throughput the application keeps. HttpTransport still uses node:http when the user passes `httpAgentOptions`
 * (an Agent's options have no meaning here) or asks Node for proxies (NODE_USE_ENV_PROXY).
 *
 *   post -> idle connection (LIFO) | new one (up to maxSockets) | wait for one
 *        -> head + body -> response -> connection back to idle (unref'd, closed after 30 s or
 *           before the server's Keep-Alive timeout)
 * A request on a reused connection that the server had closed (no byte of answer) is sent once
 * more on a new connection: servers close idle keep-alive connections at any time.
 */
import { type OutgoingHttpHeaders, validateHeaderName, validateHeaderValue } from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { MAX_RESPONSE_BYTES, RequestTimeout } from './http-request.js';
import { type HttpResponse, ResponseParser } from './http1-response.js';

/** Headers this client writes itself. */
const RESERVED = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

export interface Http1ClientOptions {
  /** Connections open at most; more requests wait for one. */
  readonly maxSockets: number;
  /** For https: trusted CAs, client certificate and key (PEM). */
  readonly tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer };
  /**
   * Idle connections are closed after this long, or 1 s before the server's `Keep-Alive:
   * timeout=N` when that is shorter. Default 30000.
   */
  readonly idleMillis?: number;
  /** Response bodies are kept up to this many bytes. Default 64 KiB. */
  readonly maxResponseBytes?: number;
}

interface Exchange {
  /** The request line and headers, without content-length (built once per header object). */
  readonly head: Buffer;
  readonly body: Uint8Array;
  readonly parser: ResponseParser;
  readonly resolve: (res: HttpResponse) => void;
  readonly reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
  connection: Connection | undefined;
  /** The body has been handed to the kernel: the connection can carry the next request. */
  written: boolean;
  /** Sent again once already (after a reused connection turned out closed). */
  resent: boolean;
  settled: boolean;
}

export class Http1Client {
  readonly #host: string;
  readonly #port: number;
  readonly #secure: boolean;
  readonly #options: Http1ClientOptions;
  readonly #requestLine: string;
  readonly #idle: Connection[] = [];
  readonly #waiting: Exchange[] = [];
  readonly #heads = new WeakMap<OutgoingHttpHeaders, Buffer>();
  #open = 0;
  #destroyed = false;
  /** The last TLS session, offered to the next connection (resumption: no full handshake). */
  #tlsSession: Buffer | undefined;

  constructor(url: URL, options: Http1ClientOptions) {
    this.#secure = url.protocol === 'https:';
    this.#host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = url.port === '' ? (this.#secure ? 443 : 80) : Number(url.port);
    this.#options = options;
    let line = `POST ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: keep-alive\r\n`;
    if (url.username !== '' || url.password !== '') {
      // Credentials in the URL become Basic authorization, as node:http makes them.
      const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      line += `authorization: Basic ${Buffer.from(user).toString('base64')}\r\n`;
    }
    this.#requestLine = line;
  }

  /**
   * POSTs `body` with `headers` (a stable object: its head is built once; content-length is
   * written per request). Rejects with the network error, a ResponseFormatError or a RequestTimeout.
   */
  post(headers: OutgoingHttpHeaders, body: Uint8Array, timeoutMillis: number): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      if (this.#destroyed) throw new Error('the HTTP client is closed');
      const head = this.#head(headers);
      const exchange: Exchange = {
        head,
        body,
        parser: new ResponseParser(this.#options.maxResponseBytes ?? MAX_RESPONSE_BYTES),
        resolve,
        reject,
        timer: undefined,
        connection: undefined,
        written: false,
        resent: false,
        settled: false,
      };
      exchange.timer = setTimeout(
        () => this.#fail(exchange, new RequestTimeout(timeoutMillis)),
        timeoutMillis,
      );
      this.#dispatch(exchange);
    });
  }

  /**
   * Closes the idle connections and fails the requests waiting for one; a connection in use
   * closes when its request ends.
   */
  destroy(): void {
    this.#destroyed = true;
    for (const exchange of this.#waiting.splice(0))
      this.#fail(exchange, new Error('the HTTP client is closed'));
    for (const connection of this.#idle.splice(0)) connection.socket.destroy();
  }

  #head(headers: OutgoingHttpHeaders): Buffer {
    let head = this.#heads.get(headers);
    if (head === undefined) {
      let text = this.#requestLine;
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined || RESERVED.has(name.toLowerCase())) continue;
        for (const one of Array.isArray(value) ? value : [String(value)]) {
          validateHeaderName(name);
          validateHeaderValue(name, one);
          text += `${name}: ${one}\r\n`;
        }
      }
      head = Buffer.from(text, 'latin1');
      this.#heads.set(headers, head);
    }
    return head;
  }

  #dispatch(exchange: Exchange): void {
    if (exchange.settled) return;
    let idle = exchange.resent ? undefined : this.#idle.pop();
    // A connection destroyed a moment ago (idle timeout) leaves the list on its 'close' event.
    while (idle?.socket.destroyed) idle = this.#idle.pop();
    if (idle !== undefined) idle.start(exchange, true);
    else if (this.#open < this.#options.maxSockets || exchange.resent) {
      let connection: Connection;
      try {
        connection = this.#connect();
      } catch (err) {
        // tls.connect throws on unusable certificates or keys: this request fails, nothing leaks.
        this.#fail(exchange, err as Error);
        return;
      }
      connection.start(exchange, false);
    } else this.#waiting.push(exchange);
  }

  #connect(): Connection {
    const socket = this.#secure
      ? tls
          .connect({
            host: this.#host,
            port: this.#port,
            servername: net.isIP(this.#host) === 0 ? this.#host : undefined,
            ALPNProtocols: ['http/1.1'],
            session: this.#tlsSession,
            ...this.#options.tls,
          })
          .on('session', (session: Buffer) => {
            this.#tlsSession = session;
          })
      : net.connect({ host: this.#host, port: this.#port });
    this.#open++;
    return new Connection(this, socket);
  }

  /** A connection finished its exchange and may carry another. */
  released(connection: Connection): void {
    const next = this.#waiting.shift();
    if (next !== undefined) {
      connection.start(next, true);
      return;
    }
    const millis = idleMillis(this.#options.idleMillis ?? 30_000, connection.serverKeepAlive);
    if (this.#destroyed || millis <= 0) {
      connection.socket.destroy();
      return;
    }
    connection.idle(millis);
    this.#idle.push(connection);
  }

  /** A connection closed; its exchange (if any) failed with `err`. */
  closed(connection: Connection, exchange: Exchange | undefined, err: Error): void {
    this.#open--;
    const i = this.#idle.indexOf(connection);
    if (i !== -1) this.#idle.splice(i, 1);
    if (exchange !== undefined && !exchange.settled) {
      if (
        connection.reused &&
        !exchange.parser.started &&
        !exchange.resent &&
        !(err instanceof RequestTimeout)
      ) {
        exchange.resent = true; // the server had closed it while idle: nothing was answered
        this.#dispatch(exchange);
      } else this.#fail(exchange, err);
    }
    const next = this.#waiting.shift();
    if (next !== undefined) this.#dispatch(next);
  }

  /** Settles `exchange` with its response. */
  answered(exchange: Exchange): void {
    if (exchange.settled) return;
    exchange.settled = true;
    clearTimeout(exchange.timer);
    exchange.resolve(exchange.parser.response());
  }

  #fail(exchange: Exchange, err: Error): void {
    if (exchange.settled) return;
    exchange.settled = true;
    clearTimeout(exchange.timer);
    const w = this.#waiting.indexOf(exchange);
    if (w !== -1) this.#waiting.splice(w, 1);
    exchange.connection?.socket.destroy(); // its answer, if it ever comes, belongs to nothing
    exchange.reject(err);
  }
}

class Connection {
  readonly socket: net.Socket;
  readonly #client: Http1Client;
  #exchange: Exchange | undefined;
  /** The current exchange runs on a connection that carried an earlier one. */
  reused = false;
  /** The server's `Keep-Alive` header of the last answer, if any. */
  serverKeepAlive: string | string[] | undefined;
  #closedOnce = false;

  constructor(client: Http1Client, socket: net.Socket) {
    this.#client = client;
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('timeout', () => socket.destroy()); // only set while idle
    socket.on('error', (err) => this.#onClose(err));
    socket.on('close', () => this.#onClose(new Error('socket closed before the response')));
  }

  start(exchange: Exchange, reused: boolean): void {
    this.#exchange = exchange;
    this.reused = reused;
    exchange.connection = this;
    exchange.written = false; // a request sent again writes everything again
    const socket = this.socket;
    socket.setTimeout(0);
    socket.ref();
    socket.cork();
    socket.write(exchange.head);
    socket.write(`content-length: ${exchange.body.length}\r\n\r\n`, 'latin1');
    socket.write(exchange.body, () => {
      exchange.written = true;
    });
    socket.uncork();
  }

  idle(millis: number): void {
    this.socket.setTimeout(millis);
    this.socket.unref(); // an idle connection does not keep the process alive
  }

  #onData(chunk: Buffer): void {
    const exchange = this.#exchange;
    if (exchange === undefined) {
      this.socket.destroy(); // bytes nobody asked for: the connection is out of step
      return;
    }
    let used: number;
    try {
      used = exchange.parser.push(chunk);
    } catch (err) {
      this.socket.destroy(err as Error);
      return;
    }
    if (!exchange.parser.done) return;
    this.#exchange = undefined;
    this.serverKeepAlive = exchange.parser.headers['keep-alive'];
    this.#client.answered(exchange);
    // Reused only when the answer ended cleanly after the whole request went out.
    if (exchange.parser.keepAlive && exchange.written && used === chunk.length && !this.socket.destroyed) {
      this.#client.released(this);
    } else this.socket.destroy();
  }

  #onEnd(): void {
    const exchange = this.#exchange;
    if (exchange?.parser.started) {
      try {
        exchange.parser.end();
        this.#exchange = undefined;
        this.#client.answered(exchange);
      } catch (err) {
        this.socket.destroy(err as Error);
        return;
      }
    }
    this.socket.destroy();
  }

  #onClose(err: Error): void {
    if (this.#closedOnce) return;
    this.#closedOnce = true;
    const exchange = this.#exchange;
    this.#exchange = undefined;
    this.#client.closed(this, exchange, err);
  }
}

/** How long an idle connection is kept: ours, or 1 s less than the server said it keeps it. */
export function idleMillis(ours: number, keepAlive: string | string[] | undefined): number {
  const timeout = /(?:^|[,;\s])timeout=(\d+)/i.exec(String(keepAlive ?? ''));
  if (timeout === null) return ours;
  return Math.max(0, Math.min(ours, Number(timeout[1]) * 1000 - 1000));
}
