import { MAX_WORD_COPY, type PackedBytes, packBytes, writeWords } from '../common/packed-bytes.js';
import { attributeKeyField, writeSdkAnyValueBody } from '../common/sdk-attributes.js';
import type { ProtoWriter } from '../wire/writer.js';
import type { AttributeMemo, AttributeMemos, Kept } from './attribute-memo.js';
import { MEMO_POSITIONS } from './attribute-memo.js';

// The hot loop of the span encoder: SDK attributes -> `repeated KeyValue`. Per attribute it
// writes tag, lengths, the cached key and the value in one pass, sizing the length prefixes up
// front for strings, small integers and booleans instead of reserving a byte and patching it
// (fork/join). Arrays, objects, bytes, doubles and other integers take the generic writer of
// common/sdk-attributes.ts. Same mapping as the official serializer.
//
// Measurements: encodeTraces(makeHttpServerSpans({ count: 512 })) (12 attributes per span),
// CPU profile and medians of fresh processes (see write-sdk-span.ts). With the generic
// writeSdkAttributes, attributes took 43 % of the call (Map lookup per key 6.6 %, TypedArray#set
// of the key bytes 7.3 %, Object.hasOwn 4x slower than hasOwnProperty.call inside for-in).

/**
 * From this length on, strings go through Buffer's native UTF-8 writer. Thresholds 16-64 were
 * within noise of each other on the 512-span case; the native call wins clearly above ~64
 * characters (user agents) and loses below ~16.
 */
const NATIVE_STRING_MIN = 32;

/** Buffer's UTF-8 writer without the argument checks of `write()`. */
interface NodeBuffer extends Buffer {
  utf8Write(s: string, offset: number, maxLength: number): number;
}

/**
 * Copies small constant byte strings (keys, kept KeyValues). TypedArray#set on a plain
 * Uint8Array is a native memmove that beat a JS byte loop 2x for 34-byte keys and ran 2x faster
 * than on the Buffer subclass itself, so it writes through the writer's Uint8Array view.
 */
function copyBytes(w: ProtoWriter, pos: number, bytes: Uint8Array): void {
  w.bytesView().set(bytes, pos);
}

/** Writes a key field (`1: key`); up to three bytes after it are overwritten (see packed-bytes.ts). */
function writeKey(w: ProtoWriter, pos: number, key: PackedBytes): void {
  if (key.bytes.length > MAX_WORD_COPY) copyBytes(w, pos, key.bytes);
  else writeWords(w.dataView(), pos, key);
}

/** The key field of `key` with its words, for writeKey. */
export function packedKeyField(key: string): PackedBytes {
  return packBytes(attributeKeyField(key));
}

function varintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

function writeVarint(buf: Uint8Array, pos: number, v: number): number {
  while (v > 0x7f) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/**
 * KeyValue { key, value: AnyValue { 1: string_value } }. The prefixes are sized for the ASCII
 * case (UTF-8 length = string length), the string is copied by a tight ASCII loop, and only
 * a non-ASCII character switches to the full encoder; if the UTF-8 turns out longer than the
 * prefixes allow, its bytes move once.
 */
function writeStringKeyValue(w: ProtoWriter, fieldTag: number, key: PackedBytes, s: string): void {
  const len = s.length;
  const keyLen = key.bytes.length;
  w.ensure(keyLen + 16 + len * 3);
  const buf = w.buf;
  const pos = w.pos;
  let value = 1 + varintSize(len) + len;
  let kv = keyLen + 1 + varintSize(value) + value;
  let headerLen = 1 + varintSize(kv) + keyLen + 1 + varintSize(value) + 1 + varintSize(len);
  let strStart = pos + headerLen;
  let end = strStart;
  let i = 0;
  if (len >= NATIVE_STRING_MIN) {
    end += (buf as NodeBuffer).utf8Write(s, strStart, len * 3);
    i = end - strStart === len ? len : -1;
  } else {
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[end++] = c;
    }
    // The rest from the first non-ASCII character on (lone surrogates become U+FFFD there).
    if (i < len) end += (buf as NodeBuffer).utf8Write(s.slice(i), end, (len - i) * 3);
  }
  if (i !== len) {
    const byteLength = end - strStart;
    value = 1 + varintSize(byteLength) + byteLength;
    kv = keyLen + 1 + varintSize(value) + value;
    const newHeaderLen = 1 + varintSize(kv) + keyLen + 1 + varintSize(value) + 1 + varintSize(byteLength);
    if (newHeaderLen !== headerLen) {
      buf.copyWithin(pos + newHeaderLen, strStart, end);
      end += newHeaderLen - headerLen;
      headerLen = newHeaderLen;
      strStart = pos + headerLen;
    }
  }
  let p = pos;
  buf[p++] = fieldTag;
  p = writeVarint(buf, p, kv);
  writeKey(w, p, key); // the three bytes written next cover what it writes past the key
  p += keyLen;
  buf[p++] = 0x12; // KeyValue 2: value (LEN AnyValue)
  p = writeVarint(buf, p, value);
  buf[p++] = 0x0a; // AnyValue 1: string_value (LEN)
  writeVarint(buf, p, end - strStart);
  w.pos = end;
}

/** KeyValue with a small varint value: int_value (0 <= v < 2^31) or bool_value. */
function writeVarintKeyValue(
  w: ProtoWriter,
  fieldTag: number,
  key: PackedBytes,
  valueTag: number,
  v: number,
): void {
  const keyLen = key.bytes.length;
  w.ensure(keyLen + 16);
  const buf = w.buf;
  let p = w.pos;
  const value = 1 + varintSize(v);
  buf[p++] = fieldTag;
  p = writeVarint(buf, p, keyLen + 2 + value); // value < 0x80, so its length takes one byte
  writeKey(w, p, key); // the three bytes written next cover what it writes past the key
  p += keyLen;
  buf[p++] = 0x12; // KeyValue 2: value (LEN AnyValue)
  buf[p++] = value;
  buf[p++] = valueTag;
  w.pos = writeVarint(buf, p, v);
}

/** Any other value: the generic writer, with one-byte length reservations. */
function writeOtherKeyValue(w: ProtoWriter, fieldTag: number, key: PackedBytes, v: unknown): void {
  w.byte(fieldTag);
  const kv = w.fork();
  w.raw(key.bytes);
  w.byte(0x12); // KeyValue 2: value (LEN AnyValue)
  const value = w.fork();
  writeSdkAnyValueBody(w, v);
  w.join(value);
  w.join(kv);
}

function writeKeyValue(w: ProtoWriter, fieldTag: number, key: PackedBytes, v: unknown): void {
  if (typeof v === 'string') writeStringKeyValue(w, fieldTag, key, v);
  else if (typeof v === 'number' && (v | 0) === v && v >= 0) writeVarintKeyValue(w, fieldTag, key, 0x18, v);
  else if (typeof v === 'boolean') writeVarintKeyValue(w, fieldTag, key, 0x10, v ? 1 : 0);
  else writeOtherKeyValue(w, fieldTag, key, v);
}

function writeKept(w: ProtoWriter, kept: Kept): void {
  const bytes = kept.bytes;
  w.ensure(bytes.length);
  copyBytes(w, w.pos, bytes);
  w.pos += bytes.length;
}

/**
 * Writes SDK attributes as `repeated KeyValue` with the one-byte tag `fieldTag`, with the memo of
 * spans of `scope` and `kind` that start with the same key.
 */
export function writeSpanAttributes(
  w: ProtoWriter,
  fieldTag: number,
  attributes: object,
  memos: AttributeMemos<PackedBytes>,
  scope: object,
  kind: number,
): void {
  let memo: AttributeMemo<PackedBytes> | undefined;
  let i = 0;
  // Kept KeyValues found but not copied yet: a run of them is copied once (see attribute-memo.ts).
  let pending: Kept | undefined;
  // Object.keys, not for-in + hasOwnProperty: an SDK attributes object with more than ~16 keys is
  // in dictionary mode (V8), where for-in collects the keys anyway and each hasOwnProperty is a
  // hash lookup. encodeTraces on 512 spans of 20 attributes: 2,215 ns/span with for-in, 1,832 with
  // Object.keys; of 12 attributes (fast mode) 906 and 904.
  const keys = Object.keys(attributes);
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n];
    const v = (attributes as Record<string, unknown>)[k];
    if (memo === undefined) memo = memos.for(scope, kind, k); // chosen by the first key
    if (i >= MEMO_POSITIONS) {
      if (pending !== undefined) writeKept(w, pending);
      pending = undefined;
      writeKeyValue(w, fieldTag, packedKeyField(k), v);
      continue;
    }
    const kept = memo.sameKey(i, k, packedKeyField) ? memo.find(i, v) : undefined;
    if (kept !== undefined) {
      if (pending === undefined) pending = kept;
      else {
        const joined = memo.join(pending, kept, -1);
        if (joined === undefined) writeKept(w, pending);
        pending = joined ?? kept;
      }
    } else {
      if (pending !== undefined) writeKept(w, pending);
      pending = undefined;
      const start = w.pos;
      writeKeyValue(w, fieldTag, memo.keyBytes[i], v);
      if (memo.written(i, v, w.pos - start)) {
        memo.keep(i, v, w.bytesView().slice(start, w.pos));
      }
    }
    i++;
  }
  if (pending !== undefined) writeKept(w, pending);
}
