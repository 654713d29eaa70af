/**
 * A small pool of encode buffers (ProtoWriters) for span batches. A 512-span request is about
 * 280 KB; allocating one per export made V8 schedule scavenges for external memory pressure in
 * the middle of back-to-back exports. A writer comes back only through `giveWriter`, which a
 * batch calls when its export has settled (delivered, failed or spooled), so a buffer still being
 * sent or retried is never handed out again.
 */
import { ProtoWriter } from '@otlpx/proto/wire';

const INITIAL_BYTES = 384 * 1024;
const MAX_POOLED = 8;
const MAX_POOLED_BYTES = 4 * 1024 * 1024;

const pool: ProtoWriter[] = [];

/** A writer at position 0, from the pool when one is free. */
export function takeWriter(): ProtoWriter {
  const w = pool.pop() ?? new ProtoWriter(INITIAL_BYTES);
  w.reset();
  return w;
}

/** Returns a writer whose bytes are no longer read by anyone. Oversized ones are let go. */
export function giveWriter(w: ProtoWriter): void {
  if (pool.length < MAX_POOLED && w.buf.length <= MAX_POOLED_BYTES && !pool.includes(w)) pool.push(w);
}

/** Writers waiting in the pool (for tests). */
export function pooledWriters(): number {
  return pool.length;
}
