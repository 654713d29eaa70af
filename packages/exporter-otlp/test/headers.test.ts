import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHeaderValue, isToken, parseHeaders } from '../src/headers.js';
import { DiagCapture } from './support/diag-capture.js';

describe('parseHeaders', () => {
  const diag = new DiagCapture();
  beforeEach(() => diag.install());
  afterEach(() => diag.uninstall());

  it('parses a comma-separated key=value list, trimming around keys and values', () => {
    expect(parseHeaders(' api-key = secret ,x-tenant=acme', 'V')).toEqual({
      'api-key': 'secret',
      'x-tenant': 'acme',
    });
  });

  it('percent-decodes keys and values (W3C baggage encoding)', () => {
    expect(parseHeaders('Authorization=Basic%20dXNlcjpwYXNz,x%2Dkey=a%2Cb%3Dc', 'V')).toEqual({
      authorization: 'Basic dXNlcjpwYXNz',
      'x-key': 'a,b=c',
    });
  });

  it('splits on the first = only, so base64 padding survives', () => {
    expect(parseHeaders('authorization=Bearer abc==', 'V')).toEqual({ authorization: 'Bearer abc==' });
  });

  it('lower-cases names and lets a later duplicate win', () => {
    expect(parseHeaders('X-A=1,x-a=2', 'V')).toEqual({ 'x-a': '2' });
  });

  it('ignores empty entries silently', () => {
    expect(parseHeaders('a=1,, ,b=2,', 'V')).toEqual({ a: '1', b: '2' });
    expect(diag.lines).toEqual([]);
  });

  it('reports and skips bad entries, keeping the good ones, without echoing values', () => {
    const out = parseHeaders(
      'good=1,novalue,=x,bad key=2,pct=%E0%A4%A,ctl=a%0Ab',
      'OTEL_EXPORTER_OTLP_HEADERS',
    );
    expect(out).toEqual({ good: '1' });
    const warnings = diag.withCode('OTLPX_ERR_CONFIG_INVALID');
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(warnings.join('\n')).toContain('"novalue"');
    expect(warnings.join('\n')).not.toContain('%E0');
  });

  it('an empty value is allowed', () => {
    expect(parseHeaders('x-empty=', 'V')).toEqual({ 'x-empty': '' });
  });

  it('undefined gives no headers', () => {
    expect(parseHeaders(undefined, 'V')).toEqual({});
  });
});

describe('header validation', () => {
  it('accepts RFC 9110 tokens only as names', () => {
    expect(isToken('x-api-key')).toBe(true);
    expect(isToken("a!#$%&'*+.^_`|~9")).toBe(true);
    expect(isToken('bad key')).toBe(false);
    expect(isToken('a:b')).toBe(false);
    expect(isToken('')).toBe(false);
  });

  it('rejects CR, LF and other control characters in values, allows tab', () => {
    expect(isHeaderValue('a\tb')).toBe(true);
    expect(isHeaderValue('a\r\nX-Injected: 1')).toBe(false);
    expect(isHeaderValue('a\u0000')).toBe(false);
  });
});
