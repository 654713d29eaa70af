/**
 * The user's functions among the options (`headers`, `httpAgentOptions`), called the way the
 * official exporter calls them (headers before every request, so a rotating token is fresh on
 * retries too; the Agent once), but never trusted: each call is bounded by the time the request
 * has left, a throw or rejection becomes an `OptionFunctionError` that fails the request like a
 * network error (retryable, reported), and headers are checked like the constructor's, skipped
 * rather than thrown, so a bad name or a value with CR/LF never reaches the wire.
 */
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import type { HeadersFactory, HttpAgentFactory } from './config.js';
import { report } from './errors.js';
import { isHeaderValue, isToken } from './headers.js';
import { attempt, within } from './time-limit.js';

/** A user's option function failed; `option` names it. */
export class OptionFunctionError extends Error {
  readonly option: 'headers' | 'httpAgentOptions';
  constructor(option: 'headers' | 'httpAgentOptions', message: string, cause?: unknown) {
    super(`the ${option} function ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'OptionFunctionError';
    this.option = option;
  }
}

/** Bad header names reported, at most: a function that makes up new ones cannot grow the set. */
const MAX_WARNED_NAMES = 64;

/** Headers the transport always sets itself: the function cannot replace them. */
const OWN = ['content-type', 'content-encoding'] as const;

/**
 * `base` (user agent, environment and content headers) with what `factory` returns merged over
 * it, per lower-cased name; `warned` remembers names already reported as unusable.
 */
export async function headersWith(
  factory: HeadersFactory,
  base: OutgoingHttpHeaders,
  timeoutMillis: number,
  warned: Set<string>,
): Promise<OutgoingHttpHeaders> {
  const extra = await call('headers', () => factory(), timeoutMillis);
  if (typeof extra !== 'object' || extra === null) {
    throw new OptionFunctionError(
      'headers',
      `returned ${extra === null ? 'null' : typeof extra}, not an object`,
    );
  }
  const headers: OutgoingHttpHeaders = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    const text = value === undefined || value === null ? undefined : String(value);
    if (!isToken(name) || text === undefined || !isHeaderValue(text)) {
      if (!warned.has(name) && warned.size < MAX_WARNED_NAMES) {
        warned.add(name);
        // Only the name (cut short): the value may be a secret.
        report(
          'warn',
          'OTLPX_ERR_CONFIG_INVALID',
          `options.headers function: header ${JSON.stringify(name.slice(0, 100))} skipped: not a valid HTTP header`,
        );
      }
      continue;
    }
    headers[name.toLowerCase()] = text;
  }
  for (const name of OWN) {
    const own = base[name] as string | undefined;
    if (own === undefined) delete headers[name];
    else headers[name] = own;
  }
  return headers;
}

/**
 * The Agent of `factory` for `protocol`, made at the first call and kept; a failed attempt is
 * not kept, so the next request asks again.
 */
export function lazyAgent(
  factory: HttpAgentFactory,
  protocol: string,
): (timeoutMillis: number) => Promise<Agent> {
  let made: Promise<Agent> | undefined;
  return (timeoutMillis) => {
    made ??= call('httpAgentOptions', () => factory(protocol), Number.POSITIVE_INFINITY).then((agent) => {
      // What node:http itself checks of an `agent` option.
      if (typeof (agent as { addRequest?: unknown } | null)?.addRequest !== 'function') {
        throw new OptionFunctionError('httpAgentOptions', 'did not return a node:http Agent');
      }
      return agent;
    });
    const pending = made;
    pending.catch(() => {
      if (made === pending) made = undefined;
    });
    return within(pending, timeoutMillis);
  };
}

/** Calls a user's function; its throw or rejection becomes an OptionFunctionError. */
function call<T>(
  option: 'headers' | 'httpAgentOptions',
  fn: () => T | Promise<T>,
  timeoutMillis: number,
): Promise<T> {
  const wrapped = attempt(fn).catch((err: unknown) => {
    throw new OptionFunctionError(option, `failed: ${err instanceof Error ? err.message : String(err)}`, err);
  });
  return within(wrapped, timeoutMillis);
}
