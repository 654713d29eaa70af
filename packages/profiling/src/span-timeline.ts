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
 *  ids    [ t0 t1 t2 t3 s0 s1 | ... ]  trace and span id of each, six uint32 words (Uint32Array),
 *                                  all zero: no span
 *  names  [ n0 | n1 | n2 | ... ]   the span's name
 *           ^tail          ^head   power-of-two ring: when full the oldest switch is overwritten
 * ```
 * `record()` runs at every span switch (about 10 per request of an HTTP client + server), so it
 * is a compare, `span.spanContext()`, a clock read, the ids copied as six words (read from hex
 * once per span) and a few stores: no Map, no allocation. The ring keeps no Span alive (nor its
 * attributes), nor its SpanContext or id strings: holding those for a window made them survive
 * into the old generation (measured: 10-20 % more scavenge time on a span-heavy job loop, whose
 * parallel scavenges in turn delay V8's sampling thread on a 2-core machine). Only the names are
 * held (usually constant strings). Ids are deduplicated when the profile is built (`join`).
 */
export class SpanTimeline {
  readonly #mask: number;
  readonly #times: Float64Array;
  readonly #ids: Uint32Array;
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
    this.#ids = new Uint32Array(size * ID_WORDS);
    this.#names = new Array<unknown>(size).fill(undefined);
    this.#maxSpans = maxSpans;
    this.#push(performance.now()); // no span until the first switch (the ring starts zeroed)
  }

  /** Notes that `span` (or no span) is active from now on. */
  record(span: unknown): void {
    if (span === this.#lastSpan) return;
    this.#lastSpan = span;
    const at = this.#push(performance.now());
    const ids = this.#ids;
    const w = at * ID_WORDS;
    let k = -1;
    if (span !== undefined && span !== null) {
      try {
        k = this.#readIds((span as SpanLike).spanContext());
      } catch {
        // not a span: someone stored something else under the span key
      }
    }
    if (k < 0) {
      for (let i = 0; i < ID_WORDS; i++) ids[w + i] = 0;
      this.#names[at] = undefined;
      return;
    }
    const from = this.#readIdWords;
    for (let i = 0; i < ID_WORDS; i++) ids[w + i] = from[k + i];
    this.#names[at] = (span as SpanLike).name; // read each time: instrumentations rename spans
  }

  /**
   * SpanContexts whose ids were read, with those ids as numbers, in READ_SLOTS slots picked by the
   * span id's last two hex digits (random in every id generator). A span is switched to several
   * times (at each await of its work, while other requests' spans interleave), so its ids are
   * parsed once, not at every switch: parsing them every time cost ~1,000 instructions per switch
   * (callgrind, async HTTP workload, 16 spans in flight). A slot holds its context until another
   * span's lands there: a few hundred switches, so these small objects still die young.
   */
  readonly #readContexts: unknown[] = new Array(READ_SLOTS).fill(undefined);
  readonly #readIdWords = new Uint32Array(READ_SLOTS * ID_WORDS);

  /** Where `context`'s ids are in #readIdWords (read now if they are not); -1 when invalid. */
  #readIds(context: { traceId?: unknown; spanId?: unknown } | undefined): number {
    if (!context) return -1;
    const spanId = context.spanId;
    if (typeof spanId !== 'string' || spanId.length !== 16) return -1;
    const slot = ((spanId.charCodeAt(14) << 4) ^ spanId.charCodeAt(15)) & (READ_SLOTS - 1);
    const k = slot * ID_WORDS;
    if (this.#readContexts[slot] === context) return k;
    if (!readIds(context.traceId, spanId, this.#readIdWords, k)) return -1;
    this.#readContexts[slot] = context;
    return k;
  }

  /** A new switch at `time` (its ids and name are the caller's to write); returns its slot. */
  #push(time: number): number {
    const at = (this.#head + this.#size) & this.#mask;
    if (this.#size > this.#mask) {
      // full: overwrite the oldest switch; the ring no longer answers for times before the next one
      this.#head = (this.#head + 1) & this.#mask;
      this.#lostBefore = this.#times[this.#head];
      this.overwritten++;
    } else this.#size++;
    this.#times[at] = time;
    return at;
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
    const indexOf = new Map<string, number>();
    const spans: SpanRef[] = [];
    const ids = this.#ids;
    let unknown = 0;
    let dropped = 0;
    let lastAt = -1; // consecutive samples mostly fall in the same switch
    let lastIndex = NO_SPAN;
    for (let i = 0; i < times.length; i++) {
      if ((i & 255) === 255) {
        yield;
        lastAt = -1; // the slot may have been overwritten meanwhile
      }
      const t = times[i];
      if (t < this.#lostBefore) {
        out[i] = NO_SPAN;
        unknown++;
        continue;
      }
      const at = (this.#head + this.#switchesUpTo(t)) & this.#mask;
      if (at !== lastAt) {
        lastAt = at;
        const w = at * ID_WORDS;
        if ((ids[w] | ids[w + 1] | ids[w + 2] | ids[w + 3]) === 0) lastIndex = NO_SPAN;
        else {
          const traceId = hex8(ids[w]) + hex8(ids[w + 1]) + hex8(ids[w + 2]) + hex8(ids[w + 3]);
          const spanId = hex8(ids[w + 4]) + hex8(ids[w + 5]);
          let index = indexOf.get(traceId + spanId);
          if (index === undefined) {
            const name = this.#names[at];
            index =
              spans.length < this.#maxSpans
                ? spans.push({ traceId, spanId, name: typeof name === 'string' ? name : '' }) - 1
                : UNKNOWN_SPAN;
            if (index === UNKNOWN_SPAN) dropped++;
            indexOf.set(traceId + spanId, index);
          }
          lastIndex = index;
        }
      }
      if (lastIndex === UNKNOWN_SPAN) {
        out[i] = NO_SPAN;
        unknown++;
      } else out[i] = lastIndex;
    }
    this.spansDropped = dropped;
    return { span: out, spans, unknown };
  }

  /** Forgets switches before `time` (keeping the one in effect at `time`). */
  trim(time: number): void {
    const k = this.#switchesUpTo(time);
    // release the forgotten names (one or two ranges: the ring may wrap)
    const from = this.#head;
    const to = from + k;
    const wrapped = Math.max(0, to - (this.#mask + 1));
    this.#names.fill(undefined, from, to - wrapped);
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

/** Words of a switch's ids in the ring: trace id (4) and span id (2). */
const ID_WORDS = 6;
/** Slots of SpanContexts whose ids are kept read (SpanTimeline#readIds); a power of two. */
const READ_SLOTS = 256;

/**
 * Reads a trace id (32 hex digits) and span id (16) into six words at `ids[at]`; false, with
 * nothing written, for ids that are not hex of that length or an all-zero (invalid) trace id.
 */
function readIds(traceId: unknown, spanId: unknown, ids: Uint32Array, at: number): boolean {
  if (typeof traceId !== 'string' || typeof spanId !== 'string') return false;
  if (traceId.length !== 32 || spanId.length !== 16) return false;
  const t0 = word(traceId, 0);
  const t1 = word(traceId, 8);
  const t2 = word(traceId, 16);
  const t3 = word(traceId, 24);
  const s0 = word(spanId, 0);
  const s1 = word(spanId, 8);
  if (t0 < 0 || t1 < 0 || t2 < 0 || t3 < 0 || s0 < 0 || s1 < 0 || t0 + t1 + t2 + t3 === 0) return false;
  ids[at] = t0;
  ids[at + 1] = t1;
  ids[at + 2] = t2;
  ids[at + 3] = t3;
  ids[at + 4] = s0;
  ids[at + 5] = s1;
  return true;
}

/** Eight hex digits of `s` from `from` as a uint32; -1 if one is not a hex digit. */
function word(s: string, from: number): number {
  let value = 0;
  let bad = 0;
  for (let i = from; i < from + 8; i++) {
    const c = s.charCodeAt(i);
    const lower = c | 32;
    const digit = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : 16;
    bad |= digit >> 4;
    value = (value << 4) | (digit & 15);
  }
  return bad ? -1 : value >>> 0;
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, '0');
}
