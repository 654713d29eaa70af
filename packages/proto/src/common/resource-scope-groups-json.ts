import type { InstrumentationScope, Resource } from '../model/common.js';
import { resourceFromJson, resourceToJson, scopeFromJson, scopeToJson } from './common-json.js';
import { arrayField, expectObject, field, type JsonObject, stringFromJson } from './json-values.js';

// The ResourceX / ScopeX envelopes every OTLP signal shares, model <-> OTLP/JSON objects. Members
// are written in the order resource/scope, children, schemaUrl (the fast JSON encoders follow it).

export function resourceGroupToJson<T>(
  resource: Resource | undefined,
  groupsKey: string,
  groups: readonly T[],
  schemaUrl: string,
  groupToJson: (group: T) => JsonObject,
): JsonObject {
  const o: JsonObject = {};
  if (resource !== undefined) o.resource = resourceToJson(resource);
  o[groupsKey] = groups.map(groupToJson);
  if (schemaUrl !== '') o.schemaUrl = schemaUrl;
  return o;
}

export function scopeGroupToJson<T>(
  scope: InstrumentationScope | undefined,
  itemsKey: string,
  items: readonly T[],
  schemaUrl: string,
  itemToJson: (item: T) => JsonObject,
): JsonObject {
  const o: JsonObject = {};
  if (scope !== undefined) o.scope = scopeToJson(scope);
  o[itemsKey] = items.map(itemToJson);
  if (schemaUrl !== '') o.schemaUrl = schemaUrl;
  return o;
}

function envelopeFromJson<H, T>(
  json: unknown,
  path: string,
  head: 'resource' | 'scope',
  readHead: (json: unknown, path: string) => H,
  childrenKey: [camel: string, snake: string],
  readChild: (json: unknown, path: string) => T,
): { head?: H; children: T[]; schemaUrl: string } {
  const o = expectObject(json, path);
  const out: { head?: H; children: T[]; schemaUrl: string } = {
    children: arrayField(o, path, childrenKey[0], childrenKey[1], readChild),
    schemaUrl: stringFromJson(field(o, 'schemaUrl', 'schema_url'), `${path}.schemaUrl`),
  };
  const h = o[head];
  if (h !== undefined && h !== null) out.head = readHead(h, `${path}.${head}`);
  return out;
}

/** Reads a ResourceX object: its resource, its scope groups under `groupsKey` (camel and snake), schemaUrl. */
export function resourceGroupFromJson<T>(
  json: unknown,
  path: string,
  groupsKey: [camel: string, snake: string],
  readGroup: (json: unknown, path: string) => T,
): { resource?: Resource; groups: T[]; schemaUrl: string } {
  const e = envelopeFromJson(json, path, 'resource', resourceFromJson, groupsKey, readGroup);
  const out: { resource?: Resource; groups: T[]; schemaUrl: string } = {
    groups: e.children,
    schemaUrl: e.schemaUrl,
  };
  if (e.head !== undefined) out.resource = e.head;
  return out;
}

/** Reads a ScopeX object: its scope, its items under `itemsKey` (camel and snake), schemaUrl. */
export function scopeGroupFromJson<T>(
  json: unknown,
  path: string,
  itemsKey: [camel: string, snake: string],
  readItem: (json: unknown, path: string) => T,
): { scope?: InstrumentationScope; items: T[]; schemaUrl: string } {
  const e = envelopeFromJson(json, path, 'scope', scopeFromJson, itemsKey, readItem);
  const out: { scope?: InstrumentationScope; items: T[]; schemaUrl: string } = {
    items: e.children,
    schemaUrl: e.schemaUrl,
  };
  if (e.head !== undefined) out.scope = e.head;
  return out;
}
