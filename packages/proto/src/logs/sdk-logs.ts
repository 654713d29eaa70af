import type { SdkResourceLike, SdkScopeLike } from '../common/sdk-resource-scope.js';

/**
 * The parts of an @opentelemetry/sdk-logs 0.223.x `ReadableLogRecord` that the logs encoders
 * read, as structural types: SDK records are assignable to them, and @otlpx/proto needs no SDK
 * package at run time or in its type declarations.
 */
export interface SdkLogRecord {
  readonly hrTime: readonly [number, number];
  readonly hrTimeObserved: readonly [number, number];
  readonly spanContext?: { readonly traceId: string; readonly spanId: string; readonly traceFlags: number };
  readonly severityText?: string;
  readonly severityNumber?: number;
  /** An api-logs AnyValue: scalars, Uint8Array, arrays, nested maps, null or undefined. */
  readonly body?: unknown;
  readonly eventName?: string;
  readonly resource: SdkResourceLike;
  readonly instrumentationScope: SdkScopeLike;
  readonly attributes: object;
  readonly droppedAttributesCount: number;
}

/** Records of one scope, in arrival order. */
export interface ScopeGroup {
  scope: SdkScopeLike;
  records: SdkLogRecord[];
}

/** Scopes of one resource, in order of first appearance. */
export interface ResourceGroup {
  resource: SdkResourceLike;
  scopes: Map<SdkScopeLike, ScopeGroup>;
}

/**
 * Groups records by resource, then scope, by object identity and in order of first appearance,
 * as the official serializers do (the SDK reuses one resource and one scope object per logger).
 */
export function groupLogRecords(records: readonly SdkLogRecord[]): Map<SdkResourceLike, ResourceGroup> {
  const groups = new Map<SdkResourceLike, ResourceGroup>();
  let lastResource: SdkResourceLike | undefined;
  let lastScope: SdkScopeLike | undefined;
  let lastGroup: ScopeGroup | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const resource = record.resource;
    const scope = record.instrumentationScope;
    // Runs of records from one logger are the common case: skip the map lookups for them.
    if (resource === lastResource && scope === lastScope && lastGroup !== undefined) {
      lastGroup.records.push(record);
      continue;
    }
    let group = groups.get(resource);
    if (group === undefined) {
      group = { resource, scopes: new Map() };
      groups.set(resource, group);
    }
    let scopeGroup = group.scopes.get(scope);
    if (scopeGroup === undefined) {
      scopeGroup = { scope, records: [] };
      group.scopes.set(scope, scopeGroup);
    }
    scopeGroup.records.push(record);
    lastResource = resource;
    lastScope = scope;
    lastGroup = scopeGroup;
  }
  return groups;
}
