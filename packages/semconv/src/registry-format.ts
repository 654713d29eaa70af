/**
 * Layout of the compact registry data (src/gen/registry-data.ts), written by
 * scripts/lib/emit-registry.mjs and expanded by registry.ts. Rows are tuples to keep it small.
 */

/** `[reason, renamedTo, note]`: reason is `renamed`, `obsoleted` or `uncategorized`. */
export type DeprecationRow = [reason: string, renamedTo: string | null, note: string | null];

/** `[id, value, stability, deprecated]` of one enum member. */
export type MemberRow = [
  id: string,
  value: string | number | boolean,
  stability: string,
  deprecated: DeprecationRow | null,
];

/** `[name, type, stability, deprecated, members]`; type is `enum[string]` / `enum[int]` for enums. */
export type AttributeRow = [
  name: string,
  type: string,
  stability: string,
  deprecated: DeprecationRow | null,
  members: MemberRow[] | null,
];

/** `[attributeIndex, level, conditionTextIndex?]`; level indexes `REQUIREMENT_LEVELS`. */
export type GroupAttributeRow = [attribute: number, level: number, condition?: number];

export interface GroupRow {
  /** id */
  i: string;
  /** type: span, entity, event, metric, attribute_group */
  t: string;
  /** stability */
  s: string;
  /** span kind */
  k?: string;
  /** metric, event or entity name */
  n?: string;
  /** metric instrument */
  in?: string;
  /** metric unit */
  u?: string;
  /** the group it extends (v1) or refines (v2) */
  b?: string;
  /** 2 for definition/2 groups */
  v?: 2;
  d?: DeprecationRow;
  a: GroupAttributeRow[];
}

/** `[from, to, scope, applyTo?]`: scope is the schema-file section (`all`, `spans`, `metrics`, ...). */
export type AttributeRenameRow = [from: string, to: string, scope: string, applyTo?: string[]];

/** `[version, attributeRenames, metricRenames]`, oldest version first. */
export type RenameVersionRow = [
  version: string,
  attributes: AttributeRenameRow[],
  metrics: Record<string, string>,
];

export interface RegistryData {
  version: string;
  schema: string;
  attributes: AttributeRow[];
  groups: GroupRow[];
  texts: string[];
  renames: RenameVersionRow[];
}

export const REQUIREMENT_LEVELS = ['required', 'conditionally_required', 'recommended', 'opt_in'] as const;
