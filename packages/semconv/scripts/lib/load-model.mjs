// Reads a semantic-conventions registry folder (both YAML syntaxes) into one flat model:
// attribute definitions by name and groups by id, still unresolved (refs, extends and
// refinements are followed by resolve-groups.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';

/** Every `*.yaml` below `dir`, sorted so the output never depends on readdir order. */
export function listYamlFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml') && entry.name !== 'manifest.yaml') files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

function fail(file, message) {
  throw new Error(`semconv-gen: ${file}: ${message}`);
}

function addAttribute(model, file, def, key) {
  const id = def[key];
  if (typeof id !== 'string') fail(file, `attribute without ${key}`);
  if (model.attributes.has(id)) fail(file, `attribute ${id} defined twice`);
  model.attributes.set(id, {
    id,
    type: def.type,
    brief: def.brief ?? '',
    note: def.note,
    stability: def.stability ?? 'development',
    examples: def.examples,
    deprecated: def.deprecated,
    file,
  });
}

function addGroup(model, file, group) {
  if (model.groups.has(group.id)) fail(file, `group ${group.id} defined twice`);
  model.groups.set(group.id, { ...group, file });
}

function loadV1(model, file, doc) {
  for (const g of doc.groups ?? []) {
    const refs = [];
    for (const a of g.attributes ?? []) {
      if (a.id !== undefined) {
        // Definitions live in `registry.*` groups; a definition elsewhere is also a reference.
        addAttribute(model, file, a, 'id');
        if (!g.id.startsWith('registry.')) refs.push({ ...a, ref: a.id });
      } else refs.push(a);
    }
    if (g.type === 'attribute_group' && g.id.startsWith('registry.')) continue;
    addGroup(model, file, {
      id: g.id,
      syntax: 1,
      type: g.type,
      brief: g.brief ?? '',
      stability: g.stability ?? 'development',
      deprecated: g.deprecated,
      extends: g.extends,
      spanKind: g.span_kind,
      name: g.name ?? g.metric_name,
      instrument: g.instrument,
      unit: g.unit,
      refs,
    });
  }
}

/** Fields every v2 group kind shares. */
function v2Common(def) {
  return {
    syntax: 2,
    brief: def.brief ?? '',
    stability: def.stability ?? 'development',
    deprecated: def.deprecated,
    refs: def.attributes ?? [],
  };
}

function loadV2(model, file, doc) {
  for (const a of doc.attributes ?? []) addAttribute(model, file, a, 'key');
  for (const g of doc.attribute_groups ?? []) {
    addGroup(model, file, { ...v2Common(g), id: g.id, type: 'attribute_group', visibility: g.visibility });
  }
  for (const s of doc.spans ?? []) {
    addGroup(model, file, { ...v2Common(s), id: s.type, type: 'span', spanKind: s.kind });
  }
  for (const r of doc.span_refinements ?? []) {
    addGroup(model, file, { ...v2Common(r), id: r.id, type: 'span', refinement: true, refines: r.ref });
  }
  for (const m of doc.metrics ?? []) {
    const metric = {
      id: `metric.${m.name}`,
      type: 'metric',
      name: m.name,
      instrument: m.instrument,
      unit: m.unit,
    };
    addGroup(model, file, { ...v2Common(m), ...metric });
  }
  for (const r of doc.metric_refinements ?? []) {
    const metric = {
      id: r.id,
      type: 'metric',
      refinement: true,
      refines: `metric.${r.ref}`,
      name: r.name ?? r.ref,
    };
    addGroup(model, file, { ...v2Common(r), ...metric });
  }
}

/** Loads `modelDir` into `{ attributes: Map, groups: Map, files }`. */
export function loadModel(modelDir) {
  const model = { attributes: new Map(), groups: new Map(), files: { v1: 0, v2: 0 } };
  for (const path of listYamlFiles(modelDir)) {
    const file = relative(modelDir, path).split(sep).join('/');
    const doc = parse(readFileSync(path, 'utf8'));
    if (doc === null || typeof doc !== 'object') continue;
    if (doc.file_format === 'definition/2') {
      model.files.v2++;
      loadV2(model, file, doc);
    } else if (doc.file_format !== undefined) {
      fail(file, `unknown file_format ${doc.file_format}`);
    } else {
      model.files.v1++;
      loadV1(model, file, doc);
    }
  }
  return model;
}

/**
 * Reads the newest schema file in `schemasDir` (cumulative: every release back to 1.4.0) and
 * returns the rename history oldest first:
 * `[{ version, attributes: [[old, new, scope, applyTo?]], metrics: {old: new} }]`, where scope is the
 * schema section (`all`, `spans`, `resources`, `metrics`, `logs`) and applyTo its `apply_to_*` list.
 */
export function loadSchemaRenames(schemasDir) {
  const versions = readdirSync(schemasDir).filter((name) => /^\d+\.\d+\.\d+$/.test(name));
  if (versions.length === 0) throw new Error(`semconv-gen: no schema file in ${schemasDir}`);
  versions.sort(compareVersions);
  const newest = versions[versions.length - 1];
  const doc = parse(readFileSync(join(schemasDir, newest), 'utf8'));
  const history = [];
  for (const [version, changes] of Object.entries(doc.versions ?? {})) {
    const attributes = [];
    const metrics = {};
    for (const [scope, section] of Object.entries(changes ?? {})) {
      for (const change of section?.changes ?? []) {
        const applyTo =
          change.rename_attributes?.apply_to_metrics ?? change.rename_attributes?.apply_to_spans;
        for (const [from, to] of Object.entries(change.rename_attributes?.attribute_map ?? {})) {
          attributes.push(applyTo ? [from, to, scope, [...applyTo].sort()] : [from, to, scope]);
        }
        mergeRenames(metrics, change.rename_metrics, version);
      }
    }
    attributes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] < b[2] ? -1 : 1));
    if (attributes.length + Object.keys(metrics).length > 0) {
      history.push({ version, attributes, metrics: sortKeys(metrics) });
    }
  }
  history.sort((a, b) => compareVersions(a.version, b.version));
  return { schemaVersion: newest, history };
}

function mergeRenames(into, map, version) {
  for (const [from, to] of Object.entries(map ?? {})) {
    if (into[from] !== undefined && into[from] !== to) {
      throw new Error(`semconv-gen: schema ${version} renames ${from} to both ${into[from]} and ${to}`);
    }
    into[from] = to;
  }
}

function sortKeys(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
