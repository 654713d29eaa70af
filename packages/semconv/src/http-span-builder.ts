import type { HttpClientSpanAttributes, HttpServerSpanAttributes } from './gen/groups/http.js';
import { defaultKnownHttpMethods, knownMethodSet, normalizeHttpMethod } from './http-method.js';
import { SpanBuilder } from './span-builder.js';
import { checkSize, checkStatusCode } from './value-checks.js';

export interface HttpSpanOptions {
  /** Methods kept as they are; others become `_OTHER`. Default: `defaultKnownHttpMethods()`. */
  knownMethods?: Iterable<string>;
}

/** Setters shared by the HTTP client and server span builders (`attributes.http.common`). */
export class HttpSpanBuilder<
  T extends HttpClientSpanAttributes | HttpServerSpanAttributes,
> extends SpanBuilder<T> {
  readonly #known: ReadonlySet<string>;

  constructor(group: string, required: readonly string[], options: HttpSpanOptions = {}) {
    super(group, required);
    this.#known = options.knownMethods ? knownMethodSet(options.knownMethods) : defaultKnownHttpMethods();
  }

  /**
   * `http.request.method`, normalised: an unknown method is recorded as `_OTHER` with the
   * original in `http.request.method_original`.
   */
  method(method: string): this {
    const normalized = normalizeHttpMethod(method, this.#known);
    this.setValue('http.request.method', normalized.method);
    return this.setValue('http.request.method_original', normalized.original);
  }

  /** `http.response.status_code`: an integer from 100 to 599. */
  statusCode(code: number): this {
    return this.setValue('http.response.status_code', checkStatusCode(code));
  }

  /**
   * `network.protocol.version` and, when the protocol is not HTTP, `network.protocol.name`
   * (the conventions only require the name when it is not `http`).
   */
  protocol(version: string, name = 'http'): this {
    this.setValue('network.protocol.version', version);
    return this.setValue('network.protocol.name', name.toLowerCase() === 'http' ? undefined : name);
  }

  /** `user_agent.original`. */
  userAgent(value: string): this {
    return this.setValue('user_agent.original', value);
  }

  /** `http.request.body.size` in bytes. */
  requestBodySize(bytes: number): this {
    return this.setValue('http.request.body.size', checkSize(bytes));
  }

  /** `http.response.body.size` in bytes. */
  responseBodySize(bytes: number): this {
    return this.setValue('http.response.body.size', checkSize(bytes));
  }
}
