import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../src/retry-policy.js';

describe('isRetryableStatus', () => {
  it('retries exactly 429, 502, 503 and 504', () => {
    const retryable = [];
    for (let s = 100; s < 600; s++) if (isRetryableStatus(s)) retryable.push(s);
    expect(retryable).toEqual([429, 502, 503, 504]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });

  it('reads an HTTP-date relative to now; a past date means no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent and malformed values', () => {
    for (const bad of [undefined, '', '-1', '1.5', 'soon', 'Thu, 99 Foo 2026']) {
      expect(parseRetryAfter(bad, now)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  const options = {
    maxAttempts: 5,
    initialBackoffMillis: 1000,
    maxBackoffMillis: 5000,
    backoffMultiplier: 1.5,
  };

  it('grows exponentially up to the cap', () => {
    const mid = () => 0.5; // jitter factor exactly 1
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options, mid))).toEqual([
      1000, 1500, 2250, 3375, 5000, 5000,
    ]);
  });

  it('applies +/-20 % jitter', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(800);
    expect(backoffDelay(1, options, () => 0.999999)).toBe(1200);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(2, options)));
    for (const d of seen) expect(d >= 1200 && d <= 1800).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });
});
