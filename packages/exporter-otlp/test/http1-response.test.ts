import { describe, expect, it } from 'vitest';
import { ResponseFormatError, ResponseParser } from '../src/http1-response.js';

/** Feeds `raw` in pieces of `step` bytes; returns the parser (done or not) and the bytes used. */
function parse(raw: string | Buffer, step = Number.POSITIVE_INFINITY, maxBody = 1024) {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  const parser = new ResponseParser(maxBody);
  let used = 0;
  for (let at = 0; at < bytes.length && !parser.done; at += Math.min(step, bytes.length)) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + step));
    used += parser.push(piece);
  }
  return { parser, used };
}

const VALID = [
  'HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 5\r\n\r\nhello',
  'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\ntrailer: x\r\n\r\n',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nRetry-After: 3\r\nContent-Length: 5\r\n\r\nhello',
  'HTTP/1.1 204 No Content\r\n\r\n',
  'HTTP/1.1 200\r\ncontent-length: 0\r\n\r\n',
];

describe('ResponseParser', () => {
  it('reads status, headers (lower-cased) and a Content-Length body', () => {
    const { parser, used } = parse(`${VALID[0]}EXTRA`);
    expect(parser.done).toBe(true);
    expect(used).toBe(VALID[0].length); // the rest is not this response's
    const res = parser.response();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(Buffer.from(res.body).toString()).toBe('hello');
    expect(parser.keepAlive).toBe(true);
  });

  it('reads chunked bodies with extensions and trailers, skips 1xx heads, handles bodiless statuses', () => {
    expect(Buffer.from(parse(VALID[1]).parser.response().body).toString()).toBe('hello');
    const retry = parse(VALID[2]).parser.response();
    expect([retry.status, retry.headers['retry-after']]).toEqual([503, '3']);
    expect(parse(VALID[3]).parser.response()).toMatchObject({ status: 204 });
    expect(parse(VALID[4]).parser.response().body.length).toBe(0);
  });

  it('gives the same answer whatever the pieces the bytes arrive in', () => {
    for (const raw of VALID) {
      const whole = parse(raw).parser.response();
      for (const step of [1, 2, 3, 7, 16]) {
        const { parser, used } = parse(raw, step);
        expect(parser.done).toBe(true);
        expect(used).toBe(raw.length);
        const res = parser.response();
        expect([res.status, res.headers, Buffer.from(res.body)]).toEqual([
          whole.status,
          whole.headers,
          Buffer.from(whole.body),
        ]);
      }
    }
  });

  it('ends a body framed by the connection close, and knows when a connection cannot be reused', () => {
    const { parser } = parse('HTTP/1.1 200 OK\r\n\r\npartial body');
    expect(parser.done).toBe(false);
    parser.end();
    expect(parser.done).toBe(true);
    expect(Buffer.from(parser.response().body).toString()).toBe('partial body');
    expect(parser.keepAlive).toBe(false);
    expect(parse('HTTP/1.1 200 OK\r\nConnection: close\r\ncontent-length: 0\r\n\r\n').parser.keepAlive).toBe(
      false,
    );
    expect(parse('HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n').parser.keepAlive).toBe(false);
    expect(
      parse('HTTP/1.0 200 OK\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n').parser.keepAlive,
    ).toBe(true);
  });

  it('fails when the connection ends before the response does', () => {
    const { parser } = parse('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
    expect(() => parser.end()).toThrow(/closed before the response ended/);
  });

  it('keeps at most maxBodyBytes and stops reading a body over 1 MiB (the connection is dropped)', () => {
    const big = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 3000000\r\n\r\n'),
      Buffer.alloc(1_500_000, 0x61),
    ]);
    const { parser } = parse(big, 65536, 100);
    expect(parser.done).toBe(true);
    expect(parser.keepAlive).toBe(false);
    expect(parser.response().body.length).toBe(100);
    const chunked = parse(
      `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${'1\r\nx\r\n'.repeat(300)}0\r\n\r\n`,
      5,
      100,
    );
    expect(chunked.parser.response().body.length).toBe(100);
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200 OK\r\n\r\n', /status line/],
    ['garbage', 'hello world\r\n\r\n', /status line/],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', /header line/],
    ['a header name with a space', 'HTTP/1.1 200 OK\r\nbad name: x\r\n\r\n', /header line/],
    [
      'two different lengths',
      'HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n',
      /content-length/,
    ],
    ['a negative length', 'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n', /content-length/],
    ['an unknown transfer coding', 'HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n', /transfer-encoding/],
    [
      'a chunk size that is not hex',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      /chunk size/,
    ],
    [
      'chunk data longer than its size',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\nabc\r\n',
      /chunk/,
    ],
    ['a chunk line ended by LF alone', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\nx', /CRLF/],
    ['101 to a POST', 'HTTP/1.1 101 Switching Protocols\r\n\r\n', /101/],
  ])('refuses %s', (_what, raw, message) => {
    expect(() => parse(raw)).toThrow(ResponseFormatError);
    expect(() => parse(raw)).toThrow(message);
    expect(() => parse(raw, 1)).toThrow(ResponseFormatError); // the same one byte at a time
  });

  it('refuses a head over 16 KiB, however it arrives', () => {
    const raw = `HTTP/1.1 200 OK\r\n${'x-filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(400)}\r\n`;
    expect(() => parse(raw)).toThrow(/head over/);
    expect(() => parse(raw, 1000)).toThrow(/head over/);
    expect(() => parse(Buffer.alloc(20_000, 0x61), 4096)).toThrow(/head over/); // no CRLF at all
  });

  it('on random and mutated bytes: done, waiting for more, or a ResponseFormatError; never another error', () => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const outcomes = { done: 0, waiting: 0, refused: 0 };
    for (let i = 0; i < 3000; i++) {
      const base = Buffer.from(VALID[i % VALID.length], 'latin1');
      const bytes = Buffer.from(base);
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = i % 3 === 0 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      try {
        const { parser } = parse(cut, 1 + Math.floor(random() * 8));
        if (parser.done) outcomes.done++;
        else outcomes.waiting++;
      } catch (err) {
        expect(err).toBeInstanceOf(ResponseFormatError);
        outcomes.refused++;
      }
    }
    // All three outcomes occur: the mutations reach every part of the parser.
    expect(outcomes.done).toBeGreaterThan(100);
    expect(outcomes.waiting).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
