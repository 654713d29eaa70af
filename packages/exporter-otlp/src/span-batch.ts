/**
 * The pending batch of FastSpanProcessor: spans are encoded when they end and only their bytes
 * are kept (no ReadableSpan stays alive), grouped by resource and scope object identity, and
 * `finish()` assembles one ExportTraceServiceRequest from the groups without re-encoding.
 *
 *   ExportTraceServiceRequest
 *     1: ResourceSpans  = [resource field] [ScopeSpans...] [schema_url field]      <- ResourceGroup
 *          2: ScopeSpans = [scope field] [span fields, appended as spans end] [schema_url field]
 *                                                                                 <- ScopeGroup
 *
 * Each span is encoded through @otlpx/proto's public `encodeTraces([span])`, and the request is
 * split at its length prefixes: the resource and scope fields (and schema URLs) are kept once per
 * group, the span field is appended to its scope's buffer. Protobuf lets a repeated field's
 * elements arrive in any number of pieces, so the assembled request decodes to exactly the spans
 * added, in the order they ended within each scope.
 */
import { ProtoReader, ProtoWriter, varintSize } from '@otlpx/proto/wire';

/** Encodes one span as a whole ExportTraceServiceRequest. */
export type EncodeOne = (span: object) => Uint8Array;

interface ScopeGroup {
  scope: object;
  head: Uint8Array;
  tail: Uint8Array;
  spans: ProtoWriter;
}

interface ResourceGroup {
  resource: object;
  head: Uint8Array;
  tail: Uint8Array;
  scopes: ScopeGroup[];
}

/** Field slices of a one-span request: tag, length and body included. */
interface Parts {
  resourceHead: Uint8Array;
  resourceTail: Uint8Array;
  scopeHead: Uint8Array;
  scopeTail: Uint8Array;
  span: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const SPANS_INITIAL = 16 * 1024;

export class SpanBatch {
  /** Spans added. */
  count = 0;
  /** Encoded span bytes held. */
  bytes = 0;
  readonly #groups: ResourceGroup[] = [];
  readonly #encodeOne: EncodeOne;
  #lastScope: ScopeGroup | undefined;
  #lastResource: object | undefined;

  constructor(encodeOne: EncodeOne) {
    this.#encodeOne = encodeOne;
  }

  /** Encodes `span` into the batch. Throws what the encoder throws (the caller counts a drop). */
  add(span: { resource: object; instrumentationScope: object }): void {
    const request = this.#encodeOne(span);
    const parts = split(request);
    let group = this.#lastScope;
    if (
      group === undefined ||
      group.scope !== span.instrumentationScope ||
      this.#lastResource !== span.resource
    ) {
      group = this.#group(span.resource, span.instrumentationScope, parts);
      this.#lastScope = group;
      this.#lastResource = span.resource;
    }
    group.spans.raw(parts.span);
    this.count++;
    this.bytes += parts.span.length;
  }

  #group(resource: object, scope: object, parts: Parts): ScopeGroup {
    let rg: ResourceGroup | undefined;
    for (const g of this.#groups) if (g.resource === resource) rg = g;
    if (rg === undefined) {
      rg = { resource, head: parts.resourceHead.slice(), tail: parts.resourceTail.slice(), scopes: [] };
      this.#groups.push(rg);
    }
    for (const sg of rg.scopes) if (sg.scope === scope) return sg;
    const sg: ScopeGroup = {
      scope,
      head: parts.scopeHead.slice(),
      tail: parts.scopeTail.slice(),
      spans: new ProtoWriter(SPANS_INITIAL),
    };
    rg.scopes.push(sg);
    return sg;
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

/** Splits a one-resource, one-scope, one-span request into its field slices. */
function split(request: Uint8Array): Parts {
  const r = new ProtoReader(request);
  const parts: Parts = {
    resourceHead: EMPTY,
    resourceTail: EMPTY,
    scopeHead: EMPTY,
    scopeTail: EMPTY,
    span: EMPTY,
  };
  expectField(r, 0x0a);
  const rsEnd = r.lengthDelimited();
  while (r.pos < rsEnd) {
    const start = r.pos;
    const tag = r.tag();
    if (tag === 0x12) {
      const ssEnd = r.lengthDelimited();
      while (r.pos < ssEnd) {
        const s = r.pos;
        const t = r.tag();
        r.skip(t);
        const slice = request.subarray(s, r.pos);
        if (t === 0x0a) parts.scopeHead = slice;
        else if (t === 0x12) parts.span = slice;
        else if (t === 0x1a) parts.scopeTail = slice;
      }
      continue;
    }
    r.skip(tag);
    if (tag === 0x0a) parts.resourceHead = request.subarray(start, r.pos);
    else if (tag === 0x1a) parts.resourceTail = request.subarray(start, r.pos);
  }
  if (parts.span.length === 0) throw new Error('the encoder produced no span');
  return parts;
}

function expectField(r: ProtoReader, tag: number): void {
  if (r.pos >= r.end || r.tag() !== tag)
    throw new Error('not an ExportTraceServiceRequest with one resource');
}
