import { createRequire } from 'node:module';
import type * as Simd from '@otlpx/simd';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import type { SdkReadableSpan } from './sdk-span.js';

// The trace, span and parent span ids of a batch as lower-case hex for OTLP/JSON, from one bulk
// pass through @otlpx/simd instead of a checked character loop per id: the id strings are
// joined and written out by one native UTF-8 write, `hexDecode` checks every digit (either
// case) in one call and `hexEncode` writes them back in lower case in one call.
//
// Measured by benchmarks/encode/json-hex-ids.mjs (the ids of makeHttpServerSpans({ count: 512 }),
// 2.55 per span; one process, variants alternating, CPU ns per span, median [best] of 9 rounds,
// load average ~4 on 2 cores): the per-id loop 268 [206]; the bulk pass 125 [92] on the native
// backend, 175 [111] on wasm and 320 [270] on the TS kernels, which is why OTLPX_SIMD=js keeps
// the loop. hexEncode alone is ~1.5 ns per span native and 61-77 in TS: reading the id strings
// costs the rest. In encodeTracesJson this is ~5 % of the 512-span call (in-process A/B).

/** The two kernels used here (the default instance of @otlpx/simd, or one from createSimd). */
export type HexKernels = Pick<typeof Simd, 'hexDecode' | 'hexEncode'>;

/** Below this many spans the per-id loop is cheaper than the native calls (~130 ns each). */
export const BULK_MIN_SPANS = 16;

let kernels: HexKernels | null | undefined;

/**
 * @otlpx/simd's default instance, loaded on first use (loading the native addon takes tens of
 * milliseconds, which importers of @otlpx/proto that never write JSON should not pay); null when
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
let bytes = new Uint8Array(0);
let hex = new Uint8Array(0);
let hexView = new DataView(hex.buffer);

function sized(length: number): void {
  if (text.length >= length && text.length <= Math.max(MAX_RETAINED_BUFFER, length * 2)) return;
  text = Buffer.allocUnsafe(length);
  bytes = new Uint8Array(length >>> 1);
  hex = new Uint8Array(length + 4); // words are read 4 bytes at a time: room past the end
  hexView = new DataView(hex.buffer);
}

/** Whether an id is written (the JSON encoder omits empty ones and those of one character). */
export function writesId(id: string | undefined): id is string {
  return id !== undefined && id.length >= 2;
}

/**
 * The lower-case hex of every written id of `spans[from..to)` in writing order (trace id, span
 * id, parent span id of each span) as a view with 4 bytes of room past the end, or null when an
 * id has an odd length or a character that is not a hex digit (the per-id loop handles those).
 */
export function bulkLowerHexIds(
  spans: readonly SdkReadableSpan[],
  from: number,
  to: number,
  k: HexKernels,
): DataView | null {
  const ids: string[] = [];
  for (let i = from; i < to; i++) {
    const span = spans[i];
    const ctx = span.spanContext();
    if (writesId(ctx.traceId)) ids.push(ctx.traceId);
    if (writesId(ctx.spanId)) ids.push(ctx.spanId);
    const parent = span.parentSpanContext;
    if (parent !== undefined && writesId(parent.spanId)) ids.push(parent.spanId);
  }
  for (let i = 0; i < ids.length; i++) if ((ids[i].length & 1) !== 0) return null;
  const all = ids.join('');
  sized(all.length);
  // UTF-8: any non-ASCII character makes the byte count differ (latin1 would keep its low byte).
  if ((text as NodeBuffer).utf8Write(all, 0, text.length) !== all.length) return null;
  const n = all.length >>> 1;
  try {
    k.hexDecode(text.subarray(0, all.length), bytes.subarray(0, n));
  } catch {
    return null; // a non-hex character: the per-id loop writes it as 0, like the binary encoder
  }
  k.hexEncode(bytes.subarray(0, n), hex.subarray(0, all.length));
  return hexView;
}
