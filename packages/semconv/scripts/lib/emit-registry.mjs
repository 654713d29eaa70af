// The compact registry behind `@otlpx/semconv/registry`: every attribute, every group and the
// schema rename history, as one JSON text parsed on first load (JSON.parse beats an object
// literal of this size at startup). The layout is described in src/registry-format.ts.
import { enumValueType, isEnum, typeLabel } from './value-types.mjs';

const LEVELS = ['required', 'conditionally_required', 'recommended', 'opt_in'];

function dep(deprecated) {
  if (!deprecated) return null;
  const note = deprecated.note ? String(deprecated.note).replace(/\s+/g, ' ').trim() : null;
  return [deprecated.reason ?? 'uncategorized', deprecated.renamed_to ?? null, note];
}

function attributeRow(attr) {
  const type = isEnum(attr) ? `enum[${enumValueType(attr)}]` : typeLabel(attr);
  const members = isEnum(attr)
    ? attr.type.members.map((m) => [String(m.id), m.value, m.stability ?? 'development', dep(m.deprecated)])
    : null;
  return [attr.id, type, attr.stability, dep(attr.deprecated), members];
}

function groupRow(group, attrIndex, texts) {
  const row = { i: group.id, t: group.type, s: group.stability };
  if (group.spanKind) row.k = group.spanKind;
  if (group.name) row.n = group.name;
  if (group.instrument) row.in = group.instrument;
  if (group.unit !== undefined) row.u = String(group.unit);
  if (group.extends || group.refines) row.b = group.extends ?? group.refines;
  if (group.syntax === 2) row.v = 2;
  if (group.deprecated) row.d = dep(group.deprecated);
  // Attributes by index into `attributes`, conditions by index into `texts`: both repeat a lot.
  row.a = group.resolved.map((e) => {
    const level = LEVELS.indexOf(e.requirement.level);
    if (!e.requirement.condition) return [attrIndex.get(e.name), level];
    if (!texts.has(e.requirement.condition)) texts.set(e.requirement.condition, texts.size);
    return [attrIndex.get(e.name), level, texts.get(e.requirement.condition)];
  });
  return row;
}

/** Returns the `registry-data.ts` source and the JSON text size in bytes. */
export function emitRegistry(model, renames, version, header) {
  const attributes = [...model.attributes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(attributeRow);
  const attrIndex = new Map(attributes.map((row, i) => [row[0], i]));
  const texts = new Map();
  const groups = [...model.groups.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((g) => groupRow(g, attrIndex, texts));
  const history = renames.history.map((h) => [h.version, h.attributes, h.metrics]);
  const json = JSON.stringify({
    version,
    schema: renames.schemaVersion,
    attributes,
    groups,
    texts: [...texts.keys()],
    renames: history,
  });
  const source =
    `${header}\nimport type { RegistryData } from '../registry-format.js';\n\n` +
    `/** ${Buffer.byteLength(json)} bytes of JSON: ${attributes.length} attributes, ${groups.length} groups, ${history.length} schema versions with renames. */\n` +
    `export const registryData: RegistryData = JSON.parse(${JSON.stringify(json)});\n`;
  return { source, bytes: Buffer.byteLength(json) };
}
