/**
 * One HTTP POST with node:http/https over a keep-alive agent (used when the user passes Agent
 * options; http1-client.ts otherwise): the body goes out with an explicit
 * Content-Length, the answer is read up to a size cap (OTLP responses are tiny; a misbehaving
 * server cannot make us buffer megabytes), and the request is aborted at `timeoutMillis`.
 * Settles with the response, or rejects with the network error or a `RequestTimeout`.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { HttpResponse } from './http1-response.js';

export type { HttpResponse };

/** Thrown (internally) when a request outlives its share of the export's deadline. */
export class RequestTimeout extends Error {
  constructor(ms: number) {
    super(`no response within ${ms} ms`);
    this.name = 'RequestTimeout';
  }
}

/** Response bytes kept (OTLP answers are tiny); the rest is read and dropped, or not read. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface RequestTarget {
  readonly url: URL;
  readonly agent: http.Agent;
}

export function postOnce(
  target: RequestTarget,
  headers: http.OutgoingHttpHeaders,
  body: Uint8Array,
  timeoutMillis: number,
): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const { url, agent } = target;
    const request = (url.protocol === 'https:' ? https.request : http.request)(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: all.subarray(0, MAX_RESPONSE_BYTES),
          });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('response aborted')));
      },
    );
    const timer = setTimeout(() => request.destroy(new RequestTimeout(timeoutMillis)), timeoutMillis);
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    request.on('error', fail);
    request.end(body);
  });
}
