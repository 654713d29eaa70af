import type { HttpClientSpanAttributes } from './gen/groups/http.js';
import { HTTP_CLIENT_SPAN_REQUIRED } from './gen/groups/http.js';
import { HttpSpanBuilder, type HttpSpanOptions } from './http-span-builder.js';
import { splitUrl } from './url-parts.js';

/** Builder for `span.http.client` (an outbound HTTP request). */
export class HttpClientSpanBuilder extends HttpSpanBuilder<HttpClientSpanAttributes> {
  /**
   * `url.full` (credentials and signed query values redacted), `url.scheme`, `server.address`
   * and `server.port` (explicit or the scheme's default) from one URL.
   */
  url(url: URL | string): this {
    const parts = splitUrl(url);
    this.set('url.full', parts.full);
    this.set('url.scheme', parts.scheme);
    this.set('server.address', parts.address);
    this.set('server.port', parts.port);
    return this;
  }

  /** `http.request.resend_count`: how many times the request was resent (retries, redirects). */
  resendCount(count: number): this {
    return this.set('http.request.resend_count', count);
  }
}

/**
 * Attributes of an HTTP client span.
 *
 * ```ts
 * httpClientSpan().method('GET').url('https://example.com/a?b=1').statusCode(200).build();
 * ```
 */
export function httpClientSpan(options?: HttpSpanOptions): HttpClientSpanBuilder {
  return new HttpClientSpanBuilder('span.http.client', HTTP_CLIENT_SPAN_REQUIRED, options);
}
