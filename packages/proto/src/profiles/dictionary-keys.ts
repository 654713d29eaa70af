import type { AnyValue } from '../model/common.js';
import type {
  KeyValueAndUnit,
  ProfileFunction,
  ProfileLink,
  ProfileLocation,
  ProfileMapping,
  ProfileStack,
} from '../model/profiles.js';

// Identity keys of dictionary entries: two entries are duplicates exactly when their keys are
// equal (the spec: "the identity of a dictionary item is based on its value, recursively").
// Shared by ProfilesDictionaryBuilder (to intern) and validateProfilesRequest (to find
// duplicates), so both agree on what a duplicate is.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexKey(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

export function mappingKey(m: ProfileMapping): string {
  return `${m.memoryStart}|${m.memoryLimit}|${m.fileOffset}|${m.filenameStrindex}|${m.attributeIndices.join(',')}`;
}

export function locationKey(loc: ProfileLocation): string {
  let key = `${loc.mappingIndex}|${loc.address}|${loc.attributeIndices.join(',')}|`;
  const lines = loc.lines;
  for (let i = 0; i < lines.length; i++)
    key += `${lines[i].functionIndex}:${lines[i].line}:${lines[i].column};`;
  return key;
}

export function functionKey(f: ProfileFunction): string {
  return `${f.nameStrindex}|${f.systemNameStrindex}|${f.filenameStrindex}|${f.startLine}`;
}

/** Link{} and the 16 + 8 zero-byte link are both the zero value; they share one key. */
export function linkKey(link: ProfileLink): string {
  if (isZeroBytes(link.traceId) && isZeroBytes(link.spanId)) return '0';
  return `${hexKey(link.traceId)}|${hexKey(link.spanId)}`;
}

export function stackKey(stack: ProfileStack): string {
  return stack.locationIndices.join(',');
}

export function attributeKey(kv: KeyValueAndUnit): string {
  return `${kv.keyStrindex}|${kv.unitStrindex}|${kv.value === undefined ? '' : anyValueKey(kv.value)}`;
}

/** A canonical string of an AnyValue that tells every kind and value apart. */
export function anyValueKey(v: AnyValue): string {
  if ('stringValue' in v) return `s${JSON.stringify(v.stringValue)}`;
  if ('boolValue' in v) return v.boolValue ? 'b1' : 'b0';
  if ('intValue' in v) return `i${v.intValue}`;
  if ('doubleValue' in v) return `d${Object.is(v.doubleValue, -0) ? '-0' : v.doubleValue}`;
  if ('bytesValue' in v) return `x${hexKey(v.bytesValue)}`;
  if ('stringValueStrindex' in v) return `r${v.stringValueStrindex}`;
  if ('arrayValue' in v) {
    let key = 'a[';
    for (const item of v.arrayValue.values) key += `${anyValueKey(item)},`;
    return `${key}]`;
  }
  if ('kvlistValue' in v) {
    let key = 'k{';
    for (const kv of v.kvlistValue.values) {
      key += `${JSON.stringify(kv.key)}#${kv.keyStrindex ?? 0}:${kv.value === undefined ? '' : anyValueKey(kv.value)},`;
    }
    return `${key}}`;
  }
  return 'e';
}

export function isZeroBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
