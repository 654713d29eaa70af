import { describe, expect, it } from 'vitest';
import { OwnedOutput } from '../../src/common/owned-output.js';
import { ProtoWriter } from '../../src/wire/writer.js';

/** Writes `count` items of `size` bytes each (byte value `fill`) through `output`. */
function run(output: OwnedOutput, w: ProtoWriter, count: number, size: number, fill: number): Uint8Array {
  output.start(w, count, 0);
  for (let i = 0; i < count * size; i++) w.byte(fill);
  return output.finish(w, count);
}

describe('OwnedOutput', () => {
  it('hands out memory no later call writes into', () => {
    const output = new OwnedOutput(10);
    const w = new ProtoWriter(64);
    const first = run(output, w, 100, 10, 1);
    const second = run(output, w, 100, 10, 2);
    expect(first.buffer).not.toBe(second.buffer);
    expect(first.every((b) => b === 1)).toBe(true);
    expect(second.every((b) => b === 2)).toBe(true);
    expect(first.length).toBe(1000);
    // The writer keeps no reference to a returned buffer.
    expect(w.buf.buffer).not.toBe(second.buffer);
    expect(first).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(first)).toBe(false);
  });

  it('grows past a short estimate and trims a large slack with a copy', () => {
    const output = new OwnedOutput(1);
    const w = new ProtoWriter(64);
    // Estimate 1 byte per item: the writer doubles its way up to 50 KB, then the result is trimmed.
    const grown = run(output, w, 1000, 50, 3);
    expect(grown.length).toBe(50_000);
    expect(grown.buffer.byteLength).toBe(50_000);
    expect(grown.every((b) => b === 3)).toBe(true);
    // Sized from the last call (50 bytes per item): little slack, no copy.
    const sized = run(output, w, 1000, 50, 4);
    expect(sized.length).toBe(50_000);
    expect(sized.buffer.byteLength).toBeGreaterThan(50_000);
    expect(sized.buffer.byteLength - 50_000).toBeLessThanOrEqual(sized.buffer.byteLength / 8);
    // The slack is zero-filled: no stale memory behind the result.
    expect(new Uint8Array(sized.buffer, 50_000).every((b) => b === 0)).toBe(true);
    // A much smaller call than the estimate: trimmed again.
    const small = run(output, w, 1000, 5, 5);
    expect(small.buffer.byteLength).toBe(5000);
  });

  it('handles an empty call', () => {
    const output = new OwnedOutput(100);
    const w = new ProtoWriter(64);
    output.start(w, 0, 0);
    const out = output.finish(w, 0);
    expect(out.length).toBe(0);
  });
});
