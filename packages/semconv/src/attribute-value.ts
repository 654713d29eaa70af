/**
 * Attribute values as OpenTelemetry defines them, structurally identical to `Attributes` of
 * `@opentelemetry/api`, so builders need no dependency on it and their output can be passed
 * to `span.setAttributes()` or `resourceFromAttributes()` as is.
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | Array<null | undefined | string>
  | Array<null | undefined | number>
  | Array<null | undefined | boolean>;

export interface Attributes {
  [key: string]: AttributeValue | undefined;
}
