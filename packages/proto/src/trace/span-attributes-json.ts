import { type JsonWriter, jsonBytes } from '../common/json-writer.js';
import { writeSdkAnyValueJson } from '../common/sdk-json.js';
import type { AttributeMemo, AttributeMemos, Kept } from './attribute-memo.js';
import { MEMO_POSITIONS } from './attribute-memo.js';

// The JSON twin of span-attributes.ts: span attributes -> `"attributes":[KeyValue...]`, with the
// same positional caches (key prefix by position, whole KeyValue replayed while key and value
// repeat). Kept apart from the binary loop on purpose: one monomorphic loop per writer type is
// what makes the caches pay (a shared loop calling back into two writers lost the inlining).
//
// Measured on encodeTracesJson(makeHttpServerSpans({ count: 512 })): the shared
// writeSdkAttributesJson + escaping + key prefix lookups took 26 % of the call; see the traces
// section of packages/proto/README.md for the before/after figures.

const KEY_CACHE_LIMIT = 4096;

/**
 * `{"key":"<key>","value":` of a key, alone and followed by the start of a string or an int64
 * value, so the common KeyValue starts with one copy instead of two.
 */
export interface KeyPrefix {
  any: Uint8Array;
  string: Uint8Array;
  int: Uint8Array;
}

/** Key prefixes by key; bounded like the binary key cache. */
const prefixes = new Map<string, KeyPrefix>();

function keyPrefix(key: string): KeyPrefix {
  let prefix = prefixes.get(key);
  if (prefix === undefined) {
    const any = jsonBytes((w) => {
      w.ascii('{"key":');
      w.string(key);
      w.ascii(',"value":');
    });
    prefix = {
      any,
      string: Buffer.concat([any, Buffer.from('{"stringValue":')]),
      int: Buffer.concat([any, Buffer.from('{"intValue":"')]),
    };
    if (prefixes.size < KEY_CACHE_LIMIT) prefixes.set(key, prefix);
  }
  return prefix;
}

/** Small constant byte strings through a plain Uint8Array view (TypedArray#set; see span-attributes.ts). */
function copy(w: JsonWriter, bytes: Uint8Array): void {
  w.ensure(bytes.length);
  w.bytesView().set(bytes, w.pos);
  w.pos += bytes.length;
}

/** Characters a JSON string must escape, and everything outside ASCII. */
const NOT_PLAIN_ASCII = /[^ !#-[\]-~]/; // anything but 0x20-0x7e minus quote and backslash

interface NodeBuffer extends Buffer {
  latin1Write(s: string, offset: number, maxLength: number): number;
}

/**
 * A JSON string literal. Plain ASCII (no quote, backslash or control character: almost every
 * attribute value) is checked by one RegExp test and copied by Buffer's native latin1 writer;
 * everything else goes through JsonWriter#string's escaping loop (14 % of the 512-span call).
 */
function writeString(w: JsonWriter, s: string): void {
  const len = s.length;
  if (len < 16 || NOT_PLAIN_ASCII.test(s)) {
    w.string(s);
    return;
  }
  w.ensure(len + 2);
  const buf = w.buf as NodeBuffer;
  const pos = w.pos;
  buf[pos] = 0x22; // "
  buf.latin1Write(s, pos + 1, len);
  buf[pos + 1 + len] = 0x22; // "
  w.pos = pos + len + 2;
}

function writeKeyValue(w: JsonWriter, prefix: KeyPrefix, v: unknown): void {
  if (typeof v === 'string') {
    copy(w, prefix.string);
    writeString(w, v);
    w.byte(0x7d); // } of the AnyValue
  } else if (typeof v === 'number' && (v | 0) === v) {
    copy(w, prefix.int);
    w.ascii(String(v)); // V8 caches the strings of small integers: cheaper than digit loops
    w.byte(0x22); // "
    w.byte(0x7d); // } of the AnyValue
  } else {
    copy(w, prefix.any);
    writeSdkAnyValueJson(w, v);
  }
  w.byte(0x7d); // }
}

/**
 * Writes `"attributes":[...]` (after a comma unless `first`) for non-empty span attributes, with
 * the memo of spans of `scope` and `kind` that start with the same key; returns whether the
 * object now has a member.
 */
export function writeSpanAttributesJson(
  w: JsonWriter,
  first: boolean,
  attributes: object,
  memos: AttributeMemos<KeyPrefix>,
  scope: object,
  kind: number,
): boolean {
  let memo: AttributeMemo<KeyPrefix> | undefined;
  let i = 0;
  // Kept KeyValues found but not copied yet: a run of them, commas included, is copied once.
  let pending: Kept | undefined;
  // Object.keys, not for-in + hasOwnProperty: see writeSpanAttributes (dictionary-mode objects).
  const keys = Object.keys(attributes);
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n];
    const v = (attributes as Record<string, unknown>)[k];
    if (memo === undefined) memo = memos.for(scope, kind, k); // chosen by the first key
    if (i < MEMO_POSITIONS) {
      const kept = memo.sameKey(i, k, keyPrefix) ? memo.find(i, v) : undefined;
      if (kept !== undefined) {
        if (pending !== undefined) {
          const joined = memo.join(pending, kept, 0x2c);
          if (joined !== undefined) {
            pending = joined;
            i++;
            continue;
          }
          copy(w, pending.bytes);
        }
        w.ascii(i === 0 ? (first ? '"attributes":[' : ',"attributes":[') : ',');
        pending = kept;
        i++;
        continue;
      }
    }
    if (pending !== undefined) copy(w, pending.bytes);
    pending = undefined;
    if (i === 0) w.ascii(first ? '"attributes":[' : ',"attributes":[');
    else w.byte(0x2c); // ,
    if (i >= MEMO_POSITIONS) {
      writeKeyValue(w, keyPrefix(k), v);
      continue;
    }
    const start = w.pos;
    writeKeyValue(w, memo.keyBytes[i], v);
    if (memo.written(i, v, w.pos - start)) memo.keep(i, v, w.bytesView().slice(start, w.pos));
    i++;
  }
  if (pending !== undefined) copy(w, pending.bytes);
  if (i === 0) return !first;
  w.byte(0x5d); // ]
  return true;
}
