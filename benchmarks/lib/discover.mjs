// Finds scenarios: every `<root>/<area>/<scenario>.bench.mjs`, except in lib/, results/ and
// node_modules/. Filters are regular expressions matched against `<area>/<scenario>` (so a
// plain scenario name works too).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['lib', 'results', 'node_modules']);
const SUFFIX = '.bench.mjs';

export function discoverScenarios(root) {
  const found = [];
  for (const area of readdirSync(root, { withFileTypes: true })) {
    if (!area.isDirectory() || SKIP.has(area.name) || area.name.startsWith('.')) continue;
    for (const file of readdirSync(join(root, area.name)).sort()) {
      if (!file.endsWith(SUFFIX)) continue;
      const name = file.slice(0, -SUFFIX.length);
      found.push({ area: area.name, name, rel: `${area.name}/${file}`, file: join(root, area.name, file) });
    }
  }
  return found.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** The scenarios matching any of the filters (all of them when there is none). */
export function filterScenarios(scenarios, filters) {
  if (filters.length === 0) return scenarios;
  const patterns = filters.map((f) => {
    try {
      return new RegExp(f);
    } catch {
      throw new Error(`filter ${JSON.stringify(f)} is not a valid regular expression`);
    }
  });
  return scenarios.filter((s) => patterns.some((p) => p.test(`${s.area}/${s.name}`)));
}
