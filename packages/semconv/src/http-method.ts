import { OtlpxInvalidArgError } from './errors.js';
import { HttpRequestMethodValues } from './gen/stable/http.js';

/** `http.request.method` and, when it was normalised, `http.request.method_original`. */
export interface NormalizedHttpMethod {
  method: string;
  original?: string;
}

const OTHER = HttpRequestMethodValues.OTHER;
let defaultKnown: ReadonlySet<string> | undefined;

/**
 * The methods the instrumentation knows: `OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS` (a
 * comma-separated, case-sensitive full override, as the HTTP conventions require) when set,
 * else every member of the registry enum but `_OTHER`. Read once, on first use.
 */
export function defaultKnownHttpMethods(): ReadonlySet<string> {
  if (defaultKnown === undefined) {
    const env =
      typeof process === 'undefined' ? undefined : process.env.OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS;
    defaultKnown =
      env !== undefined && env.trim() !== ''
        ? knownMethodSet(env.split(','))
        : knownMethodSet(Object.values(HttpRequestMethodValues).filter((m) => m !== OTHER));
  }
  return defaultKnown;
}

/** Forgets the cached environment value (tests). */
export function resetKnownHttpMethods(): void {
  defaultKnown = undefined;
}

export function knownMethodSet(methods: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const m of methods) {
    const method = m.trim();
    if (method !== '') set.add(method);
  }
  return set;
}

/**
 * Normalises a request method as the HTTP conventions say: a known method (case-sensitive) is
 * kept; anything else becomes `_OTHER` and the original goes to `http.request.method_original`.
 */
export function normalizeHttpMethod(
  method: string,
  known: ReadonlySet<string> = defaultKnownHttpMethods(),
): NormalizedHttpMethod {
  if (typeof method !== 'string' || method === '') {
    throw new OtlpxInvalidArgError(
      'method',
      `HTTP method must be a non-empty string, got ${JSON.stringify(method)}`,
    );
  }
  if (known.has(method)) return { method };
  return { method: OTHER, original: method };
}
