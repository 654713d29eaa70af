import { performance } from 'node:perf_hooks';
import type { SpanRef } from './profile.js';
import { runToEnd, type Steps } from './time-slice.js';

/** The parts of an OTel Span we read (API >= 1.3). */
interface SpanLike {
  spanContext(): { traceId: string; spanId: string };
  name?: unknown;
}

const NO_SPAN = -1;
/** A span was active but its slot was dropped (span cap). */
const UNKNOWN_SPAN = -2;
const INVALID_TRACE = '00000000000000000000000000000000';

/** The ids and name of an OTel span; undefined for an invalid span or something that is not a span. */
export function spanRefOf(span: unknown): SpanRef | undefined {
  try {
    const ctx = (span as SpanLike).spanContext();
    if (ctx.traceId === INVALID_TRACE) return undefined;
    const name = (span as SpanLike).name;
    return { traceId: ctx.traceId, spanId: ctx.spanId, name: typeof name === 'string' ? name : '' };
  } catch {
    return undefined; // not a span: someone stored something else under the span key
  }
}

/**
 * A bounded record of which span was active when, for joining with CPU samples afterwards.
 *
 * ```
 *  times  [ t0 | t1 | t2 | ... ]   performance.now() ms of each switch (Float64Array)
 *  ids    [ c0 | c1 | c2 | ... ]   the span's SpanContext object ({ traceId, spanId, ... }), null: none
 *  names  [ n0 | n1 | n2 | ... ]   the span's name
 *           ^tail          ^head   power-of-two ring: when full the oldest switch is overwritten
 * ```
 * `record()` runs at every span switch (about 10 per request of an HTTP client + server), so it
 * is a compare, `span.spanContext()`, a clock read and three stores: no Map, no allocation. The
 * ring keeps no Span alive (nor its attributes), only the small SpanContext objects and names of
 * the switches it holds; their ids are read and deduplicated when the profile is built (`join`).
 */
export class SpanTimeline {
  readonly #mask: number;
  readonly #times: Float64Array;
  readonly #ids: (object | null)[];
  readonly #names: unknown[];
  #head = 0;
  #size = 0;
  /** Earliest time the ring still answers for (switches before it were overwritten). */
  #lostBefore = Number.NEGATIVE_INFINITY;
  #lastSpan: unknown;
  readonly #maxSpans: number;
  /** Switches overwritten before they were joined; spans over the per-profile cap at the last join. */
  overwritten = 0;
  spansDropped = 0;

  /** `maxSpans`: distinct spans per joined profile (more count as unknown). */
  constructor(capacity = 65_536, maxSpans = 10_000) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.#mask = size - 1;
    this.#times = new Float64Array(size);
    this.#ids = new Array<object | null>(size).fill(null);
    this.#names = new Array<unknown>(size).fill(undefined);
    this.#maxSpans = maxSpans;
    this.#push(performance.now(), null, undefined);
  }

  /** Notes that `span` (or no span) is active from now on. */
  record(span: unknown): void {
    if (span === this.#lastSpan) return;
    this.#lastSpan = span;
    let id: object | null = null;
    if (span !== undefined && span !== null) {
      try {
        id = (span as SpanLike).spanContext() ?? null;
      } catch {
        // not a span: someone stored something else under the span key
      }
    }
    this.#push(performance.now(), id, id === null ? undefined : (span as SpanLike).name);
  }

  #push(time: number, id: object | null, name: unknown): void {
    const at = (this.#head + this.#size) & this.#mask;
    if (this.#size > this.#mask) {
      // full: overwrite the oldest switch; the ring no longer answers for times before the next one
      this.#head = (this.#head + 1) & this.#mask;
      this.#lostBefore = this.#times[this.#head];
      this.overwritten++;
    } else this.#size++;
    this.#times[at] = time;
    this.#ids[at] = id;
    this.#names[at] = name;
  }

  /**
   * The span of each time (ascending performance.now() ms) as an index into the returned
   * `spans`, or -1: none, or unknown (counted in `unknown`: the switch was overwritten or the
   * span was over the cap).
   */
  join(times: Float64Array): { span: Int32Array; spans: SpanRef[]; unknown: number } {
    return runToEnd(this.joinSteps(times));
  }

  /**
   * `join()` as Steps, for a conversion spread over event-loop turns. Switches recorded between
   * steps are fine: each time is looked up afresh (binary search) in the ring as it is then, and
   * a time whose switch was overwritten meanwhile counts as unknown.
   */
  *joinSteps(times: Float64Array): Steps<{ span: Int32Array; spans: SpanRef[]; unknown: number }> {
    const out = new Int32Array(times.length);
    const indexOf = new Map<object, number>();
    const bySpanId = new Map<string, number>();
    const spans: SpanRef[] = [];
    let unknown = 0;
    let dropped = 0;
    for (let i = 0; i < times.length; i++) {
      if ((i & 255) === 255) yield;
      const t = times[i];
      if (t < this.#lostBefore) {
        out[i] = NO_SPAN;
        unknown++;
        continue;
      }
      const at = (this.#head + this.#switchesUpTo(t)) & this.#mask;
      const id = this.#ids[at];
      let index = id === null ? NO_SPAN : indexOf.get(id);
      if (index === undefined) {
        const ref = refOf(id as { traceId?: unknown; spanId?: unknown }, this.#names[at]);
        index = ref === undefined ? NO_SPAN : bySpanId.get(ref.traceId + ref.spanId);
        if (index === undefined) {
          index = spans.length < this.#maxSpans ? spans.push(ref as SpanRef) - 1 : UNKNOWN_SPAN;
          if (index === UNKNOWN_SPAN) dropped++;
          bySpanId.set((ref as SpanRef).traceId + (ref as SpanRef).spanId, index);
        }
        indexOf.set(id as object, index);
      }
      if (index === UNKNOWN_SPAN) {
        out[i] = NO_SPAN;
        unknown++;
      } else out[i] = index;
    }
    this.spansDropped = dropped;
    return { span: out, spans, unknown };
  }

  /** Forgets switches before `time` (keeping the one in effect at `time`). */
  trim(time: number): void {
    const k = this.#switchesUpTo(time);
    // release the forgotten SpanContexts and names (one or two ranges: the ring may wrap)
    const from = this.#head;
    const to = from + k;
    const wrapped = Math.max(0, to - (this.#mask + 1));
    this.#ids.fill(null, from, to - wrapped);
    this.#names.fill(undefined, from, to - wrapped);
    this.#ids.fill(null, 0, wrapped);
    this.#names.fill(undefined, 0, wrapped);
    this.#head = to & this.#mask;
    this.#size -= k;
  }

  /**
   * Ring offset of the switch in effect at `time`: the last one at or before it (0 when all are
   * later). The ring's times ascend from the head, so this is a binary search.
   */
  #switchesUpTo(time: number): number {
    let low = 0; // offset known to be at or before `time` (or 0)
    let high = this.#size - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.#times[(this.#head + mid) & this.#mask] <= time) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Switches held now. */
  get size(): number {
    return this.#size;
  }
}

/** The SpanRef of a SpanContext and name; undefined for an invalid or malformed context. */
function refOf(id: { traceId?: unknown; spanId?: unknown }, name: unknown): SpanRef | undefined {
  const { traceId, spanId } = id;
  if (typeof traceId !== 'string' || typeof spanId !== 'string' || traceId === INVALID_TRACE)
    return undefined;
  return { traceId, spanId, name: typeof name === 'string' ? name : '' };
}
