/**
 * A pending batch of FastSpanProcessor (and of one `OtlpTraceExporter.export` call): SDK spans
 * written straight into pooled buffers as they are added (@otlpx/proto/sdk records, the bytes
 * `encodeTraces` writes), grouped by resource and scope object, assembled into one
 * ExportTraceServiceRequest at the end.
 *
 *   ExportTraceServiceRequest
 *     1: ResourceSpans = [resource field] [ScopeSpans...] [schema_url field]
 *          2: ScopeSpans = [scope field] [span fields, written as spans are added] [schema_url field]
 *
 * Each (resource, scope) group writes its spans into its own pooled ProtoWriter after a gap sized
 * for the envelope (tags, two lengths, the resource and scope fields). With one group, the common
 * case, `finish()` fills the gap in front of the spans and returns a view of that buffer: no copy
 * of the batch. The buffers go back to the pool in `release()`, which the owner calls when the
 * export has settled (retries and the codec fallback read the request until then).
 *
 * A resource whose detectors are still running (`asyncAttributesPending`, e.g. `host.id` from
 * hostDetector) is not encoded when its first span comes: `settleResources()` waits for its
 * attributes before the export, as the SDK's BatchSpanProcessor does, and encodes it then.
 */
import {
  type SdkReadableSpan,
  type SdkResourceLike,
  writeSdkResourceRecord,
  writeSdkSchemaUrlRecord,
  writeSdkScopeRecord,
  writeSdkSpanRecord,
} from '@otlpx/proto/sdk';
import { ProtoWriter, varintSize } from '@otlpx/proto/wire';
import { report } from './errors.js';
import { RequestTimeout } from './http-request.js';
import { attempt, within } from './time-limit.js';
import { giveWriter, takeWriter } from './writer-pool.js';

/** An SDK resource whose detectors may still be running (@opentelemetry/resources 2.x). */
interface SettlingResource extends SdkResourceLike {
  waitForAsyncAttributes?(): Promise<void>;
}

interface Group {
  readonly resource: SettlingResource;
  readonly scope: object;
  /** `1: resource` field bytes; empty while `resourcePending`. */
  resourceField: Uint8Array;
  /** The resource's async attributes had not settled when the group was made. */
  resourcePending: boolean;
  /** `1: scope` field bytes. */
  readonly scopeField: Uint8Array;
  /** `3: schema_url` of the ResourceSpans / the ScopeSpans (empty when unset). */
  readonly resourceTail: Uint8Array;
  readonly scopeTail: Uint8Array;
  /** Span fields from `gap` on; the envelope goes in front of them in `finish()`. */
  readonly spans: ProtoWriter;
  readonly gap: number;
}

export class SpanBatch {
  /** Spans added. */
  count = 0;
  /** Encoded span bytes held. */
  bytes = 0;
  readonly #groups: Group[] = [];
  #last: Group | undefined;
  #finished: Uint8Array | undefined;
  #released = false;

  /**
   * Writes one SDK span into its group. Throws when the span cannot be encoded; nothing of it is
   * kept then.
   */
  add(span: SdkReadableSpan): void {
    if (this.#finished) throw new Error('SpanBatch: add() after finish()');
    let g = this.#last;
    if (g === undefined || g.resource !== span.resource || g.scope !== span.instrumentationScope) {
      g = this.#group(span);
      this.#last = g;
    }
    const w = g.spans;
    const before = w.pos;
    try {
      writeSdkSpanRecord(w, span);
    } catch (err) {
      w.pos = before;
      throw err;
    }
    this.count++;
    this.bytes += w.pos - before;
  }

  #group(span: SdkReadableSpan): Group {
    for (const g of this.#groups)
      if (g.resource === span.resource && g.scope === span.instrumentationScope) return g;
    // Envelope fields first, into a scratch writer: a resource or scope that cannot be encoded
    // throws before the batch changes. A pending resource is encoded once it settled.
    const resource: SettlingResource = span.resource;
    const resourcePending = resource.asyncAttributesPending === true;
    const scratch = new ProtoWriter(1024);
    if (!resourcePending) writeSdkResourceRecord(scratch, resource);
    const r = scratch.pos;
    writeSdkScopeRecord(scratch, span.instrumentationScope);
    const s = scratch.pos;
    writeSdkSchemaUrlRecord(scratch, span.resource.schemaUrl);
    const rt = scratch.pos;
    writeSdkSchemaUrlRecord(scratch, span.instrumentationScope.schemaUrl);
    const all = scratch.finish();
    const resourceField = all.subarray(0, r);
    const scopeField = all.subarray(r, s);
    const gap = envelopeBound(resourceField, scopeField);
    const spans = takeWriter();
    spans.ensure(gap);
    spans.pos = gap;
    const g: Group = {
      resource,
      scope: span.instrumentationScope,
      resourceField,
      resourcePending,
      scopeField,
      resourceTail: all.subarray(s, rt),
      scopeTail: all.subarray(rt, all.length),
      spans,
      gap,
    };
    this.#groups.push(g);
    return g;
  }

  /** Whether a resource of this batch is waiting for async attributes (see `settleResources`). */
  get resourcesPending(): boolean {
    return this.#groups.some((g) => g.resourcePending);
  }

  /**
   * Waits, at most `timeoutMillis`, for the async attributes of the batch's pending resources,
   * and encodes those resources. One that does not settle in time, or whose detector failed, is
   * sent with the attributes it has (reported); the batch is never held longer.
   */
  async settleResources(timeoutMillis: number): Promise<void> {
    const pending = this.#groups.filter((g) => g.resourcePending);
    const waits = [...new Set(pending.map((g) => g.resource))].map((resource) =>
      settled(resource, timeoutMillis),
    );
    await Promise.all(waits);
    for (const g of pending) encodeResource(g);
  }

  /**
   * The whole ExportTraceServiceRequest. With one group it is a view of the pooled buffer, valid
   * until `release()`; with several, one exactly sized copy. Call once; later calls return the same.
   */
  finish(): Uint8Array {
    if (this.#finished) return this.#finished;
    const groups = this.#groups;
    for (const g of groups) if (g.resourcePending) encodeResource(g); // not settled: as it is
    if (groups.length === 1 && fitsGap(groups[0])) {
      const g = groups[0];
      const w = g.spans;
      const spanBytes = w.pos - g.gap;
      const ssLen = g.scopeField.length + spanBytes + g.scopeTail.length;
      const rsLen = g.resourceField.length + 1 + varintSize(ssLen) + ssLen + g.resourceTail.length;
      w.raw(g.scopeTail); // ScopeSpans 3: schema_url
      w.raw(g.resourceTail); // ResourceSpans 3: schema_url
      const end = w.pos;
      const start =
        g.gap -
        (1 + varintSize(rsLen) + g.resourceField.length + 1 + varintSize(ssLen) + g.scopeField.length);
      w.pos = start;
      w.byte(0x0a); // ExportTraceServiceRequest 1: resource_spans (LEN)
      w.uint32(rsLen);
      w.raw(g.resourceField); // ResourceSpans 1: resource
      w.byte(0x12); // ResourceSpans 2: scope_spans (LEN)
      w.uint32(ssLen);
      w.raw(g.scopeField); // ScopeSpans 1: scope
      w.pos = end;
      this.#finished = w.buf.subarray(start, end);
      return this.#finished;
    }
    this.#finished = this.#assemble();
    return this.#finished;
  }

  /** Several groups: one ResourceSpans per resource, its scopes in order of first appearance. */
  #assemble(): Uint8Array {
    const resources: Group[][] = [];
    for (const g of this.#groups) {
      const list = resources.find((l) => l[0].resource === g.resource);
      if (list) list.push(g);
      else resources.push([g]);
    }
    const ssLen = (g: Group) => g.scopeField.length + g.spans.pos - g.gap + g.scopeTail.length;
    const rsLens = resources.map((list) =>
      list.reduce(
        (n, g) => n + 1 + varintSize(ssLen(g)) + ssLen(g),
        list[0].resourceField.length + list[0].resourceTail.length,
      ),
    );
    const total = rsLens.reduce((n, len) => n + 1 + varintSize(len) + len, 0);
    const w = new ProtoWriter(total);
    resources.forEach((list, i) => {
      w.byte(0x0a); // ExportTraceServiceRequest 1: resource_spans (LEN)
      w.uint32(rsLens[i]);
      w.raw(list[0].resourceField);
      for (const g of list) {
        w.byte(0x12); // ResourceSpans 2: scope_spans (LEN)
        w.uint32(ssLen(g));
        w.raw(g.scopeField);
        w.raw(g.spans.buf.subarray(g.gap, g.spans.pos));
        w.raw(g.scopeTail);
      }
      w.raw(list[0].resourceTail);
    });
    return w.buf.subarray(0, w.pos);
  }

  /** Returns the buffers to the pool; the request of `finish()` must not be used after this. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    for (const g of this.#groups) giveWriter(g.spans);
  }
}

/** Encodes the `1: resource` field of a group whose resource was pending. */
function encodeResource(g: Group): void {
  const scratch = new ProtoWriter(1024);
  writeSdkResourceRecord(scratch, g.resource);
  g.resourceField = scratch.finish();
  g.resourcePending = false;
}

/**
 * The most bytes the envelope in front of a group's spans can take:
 * 0x0a len(5 max) resource 0x12 len(5 max) scope.
 */
function envelopeBound(resourceField: Uint8Array, scopeField: Uint8Array): number {
  return 12 + resourceField.length + scopeField.length;
}

/** Whether the envelope of a group fits the gap reserved in front of its spans. */
function fitsGap(g: Group): boolean {
  return envelopeBound(g.resourceField, g.scopeField) <= g.gap;
}

/** Resolves when `resource` settled, failed, or `timeoutMillis` passed (the last two reported). */
function settled(resource: SettlingResource, timeoutMillis: number): Promise<void> {
  const wait = resource.waitForAsyncAttributes;
  if (typeof wait !== 'function') return Promise.resolve();
  return within(
    attempt(() => wait.call(resource)),
    timeoutMillis,
  ).then(
    () => {},
    (err: unknown) => {
      const why =
        err instanceof RequestTimeout
          ? `not settled within ${timeoutMillis} ms`
          : `failed to settle (${(err as Error)?.message ?? err})`;
      report('warn', 'OTLPX_ERR_EXPORT_RESOURCE', `resource attributes ${why}; sent without them`);
    },
  );
}
