// Resolves every group's attribute list: `extends` (v1, transitive), `ref_group` (v2) and
// span/metric refinements (v2), with later, more specific entries overriding earlier fields.
const OVERRIDABLE = [
  'requirement_level',
  'brief',
  'note',
  'examples',
  'sampling_relevant',
  'role',
  'stability',
];

/** `required` | `recommended` | `opt_in` | `conditionally_required`, plus the condition text. */
export function normalizeRequirement(level) {
  if (level === undefined || level === null) return { level: 'recommended' };
  if (typeof level === 'string') {
    if (level === 'required' || level === 'recommended' || level === 'opt_in') return { level };
    throw new Error(`semconv-gen: unknown requirement_level ${level}`);
  }
  if (typeof level === 'object') {
    const [key, text] = Object.entries(level)[0] ?? [];
    if (key === 'conditionally_required' || key === 'recommended') {
      return { level: key, condition: String(text).replace(/\s+/g, ' ').trim() };
    }
  }
  throw new Error(`semconv-gen: unknown requirement_level ${JSON.stringify(level)}`);
}

/**
 * Adds `resolved: [{ name, requirement: { level, condition? }, brief?, note?, examples?,
 * samplingRelevant?, role? }]` to every group of `model`, in declaration order.
 */
export function resolveGroups(model) {
  const spanByType = new Map();
  for (const g of model.groups.values())
    if (g.syntax === 2 && g.type === 'span' && !g.refinement) spanByType.set(g.id, g);
  const done = new Map();
  const visiting = new Set();

  const resolve = (group) => {
    const cached = done.get(group.id);
    if (cached) return cached;
    if (visiting.has(group.id)) throw new Error(`semconv-gen: cycle through group ${group.id}`);
    visiting.add(group.id);
    const entries = new Map();
    const base = group.refinement
      ? group.type === 'span'
        ? spanByType.get(group.refines)
        : model.groups.get(group.refines)
      : group.extends !== undefined
        ? model.groups.get(group.extends)
        : undefined;
    if ((group.refinement || group.extends !== undefined) && base === undefined) {
      throw new Error(
        `semconv-gen: ${group.file}: ${group.id} refines/extends unknown ${group.refines ?? group.extends}`,
      );
    }
    if (base) for (const [name, entry] of resolve(base)) entries.set(name, { ...entry });
    for (const ref of group.refs) {
      if (ref.ref_group !== undefined) {
        const other = model.groups.get(ref.ref_group);
        if (!other) throw new Error(`semconv-gen: ${group.file}: unknown ref_group ${ref.ref_group}`);
        for (const [name, entry] of resolve(other)) entries.set(name, { ...entries.get(name), ...entry });
        continue;
      }
      if (!model.attributes.has(ref.ref)) {
        throw new Error(`semconv-gen: ${group.file}: ${group.id} references unknown attribute ${ref.ref}`);
      }
      const entry = { ...entries.get(ref.ref) };
      for (const key of OVERRIDABLE) if (ref[key] !== undefined) entry[key] = ref[key];
      entries.set(ref.ref, entry);
    }
    visiting.delete(group.id);
    done.set(group.id, entries);
    return entries;
  };

  for (const group of model.groups.values()) {
    // A span refinement is a span of its base's kind.
    if (group.refinement && group.type === 'span' && group.spanKind === undefined) {
      group.spanKind = spanByType.get(group.refines)?.spanKind;
    }
    group.resolved = [...resolve(group)].map(([name, e]) => ({
      name,
      requirement: normalizeRequirement(e.requirement_level),
      brief: e.brief,
      note: e.note,
      examples: e.examples,
      samplingRelevant: e.sampling_relevant === true ? true : undefined,
      role: e.role,
    }));
  }
  return model;
}
