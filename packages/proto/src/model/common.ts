/**
 * The plain typed model of opentelemetry/proto/common/v1 and resource/v1, shared by every
 * signal. Field names are the lowerCamelCase names of the OTLP/JSON mapping; 64-bit integers
 * are bigints; absent proto3 fields hold their default (0, '', [], false).
 */

/** One attribute value. Exactly one key is set, or none for an empty AnyValue. */
export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: bigint }
  | { doubleValue: number }
  | { arrayValue: ArrayValue }
  | { kvlistValue: KeyValueList }
  | { bytesValue: Uint8Array }
  /** Index into a profiles dictionary string table (profiles only). */
  | { stringValueStrindex: number }
  | EmptyAnyValue;

export type EmptyAnyValue = { [key: string]: never };

export interface ArrayValue {
  values: AnyValue[];
}

export interface KeyValueList {
  values: KeyValue[];
}

export interface KeyValue {
  key: string;
  /** Absent when the producer wrote no value message at all (distinct from an empty AnyValue). */
  value?: AnyValue;
  /** Index into a profiles dictionary string table; 0 when unused. */
  keyStrindex?: number;
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
}

export interface EntityRef {
  schemaUrl: string;
  type: string;
  idKeys: string[];
  descriptionKeys: string[];
}

export interface Resource {
  attributes: KeyValue[];
  droppedAttributesCount: number;
  entityRefs: EntityRef[];
}
