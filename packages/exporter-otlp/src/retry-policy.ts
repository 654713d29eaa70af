/**
 * Retry rules of the OTLP/HTTP specification: 429, 502, 503 and 504 are retryable, so are network
 * errors (the request may not have reached the server); every other status, 4xx included, is
 * final. Waits grow exponentially with +/-20 % jitter, a server's Retry-After (seconds or an
 * HTTP-date) replaces the computed wait, and no wait may end past the export's deadline.
 */
import type { RetryOptions } from './config.js';

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * The delay a Retry-After header asks for, in ms from `now`, or undefined when absent or not
 * understood. Accepts delta-seconds (`120`) and HTTP-dates; a date in the past means 0.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // not a date: "-1", "1.5", ""
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before retry number `retry` (1 = the first retry): initial * multiplier^(retry-1),
 * capped at the maximum, times a jitter factor in [0.8, 1.2). `random` is injectable for tests.
 */
export function backoffDelay(
  retry: number,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number {
  const base = Math.min(
    options.initialBackoffMillis * options.backoffMultiplier ** (retry - 1),
    options.maxBackoffMillis,
  );
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random())));
}
