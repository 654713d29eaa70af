import { createRequire } from 'node:module';
import type * as Simd from '@otlpx/simd';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import type { SdkReadableSpan } from './sdk-span.js';

// The trace, span and parent span ids of a group of spans from one bulk pass through
// @otlpx/simd instead of a character loop per id: the id strings are joined and written out by
// one native UTF-8 write, `hexDecode` turns every digit pair (either case) into its byte in one
// call (the bytes the protobuf encoder copies), and for OTLP/JSON `hexEncode` writes them back as
// lower-case hex in one call. Both encoders copy each id from there as int32 words.
//
// Why it pays: the id strings are read char by char otherwise, and charCodeAt on them (cons
// strings in the shared fixture; flat ones from the SDK's generator cost about the same here) is
// what the per-id loops wait on; joining them is one native copy per string.
//
// Measured by benchmarks/encode/json-hex-ids.mjs (the ids of makeHttpServerSpans({ count: 512 }),
// 2.55 per span; one process, variants alternating, CPU ns per span, median [best] of 9 rounds,
// load average ~4 on 2 cores): the per-id loop 268 [206]; the bulk pass 125 [92] on the native
// backend, 175 [111] on wasm and 320 [270] on the TS kernels, which is why OTLPX_SIMD=js keeps
// the loop. hexEncode alone is ~1.5 ns per span native and 61-77 in TS: reading the id strings
// costs the rest. In encodeTracesJson this is ~5 % of the 512-span call (in-process A/B); for
// encodeTraces, which needs only hexDecode, see BULK_MAX_BINARY.

/** The two kernels used here (the default instance of @otlpx/simd, or one from createSimd). */
export type HexKernels = Pick<typeof Simd, 'hexDecode' | 'hexEncode'>;

/** Below this many spans the per-id loop is cheaper than the native calls (~130 ns each). */
export const BULK_MIN_SPANS = 16;

/**
 * Spans whose ids one bulk pass takes: bigger batches go in chunks. One pass over 10,000 spans
 * (an 800 KB joined string, and 1.2 MB of buffers past the L2 cache) made both encoders 15-20 %
 * slower than the per-id loop at that size (benchmarks/README.md, 07:26 UTC run); 256 spans
 * (~20 KB) keep it in cache.
 */
export const BULK_CHUNK = 256;

/**
 * The protobuf encoder takes ids in bulk only for scope groups up to this size. The bulk pass
 * visits every span twice (once for its ids, once to write it); that is cheap while the batch
 * stays in cache and costs more than it saves once it does not. In-process A/B against the
 * per-id loop (same process, alternating blocks, p10 of CPU ns per span): 512 spans 925 vs 943
 * and 921 vs 1001 in two runs, 2,048 spans 1,723 vs 1,649, 10,000 spans 1,617 vs 1,415 (also
 * with chunks of 32 or 64). The JSON encoder, whose per-id loop does more, gains at every size
 * (10,000 spans: 3,301 vs 3,464).
 */
export const BULK_MAX_BINARY = 1024;

let kernels: HexKernels | null | undefined;

/**
 * @otlpx/simd's default instance, loaded on first use (loading the native addon takes tens of
 * milliseconds, which importers of @otlpx/proto that never encode traces should not pay); null when
 * its backend is the TS one (OTLPX_SIMD=js, or neither native nor wasm loads) or it is missing.
 */
export function defaultHexKernels(): HexKernels | null {
  if (kernels === undefined) {
    try {
      const simd = createRequire(import.meta.url)('@otlpx/simd') as typeof Simd;
      kernels = simd.backend === 'js' ? null : simd;
    } catch {
      kernels = null;
    }
  }
  return kernels;
}

/** Buffer's UTF-8 writer without the argument checks of `write()`. */
interface NodeBuffer extends Buffer {
  utf8Write(s: string, offset: number, maxLength: number): number;
}

let text = Buffer.allocUnsafe(0);
// Words are read 4 bytes at a time: both have room past the end.
let bytes = new Uint8Array(4);
let bytesView = new DataView(bytes.buffer);
let hex = new Uint8Array(4);
let hexView = new DataView(hex.buffer);

function sized(length: number): void {
  if (text.length >= length && text.length <= Math.max(MAX_RETAINED_BUFFER, length * 2)) return;
  text = Buffer.allocUnsafe(length);
  bytes = new Uint8Array((length >>> 1) + 4);
  bytesView = new DataView(bytes.buffer);
  hex = new Uint8Array(length + 4);
  hexView = new DataView(hex.buffer);
}

/** Whether an id is written (both encoders omit empty ones and those of one character). */
export function writesId(id: string | undefined): id is string {
  return id !== undefined && id.length >= 2;
}

/** Longest id taken in bulk: its byte length must fit the one-byte length prefix. */
const MAX_BULK_ID = 254;

/**
 * Decodes every written id of `spans[from..to)` in writing order (trace id, span id, parent span
 * id of each span) into `bytes`; returns the number of hex digits, or -1 when an id has an odd
 * length, more than MAX_BULK_ID digits or a character that is not a hex digit (the per-id loops
 * handle those, writing such characters as 0).
 */
function decodeIds(spans: readonly SdkReadableSpan[], from: number, to: number, k: HexKernels): number {
  const ids: string[] = [];
  for (let i = from; i < to; i++) {
    const span = spans[i];
    const ctx = span.spanContext();
    if (writesId(ctx.traceId)) ids.push(ctx.traceId);
    if (writesId(ctx.spanId)) ids.push(ctx.spanId);
    const parent = span.parentSpanContext;
    if (parent !== undefined && writesId(parent.spanId)) ids.push(parent.spanId);
  }
  for (let i = 0; i < ids.length; i++) {
    if ((ids[i].length & 1) !== 0 || ids[i].length > MAX_BULK_ID) return -1;
  }
  const all = ids.join('');
  sized(all.length);
  // UTF-8: any non-ASCII character makes the byte count differ (latin1 would keep its low byte).
  if ((text as NodeBuffer).utf8Write(all, 0, text.length) !== all.length) return -1;
  try {
    k.hexDecode(text.subarray(0, all.length), bytes.subarray(0, all.length >>> 1));
  } catch {
    return -1;
  }
  return all.length;
}

/** The bytes of every written id of `spans[from..to)`, back to back (see decodeIds), or null. */
export function bulkIdBytes(
  spans: readonly SdkReadableSpan[],
  from: number,
  to: number,
  k: HexKernels,
): DataView | null {
  return decodeIds(spans, from, to, k) < 0 ? null : bytesView;
}

/** The same ids as lower-case hex, back to back, or null. */
export function bulkLowerHexIds(
  spans: readonly SdkReadableSpan[],
  from: number,
  to: number,
  k: HexKernels,
): DataView | null {
  const digits = decodeIds(spans, from, to, k);
  if (digits < 0) return null;
  k.hexEncode(bytes.subarray(0, digits >>> 1), hex.subarray(0, digits));
  return hexView;
}
