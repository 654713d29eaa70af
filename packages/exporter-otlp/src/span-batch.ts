/**
 * The pending batch of FastSpanProcessor: encoded spans only (no ReadableSpan), grouped by
 * resource and scope, assembled into one ExportTraceServiceRequest without re-encoding.
 *
 *   ExportTraceServiceRequest
 *     1: ResourceSpans  = [resource field] [ScopeSpans...] [schema_url field]      <- ResourceGroup
 *          2: ScopeSpans = [scope field] [span fields, appended as they come] [schema_url field]
 *                                                                                 <- ScopeGroup
 *
 * `append()` takes any ExportTraceServiceRequest (here: @otlpx/proto's `encodeTraces` of a few
 * spans that just ended) and splits it at its length prefixes: each resource and scope field (and
 * schema URL) is kept once per group, recognised by its bytes, and the span fields are appended to
 * their scope's buffer. Protobuf lets a repeated field arrive in pieces, so the assembled request
 * decodes to exactly the spans appended, in order within each scope, with one ResourceSpans per
 * resource like a single `encodeTraces` of all of them.
 */
import { ProtoReader, ProtoWriter, varintSize } from '@otlpx/proto/wire';

interface ScopeGroup {
  head: Uint8Array;
  tail: Uint8Array;
  spans: ProtoWriter;
}

interface ParsedScope {
  head: Uint8Array;
  tail: Uint8Array;
  spans: Uint8Array[];
}

interface ParsedResource {
  head: Uint8Array;
  tail: Uint8Array;
  scopes: ParsedScope[];
}

interface ResourceGroup {
  head: Uint8Array;
  tail: Uint8Array;
  scopes: ScopeGroup[];
}

const EMPTY: Uint8Array = new Uint8Array(0);
const SPANS_INITIAL = 16 * 1024;

export class SpanBatch {
  /** Spans appended. */
  count = 0;
  /** Encoded span bytes held. */
  bytes = 0;
  readonly #groups: ResourceGroup[] = [];

  /**
   * Splits an ExportTraceServiceRequest into the batch; returns the number of spans it held.
   * Throws OtlpxDecodeError on bytes that are not one (nothing is appended then).
   */
  append(request: Uint8Array): number {
    const r = new ProtoReader(request);
    // First pass: check the whole request, so a bad one leaves the batch untouched.
    const parsed: ParsedResource[] = [];
    while (r.pos < r.end) {
      const tag = r.tag();
      if (tag !== 0x0a) {
        r.skip(tag);
        continue;
      }
      const rsEnd = r.lengthDelimited();
      const rs: ParsedResource = { head: EMPTY, tail: EMPTY, scopes: [] };
      while (r.pos < rsEnd) {
        const start = r.pos;
        const t = r.tag();
        if (t === 0x12) {
          const ssEnd = r.lengthDelimited();
          const ss: ParsedScope = { head: EMPTY, tail: EMPTY, spans: [] };
          while (r.pos < ssEnd) {
            const s = r.pos;
            const st = r.tag();
            r.skip(st);
            const slice = request.subarray(s, r.pos);
            if (st === 0x12) ss.spans.push(slice);
            else if (st === 0x0a) ss.head = slice;
            else if (st === 0x1a) ss.tail = slice;
          }
          rs.scopes.push(ss);
          continue;
        }
        r.skip(t);
        if (t === 0x0a) rs.head = request.subarray(start, r.pos);
        else if (t === 0x1a) rs.tail = request.subarray(start, r.pos);
      }
      parsed.push(rs);
    }
    let added = 0;
    for (const rs of parsed) {
      let rg: ResourceGroup | undefined;
      for (const ss of rs.scopes) {
        if (ss.spans.length === 0) continue;
        rg ??= this.#resource(rs.head, rs.tail);
        const sg = scopeGroup(rg, ss.head, ss.tail);
        for (const span of ss.spans) {
          sg.spans.raw(span);
          this.bytes += span.length;
        }
        added += ss.spans.length;
      }
    }
    this.count += added;
    return added;
  }

  #resource(head: Uint8Array, tail: Uint8Array): ResourceGroup {
    for (const g of this.#groups) if (same(g.head, head) && same(g.tail, tail)) return g;
    const g: ResourceGroup = { head: head.slice(), tail: tail.slice(), scopes: [] };
    this.#groups.push(g);
    return g;
  }

  /** The whole ExportTraceServiceRequest, in one exactly sized buffer. */
  finish(): Uint8Array {
    // Sizes first, so every length prefix is written once and nothing moves.
    let total = 0;
    const rsLens: number[] = [];
    const ssLens: number[][] = [];
    for (const rg of this.#groups) {
      let rs = rg.head.length + rg.tail.length;
      const lens: number[] = [];
      for (const sg of rg.scopes) {
        const ss = sg.head.length + sg.spans.pos + sg.tail.length;
        lens.push(ss);
        rs += 1 + varintSize(ss) + ss;
      }
      rsLens.push(rs);
      ssLens.push(lens);
      total += 1 + varintSize(rs) + rs;
    }
    const w = new ProtoWriter(total);
    for (let i = 0; i < this.#groups.length; i++) {
      const rg = this.#groups[i];
      w.byte(0x0a); // ExportTraceServiceRequest 1: resource_spans (LEN)
      w.uint32(rsLens[i]);
      w.raw(rg.head); // ResourceSpans 1: resource
      for (let j = 0; j < rg.scopes.length; j++) {
        const sg = rg.scopes[j];
        w.byte(0x12); // ResourceSpans 2: scope_spans (LEN)
        w.uint32(ssLens[i][j]);
        w.raw(sg.head); // ScopeSpans 1: scope
        w.raw(sg.spans.view()); // ScopeSpans 2: spans
        w.raw(sg.tail); // ScopeSpans 3: schema_url
      }
      w.raw(rg.tail); // ResourceSpans 3: schema_url
    }
    return w.buf.subarray(0, w.pos);
  }
}

function scopeGroup(rg: ResourceGroup, head: Uint8Array, tail: Uint8Array): ScopeGroup {
  for (const g of rg.scopes) if (same(g.head, head) && same(g.tail, tail)) return g;
  const g: ScopeGroup = { head: head.slice(), tail: tail.slice(), spans: new ProtoWriter(SPANS_INITIAL) };
  rg.scopes.push(g);
  return g;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}
