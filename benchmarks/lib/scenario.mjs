// What a benchmark scenario file (`benchmarks/<area>/<scenario>.bench.mjs`) exports, and the
// checks the harness applies to it. A scenario's default export:
//
//   {
//     title: 'one line',                      // shown above its tables
//     unit: 'span',                           // what `size` counts; per-item figures use it
//     sizes: { full: [512, 10_000], quick: [128] },
//     packages: ['@opentelemetry/otlp-transformer', ...],   // versions printed and recorded
//     fixture: async (size) => input,         // built in every child, never timed
//     canonical: (caseId, output) => data,    // decodes an output to comparable plain data; throws if it cannot
//     cases: [{
//       id: 'official-protobuf', label: '...', group: 'protobuf',
//       baseline: 'official-protobuf',        // ratios are given against this case (itself for the baseline)
//       reference: 'official-protobuf',       // its output must decode to the same data as this case's (optional)
//       load: async () => (input) => output,  // throw new NotAvailable(reason) when the implementation is missing
//     }],
//   }
//
// Outputs are Uint8Array or string; bytes per item are measured from them.

/** Thrown by a case's `load()` when the implementation under test does not exist (yet). */
export class NotAvailable extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'NotAvailable';
  }
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Throws a plain Error naming the first thing wrong with a scenario module's default export. */
export function checkScenario(scenario, file) {
  const fail = (what) => {
    throw new Error(`${file}: ${what}`);
  };
  if (!scenario || typeof scenario !== 'object') fail('has no default export object');
  if (typeof scenario.title !== 'string') fail('needs a string `title`');
  if (typeof scenario.unit !== 'string') fail('needs a string `unit`');
  for (const mode of ['full', 'quick']) {
    const sizes = scenario.sizes?.[mode];
    if (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
      fail(`needs \`sizes.${mode}\`: a non-empty list of positive integers`);
    }
  }
  if (typeof scenario.fixture !== 'function') fail('needs `fixture(size)`');
  if (typeof scenario.canonical !== 'function') fail('needs `canonical(caseId, output)`');
  if (!Array.isArray(scenario.cases) || scenario.cases.length === 0) fail('needs `cases`');
  const ids = new Set(scenario.cases.map((c) => c.id));
  if (ids.size !== scenario.cases.length) fail('has duplicate case ids');
  for (const c of scenario.cases) {
    if (typeof c.id !== 'string' || !ID.test(c.id)) fail(`case id ${JSON.stringify(c.id)} is not kebab-case`);
    if (typeof c.label !== 'string') fail(`case ${c.id} needs a \`label\``);
    if (typeof c.load !== 'function') fail(`case ${c.id} needs \`load()\``);
    for (const key of ['baseline', 'reference']) {
      if (c[key] !== undefined && !ids.has(c[key])) fail(`case ${c.id}: unknown ${key} ${c[key]}`);
    }
  }
  return scenario;
}

/** The bytes of an output (UTF-8 for strings), to hash and to count. */
export function outputBytes(output) {
  if (typeof output === 'string') return Buffer.from(output, 'utf8');
  if (output instanceof Uint8Array) return output;
  throw new TypeError(
    `a case must return a Uint8Array or a string, got ${Object.prototype.toString.call(output)}`,
  );
}
