import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SemconvRegistry } from '../src/semconv-registry.js';
import { packageDir } from './shared-data.js';

// A small hand-made registry (test/fixtures/mini) that exercises each resolution rule once:
// v1 `extends` with field-wise overrides, v2 `ref_group`, span refinements, templates, enum
// member and attribute-name collisions, cross-syntax references and schema renames.
const fixture = join(packageDir, 'test/fixtures/mini');
const tmp = mkdtempSync(join(tmpdir(), 'semconv-mini-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function generate(model: string, out: string) {
  return spawnSync(process.execPath, ['scripts/semconv-gen.mjs', model, '--out', out], {
    cwd: packageDir,
    encoding: 'utf8',
  });
}

function registryOf(out: string): SemconvRegistry {
  const source = readFileSync(join(out, 'registry-data.ts'), 'utf8');
  const json = /JSON\.parse\((".*")\);/s.exec(source)?.[1] ?? '""';
  return new SemconvRegistry(JSON.parse(JSON.parse(json)));
}

describe('semconv-gen on a fixture model', () => {
  const out = join(tmp, 'ok');
  const res = generate(join(fixture, 'model'), out);
  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  it('generates from both syntaxes', () => {
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('"attributes":5,"deprecated":1');
    expect(res.stdout).toContain('"yamlFiles":{"v1":2,"v2":1}');
    expect(read('stable/net.ts')).toContain("export const ATTR_NET_PEER = 'net.peer';");
    expect(read('stable/shop.ts')).toContain(
      `export const ATTR_SHOP_HEADER = (key: string): \`shop.header.\${string}\` => \`shop.header.\${key}\`;`,
    );
  });

  it('resolves extends with the child overriding field by field', () => {
    const shop = read('groups/shop.ts');
    expect(shop).toContain("  'shop.order.id': string;");
    expect(shop).toMatch(
      /Conditionally required: If known\.[\s\S]*'shop\.tier'\?: ShopTier \| \(string & \{\}\);/,
    );
    expect(shop).toContain("  'net.peer'?: number;");
    expect(shop).toContain(`  [key: \`shop.header.\${string}\`]: string[];`);
    expect(shop).toContain(
      "SHOP_CHECKOUT_SPAN_REQUIRED: readonly (keyof ShopCheckoutSpanAttributes)[] = ['shop.order.id'];",
    );
    expect(read('groups/stable.ts')).toContain('ShopCheckoutSpanAttributes');
    expect(read('groups/stable.ts')).not.toContain('ShopResourceAttributes');
  });

  it('resolves ref_group and refinements', () => {
    const net = read('groups/net.ts');
    expect(net).toContain(
      "NET_CALL_CLIENT_SPAN_REQUIRED: readonly (keyof NetCallClientSpanAttributes)[] = ['net.peer'];",
    );
    expect(net).toContain(
      "NET_FAST_CALL_CLIENT_SPAN_REQUIRED: readonly (keyof NetFastCallClientSpanAttributes)[] = ['net.peer', 'shop.order.id'];",
    );
    const registry = registryOf(out);
    expect(registry.group('span.net.fast.call.client')).toMatchObject({
      spanKind: 'client',
      base: 'net.call.client',
      syntax: 2,
    });
    expect(registry.group('net.common')?.attributes).toEqual([{ name: 'net.peer', requirement: 'required' }]);
  });

  it('suffixes deprecated names that collide with current ones', () => {
    const shop = read('incubating/shop.ts');
    expect(shop).toContain("export const ATTR_SHOP_ORDER_ID_DEPRECATED = 'shop.order_id';");
    expect(shop).toContain("  OLD_GOLD_DEPRECATED: 'old.gold',");
    expect(shop).toContain("  OLD_GOLD: 'old-gold',");
    expect(shop).toContain("export type ShopTier = 'gold' | 'old.gold' | 'old-gold';");
  });

  it('carries the schema renames, scoped', () => {
    const registry = registryOf(out);
    expect(registry.renames).toEqual([
      { version: '1.1.0', from: 'shop.state', to: 'shop.status', scope: 'metrics', applyTo: ['shop.orders'] },
      { version: '1.2.0', from: 'shop.order_id', to: 'shop.order.id', scope: 'all' },
    ]);
    expect(registry.metricRenames).toEqual([
      { version: '1.1.0', from: 'shop.orders', to: 'shop.order.count', scope: 'metrics' },
    ]);
    expect(registry.resolveName('shop.state')).toMatchObject({ name: 'shop.status', current: false });
    expect(registry.mapValue('shop.tier', 'old.gold')).toEqual({
      name: 'shop.tier',
      value: 'gold',
      mapped: true,
    });
  });
});

describe('semconv-gen rejects models it cannot resolve', () => {
  const broken = (name: string, file: string, edit: (text: string) => string) => {
    const dir = join(tmp, name);
    cpSync(fixture, dir, { recursive: true });
    const path = join(dir, 'model', file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return generate(join(dir, 'model'), join(dir, 'out'));
  };

  it.each([
    [
      'unknown-ref',
      'shop/spans.yaml',
      (t: string) => t.replace('ref: net.peer', 'ref: net.nope'),
      /unknown attribute net\.nope/,
    ],
    [
      'unknown-group',
      'net/registry.yaml',
      (t: string) => t.replace('ref_group: net.common', 'ref_group: net.none'),
      /unknown ref_group net\.none/,
    ],
    [
      'bad-extends',
      'shop/spans.yaml',
      (t: string) => t.replace('extends: attributes.shop.common', 'extends: nowhere'),
      /extends unknown nowhere/,
    ],
    [
      'cycle',
      'shop/spans.yaml',
      (t: string) => t.replace('    brief: Common.', '    extends: span.shop.checkout\n    brief: Common.'),
      /cycle through group/,
    ],
    [
      'collision',
      'shop/registry.yaml',
      (t: string) => t.replace(/ {8}deprecated:\n.*\n.*renamed_to: shop.order.id\n/, ''),
      /collide as SHOP_ORDER_ID/,
    ],
    [
      'format',
      'net/registry.yaml',
      (t: string) => t.replace('definition/2', 'definition/9'),
      /unknown file_format definition\/9/,
    ],
    [
      'level',
      'shop/spans.yaml',
      (t: string) => t.replace('requirement_level: opt_in', 'requirement_level: maybe'),
      /unknown requirement_level maybe/,
    ],
  ])('%s', (name, file, edit, message) => {
    const res = broken(name, file, edit);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(message);
  });
});
