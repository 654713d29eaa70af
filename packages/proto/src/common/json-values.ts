import { OtlpxJsonError } from '../errors.js';

// Scalars of the OTLP/JSON mapping (protobuf's canonical JSON with OTLP's exceptions): 64-bit
// integers as decimal strings, trace and span ids as hex (not base64), other bytes as base64,
// non-finite doubles as "NaN" / "Infinity" / "-Infinity". Readers accept what a lenient
// protobuf JSON parser accepts (numbers or strings for integers, lowerCamelCase or
// snake_case names) and throw OtlpxJsonError with the JSON path of the offending value.

export type JsonObject = Record<string, unknown>;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OtlpxJsonError(`expected an object, got ${describe(value)}`, path);
  }
  return value as JsonObject;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new OtlpxJsonError(`expected an array, got ${describe(value)}`, path);
  return value;
}

/** A field by its lowerCamelCase JSON name or its proto (snake_case) name. */
export function field(obj: JsonObject, camel: string, snake?: string): unknown {
  const v = obj[camel];
  if (v !== undefined || snake === undefined) return v;
  return obj[snake];
}

/** Reads an optional repeated field: absent or null is empty; each item mapped with its path. */
export function arrayField<T>(
  obj: JsonObject,
  path: string,
  camel: string,
  snake: string | undefined,
  read: (item: unknown, itemPath: string) => T,
): T[] {
  const v = field(obj, camel, snake);
  if (v === undefined || v === null) return [];
  const items = expectArray(v, `${path}.${camel}`);
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = read(items[i], `${path}.${camel}[${i}]`);
  return out;
}

export function stringFromJson(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpxJsonError(`expected a string, got ${describe(value)}`, path);
  return value;
}

export function boolFromJson(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new OtlpxJsonError(`expected a boolean, got ${describe(value)}`, path);
  return value;
}

function integerFromJson(value: unknown, path: string, min: bigint, max: bigint, what: string): bigint {
  if (value === undefined || value === null) return 0n;
  let n: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new OtlpxJsonError(`expected ${what}, got ${value}`, path);
    n = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    n = BigInt(value);
  } else {
    throw new OtlpxJsonError(`expected ${what} (a decimal string or a number), got ${describe(value)}`, path);
  }
  if (n < min || n > max) throw new OtlpxJsonError(`${what} out of range: ${n}`, path);
  return n;
}

export function int64FromJson(value: unknown, path: string): bigint {
  return integerFromJson(value, path, INT64_MIN, INT64_MAX, 'an int64');
}

export function uint64FromJson(value: unknown, path: string): bigint {
  return integerFromJson(value, path, 0n, UINT64_MAX, 'a uint64');
}

export function uint32FromJson(value: unknown, path: string): number {
  return Number(integerFromJson(value, path, 0n, 0xffffffffn, 'a uint32'));
}

export function int32FromJson(value: unknown, path: string): number {
  return Number(integerFromJson(value, path, -(2n ** 31n), 2n ** 31n - 1n, 'an int32'));
}

export function doubleFromJson(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    const n = Number(value);
    if (value.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw new OtlpxJsonError(`expected a double, got ${describe(value)}`, path);
}

export function doubleToJson(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes (trace and span ids in OTLP/JSON). */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/** Bytes of a hex id; empty or absent is an empty id. */
export function hexFromJson(value: unknown, path: string): Uint8Array {
  if (value === undefined || value === null || value === '') return new Uint8Array(0);
  if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new OtlpxJsonError(`expected an even-length hex string, got ${describe(value)}`, path);
  }
  return new Uint8Array(Buffer.from(value, 'hex'));
}

export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes of standard or URL-safe base64, padded or not. */
export function base64FromJson(value: unknown, path: string): Uint8Array {
  if (value === undefined || value === null || value === '') return new Uint8Array(0);
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value) || value.length % 4 === 1) {
    throw new OtlpxJsonError(`expected base64 bytes, got ${describe(value)}`, path);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Parses OTLP/JSON text (or takes an already parsed value) with a clear error on bad JSON. */
export function parseJsonInput(input: string | Uint8Array | object): unknown {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new OtlpxJsonError(`not valid JSON: ${(err as Error).message}`, '$');
    }
  }
  return input;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}
