import { describe, expect, it } from 'vitest';
import { splitUrl } from '../src/index.js';

describe('splitUrl', () => {
  it('splits and applies default ports', () => {
    expect(splitUrl('https://example.com/a/b?x=1#frag')).toEqual({
      full: 'https://example.com/a/b?x=1#frag',
      scheme: 'https',
      path: '/a/b',
      query: 'x=1',
      fragment: 'frag',
      address: 'example.com',
      port: 443,
    });
    expect(splitUrl('wss://example.com').port).toBe(443);
    expect(splitUrl('http://example.com:8081/').port).toBe(8081);
    expect(splitUrl('custom://host/path').port).toBeUndefined();
  });

  it('redacts credentials and signed query values', () => {
    expect(splitUrl('https://u@h.io/?AWSAccessKeyId=AK&Signature=S&a=1&flag').full).toBe(
      'https://REDACTED:REDACTED@h.io/?AWSAccessKeyId=REDACTED&Signature=REDACTED&a=1&flag',
    );
    expect(splitUrl('https://h.io/?sig=1', []).query).toBe('sig=1');
  });
});
