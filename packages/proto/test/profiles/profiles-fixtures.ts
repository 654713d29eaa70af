import { SeededRandom } from '@otlpx/testkit';
import type { ExportProfilesServiceRequest, PprofProfile, ProfileSample } from '../../src/index.js';
import { mergeSamples, PprofBuilder, ProfilesDictionaryBuilder } from '../../src/index.js';

// Seeded, realistic profiles (a Node.js CPU profile shape: JS functions in a few files, stacks
// 3-24 deep, span links on some samples, thread attributes) built through the public
// builders, so every fixture is also a test of them.

const FILES = [
  '/srv/app/dist/server.js',
  '/srv/app/dist/routes/users.js',
  'node:internal/timers',
  'node:fs',
  '/srv/app/node_modules/express/lib/router/index.js',
];
const NAMES = [
  'handleRequest',
  'next',
  'processTicksAndRejections',
  'listOnTimeout',
  'readFileSync',
  'JSON.parse',
  'renderUser',
  'query',
  '(anonymous)',
  'fibonacci',
  'sortBy',
  'hashString',
  'λ-unicode-ƒ',
];

export interface FixtureOptions {
  samples: number;
  seed: number;
  /** Per-sample timestamps (with matching values). */
  timestamps?: boolean;
}

export function makeProfilesRequest({
  samples,
  seed,
  timestamps = true,
}: FixtureOptions): ExportProfilesServiceRequest {
  const rnd = new SeededRandom(seed);
  const d = new ProfilesDictionaryBuilder();
  const mapping = d.mapping({
    filename: '/usr/bin/node',
    memoryStart: 0x400000n,
    memoryLimit: 0xffffffffff600000n,
    attributeIndices: d.attributes({ 'process.executable.build_id.gnu': 'a1b2c3d4' }),
  });
  const functions = NAMES.map((name, i) =>
    d.function({
      name,
      systemName: i % 3 === 0 ? `_Z${name.length}${name}` : '',
      filename: FILES[i % FILES.length],
      startLine: 1 + i * 10,
    }),
  );
  const locations = Array.from({ length: 40 }, (_, i) => {
    const fn = functions[i % functions.length];
    const lines = [{ functionIndex: fn, line: 1 + rnd.int(0, 400), column: rnd.int(0, 80) }];
    if (i % 7 === 0)
      lines.unshift({
        functionIndex: functions[(i + 1) % functions.length],
        line: rnd.int(1, 50),
        column: 0,
      });
    return d.location({
      mappingIndex: i % 5 === 0 ? mapping : 0,
      address: i % 5 === 0 ? 0x400000n + BigInt(i * 64) : 0n,
      lines,
    });
  });
  const stacks = Array.from({ length: 30 }, () => {
    const depth = rnd.int(3, 24);
    return d.stack(Array.from({ length: depth }, () => rnd.pick(locations)));
  });
  const links = Array.from({ length: 8 }, () =>
    d.link(new Uint8Array(Buffer.from(rnd.hex(16), 'hex')), new Uint8Array(Buffer.from(rnd.hex(8), 'hex'))),
  );
  const threads = [
    d.attributes({ 'thread.id': 1, 'thread.name': 'main' }),
    d.attributes({ 'thread.id': 7, 'thread.name': 'worker-1' }),
  ];
  const start = 1_764_300_000_000_000_000n + BigInt(seed) * 1_000_000_000n;
  const cpu: ProfileSample[] = [];
  const count: ProfileSample[] = [];
  for (let i = 0; i < samples; i++) {
    const stackIndex = rnd.pick(stacks);
    const attributeIndices = rnd.pick(threads);
    const linkIndex = rnd.chance(0.4) ? rnd.pick(links) : 0;
    const ts = timestamps ? [start + BigInt(i) * 10_000_000n + BigInt(rnd.int(0, 9_999))] : [];
    cpu.push({
      stackIndex,
      attributeIndices,
      linkIndex,
      values: [rnd.int(1, 3) * 10_000_000],
      timestampsUnixNano: ts,
    });
    count.push({ stackIndex, attributeIndices, linkIndex, values: [1], timestampsUnixNano: ts });
  }
  const profile = (sampleType: [string, string], list: ProfileSample[], id: number) => ({
    sampleType: d.valueType(...sampleType),
    samples: mergeSamples(list), // one sample per identity, as the spec asks
    timeUnixNano: start,
    durationNano: samples * 10_000_000,
    periodType: d.valueType('cpu', 'nanoseconds'),
    period: 10_000_000,
    profileId: new Uint8Array(16).fill(id),
    droppedAttributesCount: 0,
    originalPayloadFormat: '',
    originalPayload: new Uint8Array(0),
    attributeIndices: d.attributes({ 'profile.frame.type': 'v8js' }),
  });
  return {
    resourceProfiles: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'checkout' } },
            { key: 'process.pid', value: { intValue: 4242n } },
          ],
          droppedAttributesCount: 0,
          entityRefs: [],
        },
        scopeProfiles: [
          {
            scope: { name: '@otlpx/profiling', version: '0.1.0', attributes: [], droppedAttributesCount: 0 },
            profiles: [profile(['cpu', 'nanoseconds'], cpu, 1), profile(['samples', 'count'], count, 2)],
            schemaUrl: 'https://opentelemetry.io/schemas/1.38.0',
          },
        ],
        schemaUrl: 'https://opentelemetry.io/schemas/1.38.0',
      },
    ],
    dictionary: d.build(),
  };
}

/** A pprof CPU profile with `samples` samples: samples/count + cpu/nanoseconds, labels on some. */
export function makePprof({ samples, seed }: FixtureOptions): PprofProfile {
  const rnd = new SeededRandom(seed);
  const b = new PprofBuilder({
    sampleTypes: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    periodType: ['cpu', 'nanoseconds'],
    period: 10_000_000,
    timeNanos: 1_764_300_000_000_000_000n,
    durationNanos: samples * 10_000_000,
    defaultSampleType: 'cpu',
    comments: ['made by @otlpx/proto tests'],
  });
  const mapping = b.mapping({
    filename: '/usr/bin/node',
    memoryStart: 0x400000n,
    memoryLimit: 0x2400000n,
    buildId: 'a1b2c3d4',
    hasFunctions: true,
    hasFilenames: true,
    hasLineNumbers: true,
  });
  const fns = NAMES.map((name, i) =>
    b.function({ name, filename: FILES[i % FILES.length], startLine: 1 + i * 10 }),
  );
  const locs = Array.from({ length: 40 }, (_, i) =>
    b.location({
      mappingId: i % 4 === 0 ? mapping : 0,
      address: 0x400000n + BigInt(i * 16),
      lines: [{ functionId: fns[i % fns.length], line: 1 + rnd.int(0, 400) }],
    }),
  );
  const stacks = Array.from({ length: 30 }, () =>
    Array.from({ length: rnd.int(2, 16) }, () => rnd.pick(locs)),
  );
  for (let i = 0; i < samples; i++) {
    const n = rnd.int(1, 3);
    const labels = rnd.chance(0.5)
      ? { 'span id': rnd.hex(8), 'thread id': { num: rnd.int(1, 8), unit: 'count' } }
      : undefined;
    b.sample(rnd.pick(stacks), [n, n * 10_000_000], labels);
  }
  return b.build();
}
