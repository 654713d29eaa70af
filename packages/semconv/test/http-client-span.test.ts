import { describe, expect, it } from 'vitest';
import {
  ATTR_HTTP_REQUEST_METHOD,
  httpClientSpan,
  isOtlpxError,
  OtlpxMissingAttributesError,
} from '../src/index.js';

describe('httpClientSpan', () => {
  it('builds span.http.client attributes from a URL', () => {
    const attrs = httpClientSpan()
      .method('GET')
      .url(new URL('https://user:secret@api.example.com/v1/items?id=3&sig=abc'))
      .statusCode(200)
      .protocol('1.1')
      .userAgent('curl/8')
      .requestBodySize(0)
      .responseBodySize(512)
      .resendCount(1)
      .build();
    expect(attrs).toEqual({
      [ATTR_HTTP_REQUEST_METHOD]: 'GET',
      'url.full': 'https://REDACTED:REDACTED@api.example.com/v1/items?id=3&sig=REDACTED',
      'url.scheme': 'https',
      'server.address': 'api.example.com',
      'server.port': 443,
      'http.response.status_code': 200,
      'network.protocol.version': '1.1',
      'user_agent.original': 'curl/8',
      'http.request.body.size': 0,
      'http.response.body.size': 512,
      'http.request.resend_count': 1,
    });
  });

  it('normalises unknown methods to _OTHER and keeps the original', () => {
    const attrs = httpClientSpan().method('get').url('http://localhost:8080/').build();
    expect(attrs['http.request.method']).toBe('_OTHER');
    expect(attrs['http.request.method_original']).toBe('get');
    expect(attrs['server.port']).toBe(8080);
    const known = httpClientSpan({ knownMethods: ['PURGE'] })
      .method('PURGE')
      .method('GET')
      .partial();
    expect(known['http.request.method']).toBe('_OTHER');
    expect(
      httpClientSpan({ knownMethods: ['PURGE'] })
        .method('PURGE')
        .partial()['http.request.method_original'],
    ).toBeUndefined();
  });

  it('lists every missing required attribute', () => {
    const builder = httpClientSpan().statusCode(500);
    expect(builder.missing()).toEqual(['http.request.method', 'server.address', 'server.port', 'url.full']);
    let caught: unknown;
    try {
      builder.build();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OtlpxMissingAttributesError);
    expect(isOtlpxError(caught)).toBe(true);
    const err = caught as OtlpxMissingAttributesError;
    expect(err.code).toBe('OTLPX_ERR_SEMCONV_MISSING_REQUIRED');
    expect(err.group).toBe('span.http.client');
    expect(err.missing).toEqual(['http.request.method', 'server.address', 'server.port', 'url.full']);
    expect(err.message).toBe(
      "span.http.client requires attributes 'http.request.method', 'server.address', 'server.port', 'url.full': set them before build()",
    );
  });

  it('records error.type, non-http protocols, explicit servers', () => {
    const econn = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const attrs = httpClientSpan()
      .method('POST')
      .server('10.0.0.1', 9000)
      .set('url.full', 'http://10.0.0.1:9000/')
      .error(econn)
      .protocol('3', 'quic-http')
      .build();
    expect(attrs['error.type']).toBe('ECONNRESET');
    expect(attrs['network.protocol.name']).toBe('quic-http');
    expect(httpClientSpan().error(new TypeError('x')).partial()['error.type']).toBe('TypeError');
    expect(httpClientSpan().error(503).partial()['error.type']).toBe('503');
    expect(httpClientSpan().server('h').partial()['server.port']).toBeUndefined();
  });

  it('rejects values outside the conventions', () => {
    expect(() => httpClientSpan().statusCode(42)).toThrow(/100-599/);
    expect(() => httpClientSpan().statusCode(200.5)).toThrow(/100-599/);
    expect(() => httpClientSpan().server('h', 70000)).toThrow(/0-65535/);
    expect(() => httpClientSpan().requestBodySize(-1)).toThrow(/non-negative/);
    expect(() => httpClientSpan().method('')).toThrow(/non-empty/);
    expect(() => httpClientSpan().url('not a url')).toThrow(/absolute URL/);
  });
});
