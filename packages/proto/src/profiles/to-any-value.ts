import { OtlpxError } from '../errors.js';
import type { AnyValue } from '../model/common.js';

/** An attribute value: JS values map like the OTel SDK's (safe integers to intValue), or an AnyValue. */
export type ProfileAttributeValue =
  | string
  | number
  | boolean
  | bigint
  | Uint8Array
  | ProfileAttributeValue[]
  | AnyValue;

/** Maps a JS value to an AnyValue like the OTel JS SDK: safe integers become intValue, other numbers doubleValue. */
export function toAnyValue(value: ProfileAttributeValue): AnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'bigint':
      return { intValue: BigInt.asIntN(64, value) };
    case 'number':
      return Number.isSafeInteger(value) ? { intValue: BigInt(value) } : { doubleValue: value };
  }
  if (value instanceof Uint8Array) return { bytesValue: value.slice() };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
  if (typeof value === 'object' && value !== null) return value;
  throw new OtlpxError('OTLPX_ERR_INVALID_ARG', `unsupported attribute value ${String(value)}`);
}
