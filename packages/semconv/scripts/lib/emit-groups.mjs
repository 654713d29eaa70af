// Per span and entity (resource) group: an interface whose property optionality follows the
// registry's requirement levels, plus a constant listing the required keys (for builders).
import { clean, deprecationText, examplesText, jsdoc } from './jsdoc.mjs';
import { groupNamespace, groupRequiredName, groupTypeName } from './names.mjs';
import { isEnum, literal, templateOf, tsValueType } from './value-types.mjs';

const LEVEL_TEXT = {
  required: 'Required.',
  recommended: 'Recommended.',
  opt_in: 'Opt-in.',
  conditionally_required: 'Conditionally required',
};

/** Groups that get an interface: spans (v1, v2 and refinements) and entities. */
export function isTypedGroup(group) {
  return group.type === 'span' || group.type === 'entity';
}

export function isStableGroup(group) {
  return group.stability === 'stable' && !group.deprecated;
}

function requirementText(requirement) {
  if (requirement.level === 'conditionally_required')
    return `Conditionally required: ${clean(requirement.condition)}`;
  if (requirement.condition) return `Recommended: ${clean(requirement.condition)}`;
  return LEVEL_TEXT[requirement.level];
}

function emitProperty(entry, attr, imports) {
  if (isEnum(attr)) imports.add(`${attr.module}|${attr.typeName}`);
  const valueType = tsValueType(attr);
  if (valueType.includes('AttributeValue')) imports.add('attribute-value|AttributeValue');
  const doc = jsdoc(
    [
      clean(entry.brief ?? attr.brief) || `\`${attr.id}\``,
      '',
      `${requirementText(entry.requirement)}${entry.samplingRelevant ? ' Sampling-relevant: supply it at span creation.' : ''}`,
      examplesText(entry.examples ?? attr.examples),
      attr.stability === 'stable' ? undefined : `Stability: ${attr.stability}.`,
      deprecationText(attr.deprecated),
    ],
    '  ',
  );
  if (templateOf(attr)) return `${doc}  [key: \`${attr.id}.\${string}\`]: ${valueType};\n`;
  const optional = entry.requirement.level === 'required' ? '' : '?';
  return `${doc}  ${literal(attr.id)}${optional}: ${valueType};\n`;
}

function groupDoc(group) {
  const kind = group.type === 'span' ? `Span kind: ${group.spanKind ?? 'any'}. ` : '';
  const origin = group.refinement
    ? ` Refines \`${group.refines}\`.`
    : group.extends
      ? ` Extends \`${group.extends}\`.`
      : '';
  return [
    clean(group.brief) || `Attributes of \`${group.id}\`.`,
    '',
    `${kind}Stability: ${group.stability}. Registry group: \`${group.id}\`${group.syntax === 2 ? ' (definition/2)' : ''}.${origin}`,
    '',
    group.stability === 'stable' ? undefined : '@experimental',
    deprecationText(group.deprecated),
  ];
}

function emitGroup(group, attributes, imports) {
  const name = groupTypeName(group);
  let out = jsdoc(groupDoc(group));
  out += `export interface ${name} {\n`;
  const required = [];
  for (const entry of group.resolved) {
    const attr = attributes.get(entry.name);
    out += emitProperty(entry, attr, imports);
    if (entry.requirement.level === 'required' && !templateOf(attr)) required.push(entry.name);
  }
  out += '}\n\n';
  out += jsdoc([
    `Keys that \`${group.id}\` requires (requirement level \`required\`).`,
    deprecationText(group.deprecated),
  ]);
  out += `export const ${groupRequiredName(group)}: readonly (keyof ${name})[] = [${required.map(literal).join(', ')}];\n`;
  return out;
}

function importLines(imports) {
  const byModule = new Map();
  for (const item of [...imports].sort()) {
    const [module, name] = item.split('|');
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  return [...byModule]
    .map(([module, names]) => {
      const path = module === 'attribute-value' ? '../../attribute-value.js' : `../${module}.js`;
      return `import type { ${names.join(', ')} } from '${path}';\n`;
    })
    .join('');
}

/** Returns `Map<relativePath, source>` for groups/<ns>.ts, groups/index.ts and groups/stable.ts. */
export function emitGroupFiles(groups, attributes, header) {
  const files = new Map();
  const byNs = new Map();
  const seen = new Map();
  for (const group of groups) {
    if (!isTypedGroup(group)) continue;
    const name = groupTypeName(group);
    if (seen.has(name))
      throw new Error(`semconv-gen: groups ${seen.get(name)} and ${group.id} both map to ${name}`);
    seen.set(name, group.id);
    const ns = groupNamespace(group);
    byNs.set(ns, [...(byNs.get(ns) ?? []), group]);
  }
  const stableExports = [];
  const names = [...byNs.keys()].sort();
  for (const ns of names) {
    const list = byNs.get(ns).sort((a, b) => (a.id < b.id ? -1 : 1));
    const imports = new Set();
    const body = list.map((g) => emitGroup(g, attributes, imports)).join('\n');
    files.set(`groups/${ns}.ts`, `${header}\n${importLines(imports)}${imports.size ? '\n' : ''}${body}`);
    const stable = list.filter(isStableGroup);
    if (stable.length > 0) {
      stableExports.push(`export type { ${stable.map(groupTypeName).join(', ')} } from './${ns}.js';\n`);
      stableExports.push(`export { ${stable.map(groupRequiredName).join(', ')} } from './${ns}.js';\n`);
    }
  }
  files.set('groups/index.ts', `${header}\n${names.map((ns) => `export * from './${ns}.js';\n`).join('')}`);
  files.set('groups/stable.ts', `${header}\n${stableExports.join('')}`);
  return files;
}
