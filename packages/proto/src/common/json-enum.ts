import { OtlpxJsonError } from '../errors.js';
import { int32FromJson } from './json-values.js';

/**
 * Reads a protobuf enum from OTLP/JSON: a number (what OTLP/JSON writers emit) or, as protobuf's
 * JSON parsers also accept, the value's name (`names[n]` is the name of value n: OTLP enums are
 * dense from 0). Unknown numbers are kept; unknown names throw.
 */
export function enumFromJson(value: unknown, path: string, names: readonly string[]): number {
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) {
    const index = names.indexOf(value);
    if (index < 0)
      throw new OtlpxJsonError(`unknown enum value "${value}" (expected one of ${names.join(', ')})`, path);
    return index;
  }
  return int32FromJson(value, path);
}
