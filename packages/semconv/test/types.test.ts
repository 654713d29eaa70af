import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DbSystemName, K8sPodResourceAttributes, MessagingOperationType } from '../src/incubating.js';
import type { HttpClientSpanAttributes, HttpRequestMethod, ServiceResourceAttributes } from '../src/index.js';
import { HttpRequestMethodValues, httpClientSpan } from '../src/index.js';

// These checks run in `tsc` (the repo type-check includes test/): a wrong requirement level or
// value type in the generated interfaces is a compile error here.
describe('generated types', () => {
  it('turns requirement levels into optionality', () => {
    const ok: HttpClientSpanAttributes = {
      'http.request.method': 'GET',
      'server.address': 'example.com',
      'server.port': 443,
      'url.full': 'https://example.com/',
    };
    // @ts-expect-error url.full is required on span.http.client
    const missing: HttpClientSpanAttributes = {
      'http.request.method': 'GET',
      'server.address': 'a',
      'server.port': 1,
    };
    // @ts-expect-error server.port is an int
    const wrongType: Partial<HttpClientSpanAttributes> = { 'server.port': '443' };
    expect([ok, missing, wrongType]).toHaveLength(3);
    expectTypeOf<HttpClientSpanAttributes['http.response.status_code']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ServiceResourceAttributes['service.name']>().toEqualTypeOf<string>();
    expectTypeOf<K8sPodResourceAttributes>().toHaveProperty('k8s.pod.uid');
  });

  it('gives enums a closed union and open attribute values', () => {
    expectTypeOf<HttpRequestMethod>().toEqualTypeOf<
      | 'CONNECT'
      | 'DELETE'
      | 'GET'
      | 'HEAD'
      | 'OPTIONS'
      | 'PATCH'
      | 'POST'
      | 'PUT'
      | 'TRACE'
      | 'QUERY'
      | '_OTHER'
    >();
    expectTypeOf(HttpRequestMethodValues.OTHER).toEqualTypeOf<'_OTHER'>();
    expectTypeOf<'microsoft.sql_server'>().toExtend<DbSystemName>();
    expectTypeOf<'publish'>().toExtend<MessagingOperationType>();
    // Template attributes accept any key under their prefix.
    const headers: Partial<HttpClientSpanAttributes> = { 'http.request.header.x-id': ['1'] };
    expect(httpClientSpan().set('http.request.header.x-id', ['1']).partial()).toEqual(headers);
    // @ts-expect-error builders only take keys of their group
    httpClientSpan().set('db.system.name', 'postgresql');
  });
});
