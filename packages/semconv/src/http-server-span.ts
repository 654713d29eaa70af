import type { HttpServerSpanAttributes } from './gen/groups/http.js';
import { HTTP_SERVER_SPAN_REQUIRED } from './gen/groups/http.js';
import { HttpSpanBuilder, type HttpSpanOptions } from './http-span-builder.js';
import { splitUrl } from './url-parts.js';

/** Builder for `span.http.server` (an inbound HTTP request). */
export class HttpServerSpanBuilder extends HttpSpanBuilder<HttpServerSpanAttributes> {
  /**
   * `url.scheme`, `url.path`, `url.query` (when present, signed values redacted),
   * `server.address` and `server.port` from the request URL as the server reconstructs it.
   */
  url(url: URL | string): this {
    const parts = splitUrl(url);
    this.set('url.scheme', parts.scheme);
    this.set('url.path', parts.path);
    this.set('url.query', parts.query);
    this.set('server.address', parts.address);
    this.set('server.port', parts.port);
    return this;
  }

  /** `http.route`: the low-cardinality route template (`/users/:id`). */
  route(route: string): this {
    return this.set('http.route', route);
  }

  /** `client.address` and, when given, `client.port`. */
  client(address: string, port?: number): this {
    this.set('client.address', address);
    return port === undefined ? this : this.set('client.port', port);
  }
}

/**
 * Attributes of an HTTP server span.
 *
 * ```ts
 * httpServerSpan().method('GET').url(`http://${req.headers.host}${req.url}`).route('/users/:id').build();
 * ```
 */
export function httpServerSpan(options?: HttpSpanOptions): HttpServerSpanBuilder {
  return new HttpServerSpanBuilder('span.http.server', HTTP_SERVER_SPAN_REQUIRED, options);
}
