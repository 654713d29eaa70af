// One file per namespace and stability split: src/gen/stable/<ns>.ts holds the stable, current
// attributes (the semver-safe main entry), src/gen/incubating/<ns>.ts everything else.
import { clean, deprecationText, examplesText, jsdoc } from './jsdoc.mjs';
import { memberKey, namespaceOf } from './names.mjs';
import { enumValueType, isEnum, literal, templateOf, typeLabel } from './value-types.mjs';

/** The main entry exports only attributes that are stable and not deprecated. */
export function isStableEntry(attr) {
  return attr.stability === 'stable' && !attr.deprecated;
}

function attributeDoc(attr) {
  const template = templateOf(attr);
  const type = isEnum(attr)
    ? `enum {@link ${attr.typeName}} (${enumValueType(attr)}, open: other values are allowed)`
    : template
      ? `\`${template}\`, key template \`${attr.id}.<key>\``
      : `\`${typeLabel(attr)}\``;
  return [
    clean(attr.brief) || `\`${attr.id}\``,
    '',
    `- Key: \`${attr.id}\``,
    `- Type: ${type}`,
    `- Stability: ${attr.stability}`,
    examplesText(attr.examples) ? `- ${examplesText(attr.examples)}` : undefined,
    '',
    attr.stability === 'stable' ? undefined : '@experimental',
    deprecationText(attr.deprecated),
  ];
}

/** Member keys; a deprecated member whose key a current one also takes gets `_DEPRECATED`. */
function memberKeys(attr) {
  const keys = new Map();
  const taken = new Map();
  for (const m of attr.type.members) taken.set(memberKey(m), [...(taken.get(memberKey(m)) ?? []), m]);
  for (const [key, list] of taken) {
    if (list.filter((m) => !m.deprecated).length > 1 || list.filter((m) => m.deprecated).length > 1) {
      throw new Error(
        `semconv-gen: members ${list.map((m) => m.id).join(', ')} of ${attr.id} collide as ${key}`,
      );
    }
    for (const m of list) keys.set(m, list.length > 1 && m.deprecated ? `${key}_DEPRECATED` : key);
  }
  return keys;
}

function emitAttribute(attr) {
  let out = jsdoc(attributeDoc(attr));
  const template = templateOf(attr);
  if (template) {
    out += `export const ${attr.constName} = (key: string): \`${attr.id}.\${string}\` => \`${attr.id}.\${key}\`;\n`;
  } else {
    out += `export const ${attr.constName} = ${literal(attr.id)};\n`;
  }
  if (!isEnum(attr)) return out;
  out += `\n${jsdoc([`Members of the \`${attr.id}\` enum ({@link ${attr.constName}}).`, attr.deprecated ? deprecationText(attr.deprecated) : undefined])}`;
  out += `export const ${attr.typeName}Values = {\n`;
  const keys = memberKeys(attr);
  for (const m of attr.type.members) {
    const lines = [
      clean(m.brief) || `\`${m.value}\``,
      m.stability && m.stability !== 'stable' ? `Stability: ${m.stability}.` : undefined,
      deprecationText(m.deprecated),
    ];
    out += jsdoc(lines, '  ');
    out += `  ${keys.get(m)}: ${literal(m.value)},\n`;
  }
  out += '} as const;\n\n';
  const union = [...new Set(attr.type.members.map((m) => literal(m.value)))].join(' | ');
  out += jsdoc([
    `A known value of \`${attr.id}\`. The enum is open: other values are allowed where the registry says so.`,
    attr.deprecated ? deprecationText(attr.deprecated) : undefined,
  ]);
  out += `export type ${attr.typeName} = ${union};\n`;
  return out;
}

/** Returns `Map<relativePath, source>` for the attribute files and their two index files. */
export function emitAttributeFiles(attributes, header) {
  const files = new Map();
  const buckets = { stable: new Map(), incubating: new Map() };
  for (const attr of [...attributes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const bucket = buckets[isStableEntry(attr) ? 'stable' : 'incubating'];
    const ns = namespaceOf(attr.id);
    attr.module = `${isStableEntry(attr) ? 'stable' : 'incubating'}/${ns}`;
    bucket.set(ns, [...(bucket.get(ns) ?? []), attr]);
  }
  for (const [kind, bucket] of Object.entries(buckets)) {
    const names = [...bucket.keys()].sort();
    for (const ns of names) {
      const body = bucket
        .get(ns)
        .map((attr) => emitAttribute(attr))
        .join('\n');
      files.set(`${kind}/${ns}.ts`, `${header}\n${body}`);
    }
    files.set(
      `${kind}/index.ts`,
      `${header}\n${names.map((ns) => `export * from './${ns}.js';\n`).join('')}`,
    );
  }
  return files;
}
