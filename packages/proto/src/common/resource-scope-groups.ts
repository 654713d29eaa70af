import type { InstrumentationScope, Resource } from '../model/common.js';
import type { ProtoReader } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';
import type { ProtoWriter } from '../wire/writer.js';
import { readResource, readScope, writeResource, writeScope } from './common-binary.js';

// The two envelopes every OTLP signal shares, model <-> bytes:
//   ResourceSpans / ResourceMetrics / ResourceLogs: 1 resource, 2 repeated scope groups, 3 schema_url
//   ScopeSpans / ScopeMetrics / ScopeLogs:          1 scope,    2 repeated items,        3 schema_url
// Each signal passes the reader or writer of what it nests (ScopeMetrics, Metric, LogRecord ...).

const { LengthDelimited } = WireType;

export interface ResourceGroup<T> {
  resource?: Resource;
  groups: T[];
  schemaUrl: string;
}

export interface ScopeGroup<T> {
  scope?: InstrumentationScope;
  items: T[];
  schemaUrl: string;
}

function readEnvelope<H, T>(
  r: ProtoReader,
  readHead: (r: ProtoReader) => H,
  readChild: (r: ProtoReader) => T,
): { head?: H; children: T[]; schemaUrl: string } {
  const end = r.enter();
  const out: { head?: H; children: T[]; schemaUrl: string } = { children: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // resource / scope (LEN)
        r.expect(tag, LengthDelimited);
        out.head = readHead(r);
        break;
      case 2: // scope groups / items (LEN)
        r.expect(tag, LengthDelimited);
        out.children.push(readChild(r));
        break;
      case 3: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        out.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return out;
}

/** Reads a ResourceX message (after its tag) whose scope groups `readGroup` reads. */
export function readResourceGroup<T>(r: ProtoReader, readGroup: (r: ProtoReader) => T): ResourceGroup<T> {
  const e = readEnvelope(r, readResource, readGroup);
  const out: ResourceGroup<T> = { groups: e.children, schemaUrl: e.schemaUrl };
  if (e.head !== undefined) out.resource = e.head;
  return out;
}

/** Reads a ScopeX message (after its tag) whose items `readItem` reads. */
export function readScopeGroup<T>(r: ProtoReader, readItem: (r: ProtoReader) => T): ScopeGroup<T> {
  const e = readEnvelope(r, readScope, readItem);
  const out: ScopeGroup<T> = { items: e.children, schemaUrl: e.schemaUrl };
  if (e.head !== undefined) out.scope = e.head;
  return out;
}

function writeChildren<T>(
  w: ProtoWriter,
  children: readonly T[],
  writeChild: (w: ProtoWriter, child: T) => void,
): void {
  for (let i = 0; i < children.length; i++) {
    w.byte(0x12); // 2: scope groups / items (LEN)
    const c = w.fork();
    writeChild(w, children[i]);
    w.join(c);
  }
}

function writeSchemaUrl(w: ProtoWriter, schemaUrl: string): void {
  if (schemaUrl !== '') {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(schemaUrl);
  }
}

/** Writes `1: resource_x (LEN ResourceX)` of an Export*ServiceRequest; `writeGroup` writes a scope group's body. */
export function writeResourceGroup<T>(
  w: ProtoWriter,
  resource: Resource | undefined,
  groups: readonly T[],
  schemaUrl: string,
  writeGroup: (w: ProtoWriter, group: T) => void,
): void {
  w.byte(0x0a); // Export*ServiceRequest 1: resource_x (LEN)
  const start = w.fork();
  if (resource !== undefined) writeResource(w, 1, resource); // 1: resource (LEN)
  writeChildren(w, groups, writeGroup); // 2: scope_x (LEN)
  writeSchemaUrl(w, schemaUrl); // 3: schema_url (LEN)
  w.join(start);
}

/** Writes the body of a ScopeX message; `writeItem` writes an item's body. */
export function writeScopeGroup<T>(
  w: ProtoWriter,
  scope: InstrumentationScope | undefined,
  items: readonly T[],
  schemaUrl: string,
  writeItem: (w: ProtoWriter, item: T) => void,
): void {
  if (scope !== undefined) writeScope(w, 1, scope); // 1: scope (LEN)
  writeChildren(w, items, writeItem); // 2: items (LEN)
  writeSchemaUrl(w, schemaUrl); // 3: schema_url (LEN)
}
