import type { ProtoWriter } from '../wire/writer.js';

// Repeated fields shared by the profiles and pprof encoders. Every field number they use is
// below 16, so the tag is one byte (`tagByte`).

/** Writes each item as a sub-message under a one-byte LEN tag (empty items too). */
export function writeEach<T>(
  w: ProtoWriter,
  tagByte: number,
  list: T[],
  write: (w: ProtoWriter, item: T) => void,
): void {
  for (let i = 0; i < list.length; i++) {
    w.byte(tagByte);
    const s = w.fork();
    write(w, list[i]);
    w.join(s);
  }
}

/** Writes `repeated int32` packed; nothing when empty. */
export function writePackedInt32(w: ProtoWriter, tagByte: number, list: number[]): void {
  if (list.length === 0) return;
  w.byte(tagByte);
  const s = w.fork();
  for (let i = 0; i < list.length; i++) w.int32(list[i]);
  w.join(s);
}

/** Writes `repeated int64` / `repeated uint64` held in JS numbers, packed; nothing when empty. */
export function writePackedInt64(w: ProtoWriter, tagByte: number, list: number[]): void {
  if (list.length === 0) return;
  w.byte(tagByte);
  const s = w.fork();
  for (let i = 0; i < list.length; i++) w.int64(list[i]);
  w.join(s);
}
