/**
 * An incremental HTTP/1.1 response reader for the exporter's own client (http1-client.ts): status
 * line, headers, and a body framed by Content-Length, chunked transfer coding or the end of the
 * connection. OTLP answers are tiny, so it keeps at most `maxBodyBytes` of the body and refuses
 * what no OTLP receiver sends: a head over 16 KiB, a malformed status line or header, a chunk
 * size line that is not hex. Every refusal is a `ResponseFormatError`; nothing here throws
 * anything else, and memory stays bounded whatever arrives.
 *
 *   push(bytes) -> head (1xx heads skipped) -> body by framing -> done (and whether the
 *                  connection can carry the next request)
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The answer as the transport reads it (the same shape node:http gave it). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

export class ResponseFormatError extends Error {
  constructor(message: string) {
    super(`malformed HTTP response: ${message}`);
    this.name = 'ResponseFormatError';
  }
}

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_CHUNK_LINE = 1024;
/** A body (or chunk) longer than this is not read to the end: the connection is closed instead. */
const MAX_DRAIN_BYTES = 1024 * 1024;

const CR = 0x0d;
const LF = 0x0a;

type Framing = 'length' | 'chunked' | 'close' | 'none';
type State = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

export class ResponseParser {
  readonly #maxBody: number;
  #state: State = 'head';
  /** Head bytes, or the current chunk-size / trailer line, not complete yet. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  #framing: Framing = 'none';
  /** Body bytes still to come (Content-Length framing, or of the current chunk). */
  #remaining = 0;
  readonly #body: Buffer[] = [];
  #bodyBytes = 0;
  #bodySeen = 0;
  #keepAlive = true;
  /** Whether any byte of a response arrived (a failure before that means nothing was answered). */
  started = false;

  constructor(maxBodyBytes: number) {
    this.#maxBody = maxBodyBytes;
  }

  /** True once the whole response has been read. */
  get done(): boolean {
    return this.#state === 'done';
  }

  /** Whether the connection may carry another request after this response. */
  get keepAlive(): boolean {
    return this.#keepAlive;
  }

  /**
   * Reads `chunk`. Returns the number of bytes consumed: all of them, or fewer once the response
   * is done (the rest would belong to no request: the caller closes the connection).
   */
  push(chunk: Buffer): number {
    this.started = true;
    let at = 0;
    while (at < chunk.length && this.#state !== 'done') {
      switch (this.#state) {
        case 'head':
          at = this.#readHead(chunk, at);
          break;
        case 'body':
          at = this.#readBody(chunk, at, 'done');
          break;
        case 'chunk-size':
          at = this.#readLine(chunk, at, MAX_CHUNK_LINE, 'chunk size line', (line) => this.#chunkSize(line));
          break;
        case 'chunk-data':
          at = this.#readBody(chunk, at, 'chunk-end');
          break;
        case 'chunk-end':
          at = this.#readLine(chunk, at, 2, 'chunk end', (line) => {
            if (line.length !== 0) throw new ResponseFormatError('chunk data longer than its size');
            this.#state = 'chunk-size';
          });
          break;
        case 'trailers':
          at = this.#readLine(chunk, at, MAX_HEAD_BYTES, 'trailer', (line) => {
            if (line.length === 0) this.#state = 'done';
          });
          break;
      }
    }
    return at;
  }

  /** The connection ended: completes a body framed by the close, otherwise it was cut short. */
  end(): void {
    if (this.#state === 'body' && this.#framing === 'close') {
      this.#state = 'done';
      this.#keepAlive = false;
      return;
    }
    if (this.#state !== 'done')
      throw new ResponseFormatError('the connection closed before the response ended');
  }

  /** The headers of the final (non-1xx) response head. */
  get headers(): IncomingHttpHeaders {
    return this.#headers;
  }

  /** The response read so far (call once `done`). */
  response(): HttpResponse {
    const body = this.#body.length === 1 ? this.#body[0] : Buffer.concat(this.#body, this.#bodyBytes);
    return { status: this.#status, headers: this.#headers, body };
  }

  #readHead(chunk: Buffer, at: number): number {
    // The end of the head is "\r\n\r\n"; look for it across what was kept and the new bytes.
    const kept = this.#pendingBytes;
    const joined = kept === 0 ? chunk.subarray(at) : Buffer.concat([...this.#pending, chunk.subarray(at)]);
    const end = joined.indexOf('\r\n\r\n', Math.max(0, kept - 3), 'latin1');
    if (end === -1) {
      if (joined.length > MAX_HEAD_BYTES) throw new ResponseFormatError(`head over ${MAX_HEAD_BYTES} bytes`);
      this.#pending = [Buffer.from(joined)]; // a copy: the socket's chunk is not ours to keep
      this.#pendingBytes = joined.length;
      return chunk.length;
    }
    if (end > MAX_HEAD_BYTES) throw new ResponseFormatError(`head over ${MAX_HEAD_BYTES} bytes`);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#parseHead(joined.toString('latin1', 0, end));
    return at + (end + 4 - kept);
  }

  #parseHead(head: string): void {
    const lines = head.split('\r\n');
    const status = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: .*)?$/.exec(lines[0]);
    if (status === null)
      throw new ResponseFormatError(`status line ${JSON.stringify(lines[0].slice(0, 80))}`);
    const code = Number(status[2]);
    const headers: IncomingHttpHeaders = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(line.slice(0, colon))) {
        throw new ResponseFormatError(`header line ${JSON.stringify(line.slice(0, 80))}`);
      }
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      addHeader(headers, name, value);
    }
    if (code < 200) {
      if (code === 101) throw new ResponseFormatError('101 Switching Protocols to a POST');
      return; // 100 Continue, 103 Early Hints: the real answer follows
    }
    this.#status = code;
    this.#headers = headers;
    this.#keepAlive =
      status[1] === '1' ? !hasToken(headers.connection, 'close') : hasToken(headers.connection, 'keep-alive');
    const te = headers['transfer-encoding'];
    const length = headers['content-length'];
    if (code === 204 || code === 304) this.#framing = 'none';
    else if (te !== undefined) {
      if (!/(?:^|,)\s*chunked\s*$/i.test(String(te)))
        throw new ResponseFormatError(`transfer-encoding ${te}`);
      this.#framing = 'chunked';
    } else if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length))
        throw new ResponseFormatError(`content-length ${JSON.stringify(length)}`);
      this.#framing = 'length';
      this.#remaining = Number(length);
    } else this.#framing = 'close';
    if (this.#framing === 'none' || (this.#framing === 'length' && this.#remaining === 0))
      this.#state = 'done';
    else if (this.#framing === 'chunked') this.#state = 'chunk-size';
    else {
      this.#state = 'body';
      if (this.#framing === 'close') {
        this.#keepAlive = false;
        this.#remaining = Number.POSITIVE_INFINITY;
      } else if (this.#remaining > MAX_DRAIN_BYTES) this.#keepAlive = false;
    }
  }

  /** Body bytes of the Content-Length, close or current chunk framing; `next` once they are all read. */
  #readBody(chunk: Buffer, at: number, next: State): number {
    const take = Math.min(chunk.length - at, this.#remaining);
    if (this.#bodyBytes < this.#maxBody) {
      const keep = chunk.subarray(at, at + Math.min(take, this.#maxBody - this.#bodyBytes));
      this.#body.push(Buffer.from(keep));
      this.#bodyBytes += keep.length;
    }
    this.#bodySeen += take;
    this.#remaining -= take;
    if (this.#remaining === 0) this.#state = next;
    else if (this.#bodySeen > MAX_DRAIN_BYTES && this.#bodyBytes >= this.#maxBody) {
      // Enough kept and the rest is not worth reading: answer now, drop the connection.
      this.#keepAlive = false;
      this.#state = 'done';
      return chunk.length;
    }
    return at + take;
  }

  #chunkSize(line: Buffer): void {
    const text = line.toString('latin1');
    const size = /^([0-9A-Fa-f]{1,8})[ \t]*(?:;.*)?$/.exec(text);
    if (size === null) throw new ResponseFormatError(`chunk size ${JSON.stringify(text.slice(0, 40))}`);
    this.#remaining = Number.parseInt(size[1], 16);
    this.#state = this.#remaining === 0 ? 'trailers' : 'chunk-data';
  }

  /** Reads up to the next CRLF (at most `max` bytes before it) and hands the line over. */
  #readLine(chunk: Buffer, at: number, max: number, what: string, onLine: (line: Buffer) => void): number {
    const lf = chunk.indexOf(LF, at);
    const piece = chunk.subarray(at, lf === -1 ? chunk.length : lf + 1);
    if (this.#pendingBytes + piece.length > max + 2) throw new ResponseFormatError(`${what} too long`);
    if (lf === -1) {
      this.#pending.push(Buffer.from(piece));
      this.#pendingBytes += piece.length;
      return chunk.length;
    }
    const line = this.#pendingBytes === 0 ? piece : Buffer.concat([...this.#pending, piece]);
    this.#pending = [];
    this.#pendingBytes = 0;
    if (line.length < 2 || line[line.length - 2] !== CR)
      throw new ResponseFormatError(`${what} not ended by CRLF`);
    onLine(line.subarray(0, line.length - 2));
    return lf + 1;
  }
}

function addHeader(headers: IncomingHttpHeaders, name: string, value: string): void {
  const previous = headers[name];
  if (name === 'set-cookie') headers[name] = [...((previous as string[] | undefined) ?? []), value];
  else if (previous === undefined) headers[name] = value;
  else if (name === 'content-length') {
    // Two lengths is how responses get smuggled: refuse unless they agree.
    if (previous !== value) throw new ResponseFormatError('two different content-length headers');
  } else headers[name] = `${previous}, ${value}`;
}

function hasToken(value: string | string[] | undefined, token: string): boolean {
  if (value === undefined) return false;
  return String(value)
    .toLowerCase()
    .split(',')
    .some((t) => t.trim() === token);
}
