import { describe, expect, it } from 'vitest';
import { httpServerSpan } from '../src/index.js';

describe('httpServerSpan', () => {
  it('splits the request URL into url.* and server.*', () => {
    const attrs = httpServerSpan()
      .method('POST')
      .url('http://[::1]:3000/users/42?X-Goog-Signature=zzz&q=a#top')
      .route('/users/:id')
      .client('203.0.113.7', 51234)
      .statusCode(201)
      .build();
    expect(attrs).toEqual({
      'http.request.method': 'POST',
      'url.scheme': 'http',
      'url.path': '/users/42',
      'url.query': 'X-Goog-Signature=REDACTED&q=a',
      'server.address': '::1',
      'server.port': 3000,
      'http.route': '/users/:id',
      'client.address': '203.0.113.7',
      'client.port': 51234,
      'http.response.status_code': 201,
    });
  });

  it('omits url.query when there is none and requires method, scheme, path', () => {
    const b = httpServerSpan().url('https://example.com/');
    expect(b.partial()['url.query']).toBeUndefined();
    expect(b.missing()).toEqual(['http.request.method']);
    expect(() => httpServerSpan().build()).toThrow(/'http.request.method', 'url.scheme', 'url.path'/);
    expect(httpServerSpan().client('1.2.3.4').partial()['client.port']).toBeUndefined();
  });
});
