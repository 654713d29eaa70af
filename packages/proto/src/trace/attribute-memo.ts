/**
 * Per-position memory of an attribute loop (binary and JSON span encoders). Instrumentations
 * set attributes in the same order on every span, so the key at position i is almost always the
 * same string as on the previous span: an identity compare replaces a Map lookup per key. Many
 * values repeat too (url.scheme, server.address, server.port, the method, the status code, a few
 * user agents): each position keeps the encoded KeyValue of up to MEMO values, and a value seen
 * again is copied instead of re-encoded. A value is kept only when it comes twice in a row at
 * its position, so high-cardinality attributes (paths, addresses, sizes) cost no copies, and
 * only immutable primitives are kept (an array may change in place between spans).
 *
 * Measured on the 512-span HTTP case: keeping one value per position cut attribute time by
 * ~30 %; with one value, alternating values (GET/POST, 200/404) were re-snapshotted constantly
 * (the copy was 8 % of the profile), which MEMO entries per position removed (+22 % spans/s).
 *
 * Runs of kept values at consecutive positions (method + route, scheme + address + version,
 * agent + status + port) are joined into one byte string, so a run costs one copy: each copy
 * is a TypedArray#set of ~17 ns whatever its length (12 per span were 13.6 % of the call).
 */
export const MEMO_POSITIONS = 64;
/**
 * Values kept per position, and successors joined to one kept entry. With 8 of each, the
 * interleaved spans of makeServiceSpans' service (15 query texts, 6 routes, 5 tables) kept
 * replacing entries and so making new joined runs: ~2,000 per 20,480 spans in steady state, and
 * the budget below was spent and all runs dropped 5-6 times per pass; with 16 of each (and the
 * budgets below), ~200, ~45 values kept anew and no drop per pass, and encoding in situ took
 * 12 % less time (span-writer-ab.mjs --workload service, B / A 0.885 and 0.874; on the HTTP
 * spans 1.084, 0.985, 1.018, 0.935: unchanged).
 */
const MEMO = 16;
const MAX_JOINS = 16;
/** Largest KeyValue encoding kept. */
const MAX_KEPT_BYTES = 160;
/** Bytes of kept KeyValues a memo holds; beyond, values are no longer kept. */
const KEPT_BUDGET = 32 * 1024;
/** The largest joined run. */
const MAX_JOINED_BYTES = 1024;
/**
 * Bytes of joined runs made before all of them are dropped (bounds the memory of a memo). The
 * HTTP spans make ~23 KB of them in all (20,480 spans, three passes), the service spans ~66 KB
 * over all their memos.
 */
const JOIN_BUDGET = 64 * 1024;
/** Memos of one encoder (one per span shape, see AttributeMemos); then the oldest is replaced. */
const MAX_MEMOS = 32;

/** An encoded KeyValue (or run of them) to copy as is, with the runs that extend it. */
export class Kept {
  readonly bytes: Uint8Array;
  /** next[j] followed this entry and joined[j] is the two joined; lastNext is a candidate. */
  next: Kept[] = [];
  joined: Kept[] = [];
  lastNext: Kept | undefined = undefined;
  slot = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

export class AttributeMemo<K> {
  readonly keys: string[] = [];
  /** The encoded key (binary `1: key` field or JSON `{"key":...` prefix) at each position. */
  readonly keyBytes: K[] = [];
  /** The previous value at each position. */
  readonly #last: unknown[] = [];
  readonly #values: unknown[] = new Array(MEMO_POSITIONS * MEMO).fill(undefined);
  readonly #kept: (Kept | undefined)[] = new Array(MEMO_POSITIONS * MEMO).fill(undefined);
  #joinedBytes = 0;
  #keptBytes = 0;
  readonly #count = new Uint8Array(MEMO_POSITIONS);
  readonly #next = new Uint8Array(MEMO_POSITIONS);

  /** Whether position `i` (< MEMO_POSITIONS) holds key `k`; if not, it is reset for `k`. */
  sameKey(i: number, k: string, encode: (key: string) => K): boolean {
    if (this.keys[i] === k) return true;
    this.keys[i] = k;
    this.keyBytes[i] = encode(k);
    this.#count[i] = 0;
    this.#next[i] = 0;
    this.#last[i] = undefined;
    return false;
  }

  /** The kept encoding of value `v` at position `i`, if any. */
  find(i: number, v: unknown): Kept | undefined {
    const base = i * MEMO;
    const n = this.#count[i];
    const values = this.#values;
    for (let j = 0; j < n; j++) if (values[base + j] === v) return this.#kept[base + j];
    return undefined;
  }

  /**
   * `a` and `b` joined (with the byte `separator` between them unless it is -1), when `b` has
   * followed `a` before; undefined the first time, so one-off pairs cost no copies.
   */
  join(a: Kept, b: Kept, separator: number): Kept | undefined {
    const next = a.next;
    for (let j = 0; j < next.length; j++) if (next[j] === b) return a.joined[j];
    if (a.lastNext !== b) {
      a.lastNext = b;
      return undefined;
    }
    const gap = separator === -1 ? 0 : 1;
    const size = a.bytes.length + gap + b.bytes.length;
    if (size > MAX_JOINED_BYTES) return undefined;
    if (this.#joinedBytes + size > JOIN_BUDGET) this.#dropJoins();
    this.#joinedBytes += size;
    const bytes = new Uint8Array(size);
    bytes.set(a.bytes);
    if (gap) bytes[a.bytes.length] = separator;
    bytes.set(b.bytes, a.bytes.length + gap);
    const joined = new Kept(bytes);
    const slot = next.length < MAX_JOINS ? next.length : a.slot++ % MAX_JOINS;
    next[slot] = b;
    a.joined[slot] = joined;
    return joined;
  }

  #dropJoins(): void {
    for (const kept of this.#kept) {
      if (kept === undefined) continue;
      kept.next = [];
      kept.joined = [];
      kept.lastNext = undefined;
    }
    this.#joinedBytes = 0;
  }

  /**
   * Records that `v` (encoded in `length` bytes) was written at position `i`; returns whether
   * the caller should `keep()` its bytes: when `v` repeats the previous value there.
   */
  written(i: number, v: unknown, length: number): boolean {
    const repeat =
      v === this.#last[i] &&
      typeof v !== 'object' &&
      length <= MAX_KEPT_BYTES &&
      this.#keptBytes + length <= KEPT_BUDGET;
    this.#last[i] = v;
    return repeat;
  }

  /** Keeps the encoding of `v` at position `i`, replacing the oldest kept value when full. */
  keep(i: number, v: unknown, bytes: Uint8Array): void {
    const slot = i * MEMO + (this.#count[i] < MEMO ? this.#count[i]++ : this.#next[i]++ % MEMO);
    this.#keptBytes += bytes.length - (this.#kept[slot]?.bytes.length ?? 0);
    this.#values[slot] = v;
    this.#kept[slot] = new Kept(bytes);
  }
}

/**
 * The memos of one encoder, one per span shape: instrumentation scope, span kind and first
 * attribute key. A memo only pays while consecutive spans set the same keys in the same order,
 * and in a service they do not: the spans of the HTTP server, of its database client and of the
 * application's own code end interleaved, and with one memo each of them reset the positions of
 * the previous one (its keys re-encoded, its kept values lost). The scope tells
 * instrumentations apart, the kind a server span from a client span of the same one, and the
 * first key the spans of one tracer that record different things. Encoding per span in situ
 * (benchmarks/encode/span-writer-ab.mjs, one memo -> these): the interleaved spans of
 * makeServiceSpans' service (four scopes, three kinds) 3.0 -> 1.2 µs (with the 16 values per
 * position above; B / A 0.38-0.40); HTTP server spans only, ~1.5 µs both, within that tool's
 * noise. Memory: MAX_MEMOS memos of at most KEPT_BUDGET of kept
 * values and JOIN_BUDGET of joined runs (about 3.5 MB in all at worst, with their arrays); a few
 * KB each in practice.
 */
export class AttributeMemos<K> {
  readonly #scopes: object[] = [];
  readonly #kinds: number[] = [];
  readonly #keys: string[] = [];
  readonly #memos: AttributeMemo<K>[] = [];
  #replace = 0;
  /** The index of the memo returned last (consecutive spans are mostly of one shape), or -1. */
  #last = -1;

  /** The memo of spans of `scope` and `kind` whose first attribute key is `key`. */
  for(scope: object, kind: number, key: string): AttributeMemo<K> {
    const scopes = this.#scopes;
    const kinds = this.#kinds;
    const keys = this.#keys;
    let i = this.#last;
    if (i >= 0 && scopes[i] === scope && kinds[i] === kind && keys[i] === key) return this.#memos[i];
    i = 0;
    while (i < scopes.length && (scopes[i] !== scope || kinds[i] !== kind || keys[i] !== key)) i++;
    if (i === scopes.length) {
      if (i === MAX_MEMOS) i = this.#replace++ % MAX_MEMOS;
      scopes[i] = scope;
      kinds[i] = kind;
      keys[i] = key;
      this.#memos[i] = new AttributeMemo<K>();
    }
    this.#last = i;
    return this.#memos[i];
  }
}
