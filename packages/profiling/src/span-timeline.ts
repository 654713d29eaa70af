import { performance } from 'node:perf_hooks';
import type { SpanRef } from './profile.js';

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
 *  slots  [ s0 | s1 | s2 | ... ]   span slot (index into spans), -1 none, -2 unknown (Int32Array)
 *           ^tail          ^head   power-of-two ring: when full the oldest switch is overwritten
 * ```
 * `record()` runs on every context switch, so it does one compare when the span did not change
 * and one Map lookup when it did; the span's ids and name are read once, when first seen.
 */
export class SpanTimeline {
  readonly #mask: number;
  readonly #times: Float64Array;
  readonly #slots: Int32Array;
  #head = 0;
  #size = 0;
  /** Earliest time the ring still answers for (switches before it were overwritten). */
  #lostBefore = Number.NEGATIVE_INFINITY;
  #lastSpan: unknown;
  #lastSlot = NO_SPAN;
  #spans: SpanRef[] = [];
  #slotOf = new Map<unknown, number>();
  readonly #maxSpans: number;
  /** Switches overwritten before they were joined; spans over the cap. */
  overwritten = 0;
  spansDropped = 0;

  constructor(capacity = 65_536, maxSpans = 10_000) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.#mask = size - 1;
    this.#times = new Float64Array(size);
    this.#slots = new Int32Array(size);
    this.#maxSpans = maxSpans;
    this.#push(performance.now(), NO_SPAN);
  }

  /** Notes that `span` (or no span) is active from now on. */
  record(span: unknown): void {
    if (span === this.#lastSpan) return;
    this.#lastSpan = span;
    const slot = span === undefined ? NO_SPAN : this.#slot(span as SpanLike);
    if (slot === this.#lastSlot) return;
    this.#lastSlot = slot;
    this.#push(performance.now(), slot);
  }

  #slot(span: SpanLike): number {
    let slot = this.#slotOf.get(span);
    if (slot !== undefined) return slot;
    if (this.#spans.length >= this.#maxSpans) {
      this.spansDropped++;
      return UNKNOWN_SPAN;
    }
    const ref = spanRefOf(span);
    if (!ref) return NO_SPAN;
    slot = this.#spans.push(ref) - 1;
    this.#slotOf.set(span, slot);
    return slot;
  }

  #push(time: number, slot: number): void {
    const at = (this.#head + this.#size) & this.#mask;
    if (this.#size > this.#mask) {
      // full: overwrite the oldest switch; the ring no longer answers for times before the next one
      this.#head = (this.#head + 1) & this.#mask;
      this.#lostBefore = this.#times[this.#head];
      this.overwritten++;
    } else this.#size++;
    this.#times[at] = time;
    this.#slots[at] = slot;
  }

  /**
   * The span of each time (ascending performance.now() ms) as an index into the returned
   * `spans`, or -1: none, or unknown (counted in `unknown`: the switch was overwritten or the
   * span was over the cap).
   */
  join(times: Float64Array): { span: Int32Array; spans: SpanRef[]; unknown: number } {
    const out = new Int32Array(times.length);
    const remap = new Map<number, number>();
    const spans: SpanRef[] = [];
    let unknown = 0;
    let k = 0; // ring offset of the switch in effect
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      while (k + 1 < this.#size && this.#times[(this.#head + k + 1) & this.#mask] <= t) k++;
      let slot = this.#slots[(this.#head + k) & this.#mask];
      if (t < this.#lostBefore) slot = UNKNOWN_SPAN;
      if (slot === UNKNOWN_SPAN) {
        out[i] = NO_SPAN;
        unknown++;
      } else if (slot === NO_SPAN) out[i] = NO_SPAN;
      else {
        let index = remap.get(slot);
        if (index === undefined) {
          index = spans.push(this.#spans[slot]) - 1;
          remap.set(slot, index);
        }
        out[i] = index;
      }
    }
    return { span: out, spans, unknown };
  }

  /** Forgets switches before `time` (keeping the one in effect at `time`) and spans no longer referenced. */
  trim(time: number): void {
    let k = 0;
    while (k + 1 < this.#size && this.#times[(this.#head + k + 1) & this.#mask] <= time) k++;
    this.#head = (this.#head + k) & this.#mask;
    this.#size -= k;
    const spans: SpanRef[] = [];
    const slotOf = new Map<unknown, number>();
    const remap = new Map<number, number>();
    for (let j = 0; j < this.#size; j++) {
      const at = (this.#head + j) & this.#mask;
      const slot = this.#slots[at];
      if (slot < 0) continue;
      let next = remap.get(slot);
      if (next === undefined) next = remap.set(slot, spans.push(this.#spans[slot]) - 1).get(slot) as number;
      this.#slots[at] = next;
    }
    for (const [span, slot] of this.#slotOf) {
      const next = remap.get(slot);
      if (next !== undefined) slotOf.set(span, next);
    }
    if (this.#lastSlot >= 0) this.#lastSlot = remap.get(this.#lastSlot) ?? NO_SPAN;
    this.#spans = spans;
    this.#slotOf = slotOf;
  }

  /** Switches held now. */
  get size(): number {
    return this.#size;
  }
}
