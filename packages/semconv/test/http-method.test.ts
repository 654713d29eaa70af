import { afterEach, describe, expect, it } from 'vitest';
import { defaultKnownHttpMethods, normalizeHttpMethod, resetKnownHttpMethods } from '../src/http-method.js';

describe('normalizeHttpMethod', () => {
  afterEach(() => {
    delete process.env.OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS;
    resetKnownHttpMethods();
  });

  it('keeps the registry methods, case-sensitively', () => {
    for (const m of [
      'CONNECT',
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
      'TRACE',
      'QUERY',
    ]) {
      expect(normalizeHttpMethod(m)).toEqual({ method: m });
    }
    expect(normalizeHttpMethod('Get')).toEqual({ method: '_OTHER', original: 'Get' });
    expect(defaultKnownHttpMethods().has('_OTHER')).toBe(false);
  });

  it('reads OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS as a full override, once', () => {
    process.env.OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS = 'GET, PURGE,';
    resetKnownHttpMethods();
    expect([...defaultKnownHttpMethods()]).toEqual(['GET', 'PURGE']);
    expect(normalizeHttpMethod('POST')).toEqual({ method: '_OTHER', original: 'POST' });
    process.env.OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS = 'POST';
    expect(normalizeHttpMethod('PURGE')).toEqual({ method: 'PURGE' });
  });
});
