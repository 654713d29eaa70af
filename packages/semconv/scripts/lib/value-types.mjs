// Registry `type` -> TypeScript value type.

const PRIMITIVES = {
  string: 'string',
  int: 'number',
  double: 'number',
  boolean: 'boolean',
  'string[]': 'string[]',
  'int[]': 'number[]',
  'double[]': 'number[]',
  'boolean[]': 'boolean[]',
  any: 'AttributeValue',
};

export function isEnum(attr) {
  return typeof attr.type === 'object' && attr.type !== null && Array.isArray(attr.type.members);
}

export function templateOf(attr) {
  const m = typeof attr.type === 'string' ? /^template\[(.+)\]$/.exec(attr.type) : null;
  return m ? m[1] : undefined;
}

/** `string`, `int`, ... for plain attributes, `enum` for enums, `template[string]` for templates. */
export function typeLabel(attr) {
  if (isEnum(attr)) return 'enum';
  return attr.type;
}

/** Primitive type of an enum's member values: `string`, `int` or `boolean`. */
export function enumValueType(attr) {
  const kinds = new Set(attr.type.members.map((m) => (typeof m.value === 'number' ? 'int' : typeof m.value)));
  if (kinds.size !== 1) throw new Error(`semconv-gen: enum ${attr.id} mixes value types`);
  return [...kinds][0];
}

/** TypeScript type of a value of `attr`: enums are open (`Union | (string & {})`). */
export function tsValueType(attr) {
  if (isEnum(attr)) {
    const base = enumValueType(attr);
    return `${attr.typeName} | (${base === 'int' ? 'number' : base} & {})`;
  }
  const template = templateOf(attr);
  const ts = PRIMITIVES[template ?? attr.type];
  if (ts === undefined)
    throw new Error(`semconv-gen: unknown type ${JSON.stringify(attr.type)} of ${attr.id}`);
  return ts;
}

export function literal(value) {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}
