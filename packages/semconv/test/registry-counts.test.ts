import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as incubating from '../src/incubating.js';
import * as stable from '../src/index.js';
import { loadRegistry, type SemconvRegistry } from '../src/registry.js';
import { hasModel, modelDir } from './shared-data.js';

interface YamlCounts {
  attributes: Map<string, { deprecated: boolean; stability: string; enum: number }>;
  v1Spans: string[];
  v2Spans: string[];
  v2Refinements: string[];
  entities: string[];
}

/** Counts straight from the YAML, independently of the generator. */
function countYaml(): YamlCounts {
  const counts: YamlCounts = {
    attributes: new Map(),
    v1Spans: [],
    v2Spans: [],
    v2Refinements: [],
    entities: [],
  };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml') && e.name !== 'manifest.yaml') {
        const doc = parse(readFileSync(p, 'utf8'));
        const add = (a: Record<string, unknown>, key: string) => {
          const type = a.type as { members?: unknown[] } | string;
          counts.attributes.set(a[key] as string, {
            deprecated: a.deprecated !== undefined,
            stability: a.stability as string,
            enum: typeof type === 'object' ? (type.members?.length ?? 0) : -1,
          });
        };
        if (doc?.file_format === 'definition/2') {
          for (const a of doc.attributes ?? []) add(a, 'key');
          for (const s of doc.spans ?? []) counts.v2Spans.push(s.type);
          for (const r of doc.span_refinements ?? []) counts.v2Refinements.push(r.id);
        } else {
          for (const g of doc?.groups ?? []) {
            for (const a of g.attributes ?? []) if (a.id) add(a, 'id');
            if (g.type === 'span') counts.v1Spans.push(g.id);
            if (g.type === 'entity') counts.entities.push(g.id);
          }
        }
      }
    }
  };
  walk(modelDir);
  return counts;
}

const exportsOf = (mod: object, pattern: RegExp) => Object.keys(mod).filter((k) => pattern.test(k));

describe.skipIf(!hasModel)('registry coverage against the YAML', () => {
  let yaml: YamlCounts;
  let registry: SemconvRegistry;
  beforeAll(async () => {
    yaml = countYaml();
    registry = await loadRegistry();
  });

  it('has every attribute: 940 incl. 206 deprecated, 171 enums', () => {
    const all = [...yaml.attributes.values()];
    expect(yaml.attributes.size).toBe(940);
    expect(all.filter((a) => a.deprecated)).toHaveLength(206);
    expect(all.filter((a) => a.enum >= 0)).toHaveLength(171);
    expect([...registry.attributes.keys()].sort()).toEqual([...yaml.attributes.keys()].sort());
    expect([...registry.attributes.values()].filter((a) => a.deprecated)).toHaveLength(206);
    expect([...registry.attributes.values()].filter((a) => a.members)).toHaveLength(171);
  });

  it('exports one ATTR_ constant per attribute and one Values object per enum', () => {
    const constants = exportsOf(incubating, /^ATTR_/);
    expect(constants).toHaveLength(yaml.attributes.size);
    const keys = new Set(
      constants.map((k) => {
        const v = (incubating as unknown as Record<string, unknown>)[k];
        return typeof v === 'function' ? (v as (k: string) => string)('x').slice(0, -2) : v;
      }),
    );
    expect([...keys].sort()).toEqual([...yaml.attributes.keys()].sort());
    const values = exportsOf(incubating, /Values$/);
    expect(values).toHaveLength(171);
    const members = values.reduce(
      (n, k) => n + Object.keys((incubating as unknown as Record<string, object>)[k]).length,
      0,
    );
    const yamlMembers = [...yaml.attributes.values()].reduce((n, a) => n + Math.max(a.enum, 0), 0);
    expect(members).toBe(yamlMembers);
    expect(members).toBe(989);
  });

  it('puts exactly the stable, current attributes in the main entry', () => {
    const expected = [...yaml.attributes]
      .filter(([, a]) => a.stability === 'stable' && !a.deprecated)
      .map(([k]) => k);
    const constants = exportsOf(stable, /^ATTR_/);
    expect(constants).toHaveLength(expected.length);
    expect(constants).toContain('ATTR_HTTP_REQUEST_METHOD');
    expect(constants).not.toContain('ATTR_DB_SYSTEM');
  });

  it('has every span group of both formats and every entity', () => {
    expect(yaml.v1Spans).toHaveLength(66);
    expect(yaml.v2Spans).toHaveLength(12);
    expect(yaml.v2Refinements).toHaveLength(35);
    for (const id of [...yaml.v1Spans, ...yaml.v2Spans, ...yaml.v2Refinements, ...yaml.entities]) {
      expect(registry.group(id), id).toBeDefined();
    }
    const required = exportsOf(incubating, /_(SPAN|RESOURCE)_REQUIRED$/);
    expect(required).toHaveLength(
      yaml.v1Spans.length + yaml.v2Spans.length + yaml.v2Refinements.length + yaml.entities.length,
    );
  });

  it('covers what users need first', () => {
    const need = [
      'http.request.method',
      'http.request.body.size',
      'http.response.status_code',
      'http.response.body.size',
      'url.scheme',
      'url.path',
      'url.query',
      'url.full',
      'user_agent.original',
      'server.address',
      'server.port',
      'network.protocol.name',
      'network.protocol.version',
      'error.type',
      'db.system.name',
      'db.namespace',
      'db.query.text',
      'db.operation.name',
      'db.collection.name',
      'db.response.status_code',
      'messaging.system',
      'messaging.operation.type',
      'messaging.operation.name',
      'messaging.destination.name',
      'messaging.message.id',
      'messaging.kafka.offset',
      'messaging.rabbitmq.destination.routing_key',
      'k8s.namespace.name',
      'k8s.pod.name',
      'k8s.pod.uid',
      'k8s.deployment.name',
      'k8s.container.name',
      'k8s.node.name',
      'service.name',
      'service.version',
      'service.namespace',
      'deployment.environment.name',
      'telemetry.sdk.name',
      'telemetry.sdk.version',
      'telemetry.sdk.language',
    ];
    for (const name of need) expect(registry.attribute(name)?.deprecated, name).toBeUndefined();
    const old = {
      'db.system': 'db.system.name',
      'db.statement': 'db.query.text',
      'db.operation': 'db.operation.name',
      'db.name': 'db.namespace',
    };
    for (const [from, to] of Object.entries(old))
      expect(registry.attribute(from)?.deprecated?.renamedTo).toBe(to);
    expect(registry.attribute('db.user')?.deprecated?.reason).toBe('obsoleted');
    expect(registry.attribute('db.sql.table')?.deprecated?.note).toContain('db.collection.name');
    expect(incubating.ATTR_DB_STATEMENT).toBe('db.statement');
    const k8s = [...yaml.attributes.keys()].filter((k) => k.startsWith('k8s.'));
    for (const k of k8s) expect(registry.attribute(k)).toBeDefined();
  });
});
