import { once } from 'node:events';
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestTimeout } from '../src/http-request.js';
import { Http1Client, idleMillis } from '../src/http1-client.js';
import { ResponseFormatError } from '../src/http1-response.js';

const OK = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';

interface RawServer {
  url: URL;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A TCP server that reads each request (head + content-length body) and lets `answer` write
 * whatever it likes on the socket: real bytes on a real connection, good or broken.
 */
async function rawServer(
  answer: (socket: net.Socket, request: string, n: number) => void,
): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0, requests: [] as string[] };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.toString('latin1', 0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = buffered.toString('latin1', 0, end + 4 + length);
        buffered = buffered.subarray(end + 4 + length);
        state.requests.push(request);
        answer(socket, request, state.requests.length);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/v1/traces`),
    get connections() {
      return state.connections;
    },
    requests: state.requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

const HEADERS = { 'content-type': 'application/x-protobuf', 'x-api-key': 'k1' };
const BODY = new Uint8Array(Buffer.from('x'.repeat(100_000)));
let server: RawServer | undefined;
let client: Http1Client | undefined;

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server?.close();
  server = undefined;
});

async function start(answer: (socket: net.Socket, request: string, n: number) => void, maxSockets = 4) {
  server = await rawServer(answer);
  client = new Http1Client(server.url, { maxSockets });
  return { server, client };
}

describe('Http1Client', () => {
  it('POSTs head and body and reuses one keep-alive connection', async () => {
    const { server, client } = await start((s) => s.write(OK));
    for (let i = 0; i < 5; i++) {
      const res = await client.post(HEADERS, BODY, 2000);
      expect([res.status, Buffer.from(res.body).toString()]).toEqual([200, 'ok']);
    }
    expect(server.connections).toBe(1);
    const head = server.requests[0].split('\r\n\r\n')[0].split('\r\n');
    expect(head[0]).toBe('POST /v1/traces HTTP/1.1');
    expect(head).toEqual(
      expect.arrayContaining([
        `host: ${server.url.host}`,
        'connection: keep-alive',
        'content-type: application/x-protobuf',
        'x-api-key: k1',
        `content-length: ${BODY.length}`,
      ]),
    );
    expect(server.requests[0].length).toBe(server.requests[0].indexOf('\r\n\r\n') + 4 + BODY.length);
  });

  it('sends credentials of the URL as Basic authorization, and the query string', async () => {
    const { server } = await start((s) => s.write(OK));
    const url = new URL(server.url);
    url.username = 'user';
    url.password = 'p@ss';
    url.search = '?tenant=a';
    client = new Http1Client(url, { maxSockets: 1 });
    await client.post(HEADERS, BODY, 2000);
    const head = server.requests[0].split('\r\n');
    expect(head[0]).toBe('POST /v1/traces?tenant=a HTTP/1.1');
    expect(head).toContain(`authorization: Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it("keeps an idle connection until 1 s before the server's Keep-Alive timeout", async () => {
    expect(idleMillis(30_000, undefined)).toBe(30_000);
    expect(idleMillis(30_000, 'timeout=5')).toBe(4000);
    expect(idleMillis(30_000, 'timeout=5, max=1000')).toBe(4000);
    expect(idleMillis(3000, 'max=10, timeout=60')).toBe(3000);
    expect(idleMillis(30_000, 'timeout=1')).toBe(0);
    expect(idleMillis(30_000, 'garbage')).toBe(30_000);
    // timeout=1: nothing is left to keep the connection for; the next request opens a new one.
    const { server, client } = await start((s) =>
      s.write('HTTP/1.1 200 OK\r\nkeep-alive: timeout=1\r\ncontent-length: 0\r\n\r\n'),
    );
    for (let i = 0; i < 3; i++) await client.post(HEADERS, BODY, 2000);
    expect(server.connections).toBe(3);
  });

  it('opens at most maxSockets connections; the other requests wait for one', async () => {
    const { server, client } = await start((s) => setTimeout(() => s.write(OK), 20), 2);
    const all = await Promise.all(Array.from({ length: 7 }, () => client.post(HEADERS, BODY, 5000)));
    expect(all.map((r) => r.status)).toEqual(Array(7).fill(200));
    expect(server.connections).toBe(2);
  });

  it('sends again, once, on a new connection when a reused one was closed under the request', async () => {
    // The server drops the connection on the second request without answering, as a server
    // closing an idle keep-alive connection at that moment does.
    const { server, client } = await start((s, _r, n) => (n === 2 ? s.destroy() : s.write(OK)));
    expect((await client.post(HEADERS, BODY, 2000)).status).toBe(200);
    expect((await client.post(HEADERS, BODY, 2000)).status).toBe(200);
    expect([server.requests.length, server.connections]).toEqual([3, 2]);
  });

  it('does not send again on a new connection that fails (the transport retries with backoff)', async () => {
    const { server, client } = await start((s) => s.destroy());
    await expect(client.post(HEADERS, BODY, 2000)).rejects.toThrow();
    expect(server.requests.length).toBe(1);
  });

  it('notices an idle connection the server closed and uses a new one', async () => {
    const { server, client } = await start((s) => {
      s.write(OK);
      setTimeout(() => s.destroy(), 10); // a short keep-alive timeout
    });
    for (let i = 0; i < 3; i++) {
      expect((await client.post(HEADERS, BODY, 2000)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect([server.requests.length, server.connections]).toEqual([3, 3]);
  });

  it('closes the connection after "connection: close" and opens a new one', async () => {
    const { server, client } = await start((s) =>
      s.write('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'),
    );
    for (let i = 0; i < 3; i++) await client.post(HEADERS, BODY, 2000);
    expect(server.connections).toBe(3);
  });

  it('reads chunked answers split over many writes, and answers after 100 Continue', async () => {
    const { client } = await start((s, _r, n) => {
      if (n === 1) {
        const parts = [
          'HTTP/1.1 400 Bad Request\r\ntransfer-',
          'encoding: chunked\r\n\r\n4\r\nno',
          'pe\r\n0\r\n\r\n',
        ];
        for (const [i, p] of parts.entries()) setTimeout(() => s.write(p), i * 5);
      } else s.write(`HTTP/1.1 100 Continue\r\n\r\n${OK}`);
    });
    const bad = await client.post(HEADERS, BODY, 2000);
    expect([bad.status, Buffer.from(bad.body).toString()]).toEqual([400, 'nope']);
    expect((await client.post(HEADERS, BODY, 2000)).status).toBe(200);
  });

  it('rejects with a RequestTimeout when no answer comes, and drops that connection', async () => {
    const { server, client } = await start((s, _r, n) => {
      if (n > 1) s.write(OK);
    });
    await expect(client.post(HEADERS, BODY, 100)).rejects.toBeInstanceOf(RequestTimeout);
    expect((await client.post(HEADERS, BODY, 2000)).status).toBe(200);
    expect(server.connections).toBe(2);
  });

  it('rejects a malformed answer with a ResponseFormatError', async () => {
    const { client } = await start((s) => s.write('SMTP ready\r\n\r\n'));
    await expect(client.post(HEADERS, BODY, 2000)).rejects.toBeInstanceOf(ResponseFormatError);
  });

  it('rejects when the server closes in the middle of the answer (not sent again: it was answered)', async () => {
    const { server, client } = await start((s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'));
    await expect(client.post(HEADERS, BODY, 2000)).rejects.toThrow(/closed before the response ended/);
    expect(server.requests.length).toBe(1);
  });

  it('rejects a refused connection with the network error', async () => {
    const closed = await rawServer(() => {});
    const url = closed.url;
    await closed.close();
    client = new Http1Client(url, { maxSockets: 1 });
    await expect(client.post(HEADERS, BODY, 2000)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('fails a request whose TLS settings cannot be used, without losing a connection slot', async () => {
    const url = new URL('https://127.0.0.1:1/v1/traces');
    client = new Http1Client(url, { maxSockets: 1, tls: { key: 'not a key', cert: 'not a cert' } });
    for (let i = 0; i < 3; i++) await expect(client.post(HEADERS, BODY, 500)).rejects.toThrow(/PEM/);
  });

  it('settles every request against a server that answers mutated, cut and random bytes, then recovers', async () => {
    let seed = 99;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const answers = [
      OK,
      'HTTP/1.1 503 x\r\nretry-after: 1\r\ntransfer-encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n',
    ];
    let behave = false;
    const { client } = await start((s) => {
      if (behave) {
        s.write(OK);
        return;
      }
      const bytes = Buffer.from(answers[Math.floor(random() * answers.length)], 'latin1');
      const kind = Math.floor(random() * 4);
      if (kind === 0) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const sent = kind === 1 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      s.write(kind === 2 ? Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))) : sent);
      if (random() < 0.5) s.end();
    });
    const outcomes = { answered: 0, failed: 0 };
    for (let i = 0; i < 120; i++) {
      try {
        await client.post(HEADERS, BODY, 150);
        outcomes.answered++;
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        outcomes.failed++;
      }
    }
    expect(outcomes.answered).toBeGreaterThan(10);
    expect(outcomes.failed).toBeGreaterThan(10);
    // Whatever came before, a well-behaved answer is still read correctly afterwards.
    behave = true;
    expect((await client.post(HEADERS, BODY, 1000)).status).toBe(200);
  }, 30_000);

  it('refuses header values that would split the request', async () => {
    const { server, client } = await start((s) => s.write(OK));
    await expect(client.post({ 'x-evil': 'a\r\nx-injected: 1' }, BODY, 2000)).rejects.toThrow(
      /Invalid character/,
    );
    expect(server.requests.length).toBe(0);
  });

  it('does not keep the process alive with an idle connection', async () => {
    const { server, client } = await start((s) => s.write(OK));
    await client.post(HEADERS, BODY, 2000);
    const alive = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    // Both ends of the connection are in this process: the server's end keeps the loop alive,
    // the client's idle end must not.
    const withBoth = alive();
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(withBoth).toBe(1);
    expect(alive()).toBe(0);
  });
});
