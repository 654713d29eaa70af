import { describe, expect, it } from 'vitest';
import { AttributeMemos } from '../../src/trace/attribute-memo.js';

describe('AttributeMemos', () => {
  const server = 'http.request.method';
  const query = 'db.system.name';

  it('gives one memo per scope object, span kind and first attribute key', () => {
    const memos = new AttributeMemos<Uint8Array>();
    const http = { name: 'http' };
    const pg = { name: 'pg' };
    const httpServer = memos.for(http, 2, server);
    expect(memos.for(http, 2, server)).toBe(httpServer);
    const httpClient = memos.for(http, 3, server);
    expect(httpClient).not.toBe(httpServer);
    const pgClient = memos.for(pg, 3, query);
    expect(pgClient).not.toBe(httpClient);
    const other = memos.for(http, 2, query);
    expect(other).not.toBe(httpServer);
    // Interleaved, each shape finds its own memo again (not only the last one).
    expect(memos.for(http, 2, server)).toBe(httpServer);
    expect(memos.for(pg, 3, query)).toBe(pgClient);
    expect(memos.for(http, 3, server)).toBe(httpClient);
    expect(memos.for(http, 2, query)).toBe(other);
    // Scopes are told apart by identity, as the SDK shares one scope object per tracer.
    expect(memos.for({ name: 'http' }, 2, server)).not.toBe(httpServer);
  });

  it('keeps a bounded number of memos, replacing the oldest', () => {
    const memos = new AttributeMemos<Uint8Array>();
    const scopes = Array.from({ length: 40 }, (_, i) => ({ name: `s${i}` }));
    const first = scopes.map((scope) => memos.for(scope, 1, server));
    expect(new Set(first).size).toBe(40);
    // The last ones made are still there; the first ones were replaced by them.
    expect(memos.for(scopes[39], 1, server)).toBe(first[39]);
    expect(memos.for(scopes[32], 1, server)).toBe(first[32]);
    expect(memos.for(scopes[0], 1, server)).not.toBe(first[0]);
  });
});
