#!/usr/bin/env node
// Prints the README's "Namespaces covered" table from the generated registry data, so the
// figures in the README come from the registry itself (test/readme.test.ts compares them).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export function namespaceTable() {
  const source = readFileSync(join(packageDir, 'src/gen/registry-data.ts'), 'utf8');
  const data = JSON.parse(JSON.parse(/JSON\.parse\((".*")\);/s.exec(source)[1]));
  const rows = new Map();
  const row = (ns) => {
    if (!rows.has(ns))
      rows.set(ns, { attributes: 0, stable: 0, deprecated: 0, enums: 0, spans: 0, entities: 0 });
    return rows.get(ns);
  };
  for (const [name, type, stability, deprecated] of data.attributes) {
    const r = row(name.split('.')[0]);
    r.attributes++;
    if (deprecated) r.deprecated++;
    else if (stability === 'stable') r.stable++;
    if (type.startsWith('enum')) r.enums++;
  }
  for (const g of data.groups) {
    if (g.t !== 'span' && g.t !== 'entity') continue;
    const r = row(g.i.replace(/^(span|entity)\./, '').split('.')[0]);
    if (g.t === 'span') r.spans++;
    else r.entities++;
  }
  const names = [...rows.keys()].sort();
  const total = { attributes: 0, stable: 0, deprecated: 0, enums: 0, spans: 0, entities: 0 };
  const lines = [
    '| namespace | attributes | stable (main entry) | deprecated | enums | span groups | resource entities |',
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const ns of names) {
    const r = rows.get(ns);
    for (const k of Object.keys(total)) total[k] += r[k];
    lines.push(
      `| \`${ns}\` | ${r.attributes} | ${r.stable} | ${r.deprecated} | ${r.enums} | ${r.spans} | ${r.entities} |`,
    );
  }
  lines.push(
    `| **${names.length} namespaces** | **${total.attributes}** | **${total.stable}** | **${total.deprecated}** | **${total.enums}** | **${total.spans}** | **${total.entities}** |`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(namespaceTable());
