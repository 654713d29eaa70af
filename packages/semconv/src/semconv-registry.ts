import { type DeprecationRow, REQUIREMENT_LEVELS, type RegistryData } from './registry-format.js';
import { VALUE_RENAMES } from './value-renames.js';

export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];

export interface Deprecation {
  reason: string;
  renamedTo?: string;
  note?: string;
}

export interface EnumMember {
  id: string;
  value: string | number | boolean;
  stability: string;
  deprecated?: Deprecation;
}

export interface AttributeInfo {
  name: string;
  /** `string`, `int`, `double`, `boolean`, `any`, `string[]`, ..., `template[string]`, `enum[string]`, `enum[int]`. */
  type: string;
  stability: string;
  deprecated?: Deprecation;
  members?: EnumMember[];
}

export interface GroupAttribute {
  name: string;
  requirement: RequirementLevel;
  /** The registry's condition text of `conditionally_required` (or a conditional `recommended`). */
  condition?: string;
}

export interface GroupInfo {
  id: string;
  /** `span`, `entity`, `event`, `metric` or `attribute_group`. */
  type: string;
  stability: string;
  spanKind?: string;
  /** Metric, event or entity name. */
  name?: string;
  instrument?: string;
  unit?: string;
  /** The group it extends (v1 `extends`) or refines (v2 refinement). */
  base?: string;
  syntax: 1 | 2;
  deprecated?: Deprecation;
  attributes: GroupAttribute[];
}

/** One rename of the schema files: `from` became `to` in `version` (`scope`: schema section). */
export interface RenameStep {
  version: string;
  from: string;
  to: string;
  scope: string;
  applyTo?: string[];
}

export interface NameResolution {
  /** The newest name reached. */
  name: string;
  /** Whether `name` is defined and not deprecated in this registry. */
  current: boolean;
  /** Each hop: from a `deprecated.renamed_to` or a schema-file rename. */
  steps: Array<{ from: string; to: string; source: 'deprecated' | 'schema'; version?: string }>;
}

function deprecation(row: DeprecationRow | null): Deprecation | undefined {
  if (!row) return undefined;
  const d: Deprecation = { reason: row[0] };
  if (row[1] !== null) d.renamedTo = row[1];
  if (row[2] !== null) d.note = row[2];
  return d;
}

/** The expanded registry: built from the compact data once, by `loadRegistry()`. */
export class SemconvRegistry {
  readonly version: string;
  readonly schemaVersion: string;
  readonly attributes: ReadonlyMap<string, AttributeInfo>;
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /** Every attribute rename of the schema files, oldest first. */
  readonly renames: readonly RenameStep[];
  /** Metric renames of the schema files, oldest first. */
  readonly metricRenames: readonly RenameStep[];
  readonly #templates: AttributeInfo[];
  readonly #renameFrom = new Map<string, RenameStep>();

  constructor(data: RegistryData) {
    this.version = data.version;
    this.schemaVersion = data.schema;
    const attributes = new Map<string, AttributeInfo>();
    const names: string[] = [];
    for (const [name, type, stability, dep, members] of data.attributes) {
      const info: AttributeInfo = { name, type, stability };
      const d = deprecation(dep);
      if (d) info.deprecated = d;
      if (members) {
        info.members = members.map(([id, value, memberStability, memberDep]) => {
          const member: EnumMember = { id, value, stability: memberStability };
          const md = deprecation(memberDep);
          if (md) member.deprecated = md;
          return member;
        });
      }
      attributes.set(name, info);
      names.push(name);
    }
    this.attributes = attributes;
    this.#templates = [...attributes.values()].filter((a) => a.type.startsWith('template['));
    const groups = new Map<string, GroupInfo>();
    for (const row of data.groups) {
      const group: GroupInfo = {
        id: row.i,
        type: row.t,
        stability: row.s,
        syntax: row.v ?? 1,
        attributes: row.a.map(([index, level, text]) => {
          const attr: GroupAttribute = { name: names[index], requirement: REQUIREMENT_LEVELS[level] };
          if (text !== undefined) attr.condition = data.texts[text];
          return attr;
        }),
      };
      if (row.k !== undefined) group.spanKind = row.k;
      if (row.n !== undefined) group.name = row.n;
      if (row.in !== undefined) group.instrument = row.in;
      if (row.u !== undefined) group.unit = row.u;
      if (row.b !== undefined) group.base = row.b;
      const d = deprecation(row.d ?? null);
      if (d) group.deprecated = d;
      groups.set(group.id, group);
    }
    this.groups = groups;
    const renames: RenameStep[] = [];
    const metricRenames: RenameStep[] = [];
    for (const [version, attributeRows, metrics] of data.renames) {
      for (const [from, to, scope, applyTo] of attributeRows) {
        const step: RenameStep = { version, from, to, scope };
        if (applyTo) step.applyTo = applyTo;
        renames.push(step);
        // Renames that apply everywhere win over metric-only ones for name resolution.
        const known = this.#renameFrom.get(from);
        if (!known || (known.applyTo && !applyTo)) this.#renameFrom.set(from, step);
      }
      for (const [from, to] of Object.entries(metrics))
        metricRenames.push({ version, from, to, scope: 'metrics' });
    }
    this.renames = renames;
    this.metricRenames = metricRenames;
  }

  /** The definition of `name`, or of the template it belongs to (`http.request.header.x-id`). */
  attribute(name: string): AttributeInfo | undefined {
    const direct = this.attributes.get(name);
    if (direct) return direct;
    for (let i = 0; i < this.#templates.length; i++) {
      const t = this.#templates[i];
      if (name.length > t.name.length + 1 && name.startsWith(t.name) && name[t.name.length] === '.') return t;
    }
    return undefined;
  }

  group(id: string): GroupInfo | undefined {
    return this.groups.get(id);
  }

  /**
   * Follows `name` forward through `deprecated.renamed_to` and the schema-file renames, so
   * names removed from the model (`messaging.protocol`, `telemetry.auto.version`) still lead
   * to their current replacement.
   */
  resolveName(name: string): NameResolution {
    const steps: NameResolution['steps'] = [];
    const seen = new Set<string>([name]);
    let current = name;
    for (;;) {
      const info = this.attributes.get(current);
      const renamedTo = info?.deprecated?.renamedTo;
      let next: string | undefined;
      if (renamedTo !== undefined) {
        next = renamedTo;
        steps.push({ from: current, to: next, source: 'deprecated' });
      } else if (info === undefined || info.deprecated) {
        const step = this.#renameFrom.get(current);
        if (step) {
          next = step.to;
          steps.push({ from: current, to: next, source: 'schema', version: step.version });
        }
      }
      if (next === undefined || seen.has(next)) break;
      seen.add(next);
      current = next;
    }
    const info = this.attributes.get(current);
    return { name: current, current: info !== undefined && !info.deprecated, steps };
  }

  /**
   * Maps an old `name=value` to the current name and value: `db.system=mssql` ->
   * `db.system.name=microsoft.sql_server`, `messaging.operation.type=publish` -> `send`.
   * `mapped` is false when the value has no known counterpart (it is returned unchanged).
   */
  mapValue(
    name: string,
    value: string | number | boolean,
  ): { name: string; value: string | number | boolean; mapped: boolean } {
    const resolved = this.resolveName(name);
    let mapped = this.#followMemberRenames(name, value);
    const chain = [name, ...resolved.steps.map((s) => s.to)];
    for (let i = 0; i < chain.length - 1; i++) {
      const table = VALUE_RENAMES[chain[i]];
      const renamed = typeof mapped === 'string' && table ? table[mapped] : undefined;
      if (renamed !== undefined) mapped = renamed;
    }
    mapped = this.#followMemberRenames(resolved.name, mapped);
    const members = this.attributes.get(resolved.name)?.members;
    const known = members === undefined || members.some((m) => m.value === mapped);
    return { name: resolved.name, value: mapped, mapped: known };
  }

  /** A deprecated member renamed within its own enum (`publish` -> `send`). */
  #followMemberRenames(name: string, value: string | number | boolean): string | number | boolean {
    const members = this.attributes.get(name)?.members;
    if (!members) return value;
    const member = members.find((m) => m.value === value);
    const to = member?.deprecated?.renamedTo;
    if (to === undefined) return value;
    return (members.find((m) => m.id === to) ?? members.find((m) => m.value === to))?.value ?? value;
  }
}
