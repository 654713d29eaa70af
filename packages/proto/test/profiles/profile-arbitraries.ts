import fc from 'fast-check';
import type { ExportProfilesServiceRequest, PprofProfile, Profile } from '../../src/index.js';
import { mergeSamples, PprofBuilder, ProfilesDictionaryBuilder } from '../../src/index.js';
import { anyValue, resource, scope, text } from '../arbitraries.js';

// Random profiles built through the public builders from a random "recipe": functions,
// locations, stacks, links and attributes picked by position, so every index is valid and the
// property tests exercise the builders together with the codecs.

const int53 = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const uint53 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const time = fc.bigInt({ min: 0n, max: 2n ** 64n - 16n });
const fixedBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => new Uint8Array(b));

const recipe = fc.record({
  functions: fc.array(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }),
      systemName: text,
      filename: text,
      startLine: uint53,
    }),
    {
      minLength: 1,
      maxLength: 6,
    },
  ),
  mappings: fc.array(
    fc.record({ memoryStart: uint64, memoryLimit: uint64, fileOffset: uint64, filename: text }),
    { maxLength: 3 },
  ),
  locations: fc.array(
    fc.record({
      mapping: fc.nat(),
      address: uint64,
      lines: fc.array(fc.record({ fn: fc.nat(), line: int53, column: int53 }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  stacks: fc.array(fc.array(fc.nat(), { maxLength: 12 }), { minLength: 1, maxLength: 6 }),
  links: fc.array(fc.record({ traceId: fixedBytes(16), spanId: fixedBytes(8) }), { maxLength: 3 }),
  attributes: fc.array(fc.record({ key: text, value: anyValue, unit: text }), { maxLength: 5 }),
  profiles: fc.array(
    fc.record({
      sampleType: fc.option(fc.tuple(text, text), { nil: undefined }),
      periodType: fc.option(fc.tuple(text, text), { nil: undefined }),
      samples: fc.array(
        fc.record({
          stack: fc.nat(),
          link: fc.nat(),
          attrs: fc.array(fc.nat(), { maxLength: 3 }),
          // below 2^45 so that merged totals stay safe integers
          values: fc.array(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 8 },
      ),
      timestamps: fc.boolean(), // the profile's shape: a value per timestamp, or aggregated values
      timeUnixNano: time,
      durationNano: uint53,
      period: int53,
      profileId: fc.option(fixedBytes(16), { nil: undefined }),
      droppedAttributesCount: fc.nat(),
      payload: fc.option(fc.uint8Array({ minLength: 1, maxLength: 16 }), { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
  resource: fc.option(resource, { nil: undefined }),
  scope: fc.option(scope, { nil: undefined }),
  schemaUrl: text,
});

export const profilesRequest: fc.Arbitrary<ExportProfilesServiceRequest> = recipe.map((r) => {
  const d = new ProfilesDictionaryBuilder();
  const fns = r.functions.map((f) => d.function(f));
  const maps = r.mappings.map((m) => d.mapping(m));
  const locs = r.locations.map((l) =>
    d.location({
      mappingIndex: maps.length ? maps[l.mapping % maps.length] : 0,
      address: l.address,
      lines: l.lines.map((line) => ({
        functionIndex: fns[line.fn % fns.length],
        line: line.line,
        column: line.column,
      })),
    }),
  );
  const stacks = r.stacks.map((s) => d.stack(s.map((i) => locs[i % locs.length])));
  const links = r.links.map((l) => d.link(l.traceId, l.spanId));
  // Keys made unique per attribute: one attribute list never holds a key twice.
  const attrs = r.attributes.map((a, i) => d.attribute(`${a.key}#${i}`, a.value, a.unit));
  const profiles: Profile[] = r.profiles.map((p) => {
    const profile: Profile = {
      samples: mergeSamples(
        p.samples.map((s) => ({
          stackIndex: stacks[s.stack % stacks.length],
          attributeIndices: attrs.length ? [...new Set(s.attrs.map((i) => attrs[i % attrs.length]))] : [],
          linkIndex: links.length ? links[s.link % links.length] : 0,
          // aggregated samples carry one total each
          values: p.timestamps ? s.values : s.values.slice(0, 1),
          timestampsUnixNano: p.timestamps ? s.values.map((_, i) => p.timeUnixNano + BigInt(i)) : [],
        })),
      ),
      timeUnixNano: p.timeUnixNano,
      durationNano: p.durationNano,
      period: p.period,
      profileId: p.profileId ?? new Uint8Array(0),
      droppedAttributesCount: p.droppedAttributesCount,
      originalPayloadFormat: p.payload ? 'pprof' : '',
      originalPayload: p.payload ? new Uint8Array(p.payload) : new Uint8Array(0),
      attributeIndices: attrs.slice(0, 2),
    };
    if (p.sampleType) profile.sampleType = d.valueType(...p.sampleType);
    if (p.periodType) profile.periodType = d.valueType(...p.periodType);
    return profile;
  });
  return {
    resourceProfiles: [
      {
        ...(r.resource ? { resource: r.resource } : {}),
        scopeProfiles: [{ ...(r.scope ? { scope: r.scope } : {}), profiles, schemaUrl: r.schemaUrl }],
        schemaUrl: r.schemaUrl,
      },
    ],
    dictionary: d.build(),
  };
});

export const pprofProfile: fc.Arbitrary<PprofProfile> = fc
  .record({
    sampleTypes: fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 3 }),
    functions: fc.array(fc.record({ name: text, filename: text, startLine: uint53 }), {
      minLength: 1,
      maxLength: 6,
    }),
    locations: fc.array(
      fc.record({
        address: uint64,
        lines: fc.array(fc.record({ fn: fc.nat(), line: int53 }), { maxLength: 3 }),
        mapped: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    samples: fc.array(
      fc.record({
        stack: fc.array(fc.nat(), { maxLength: 10 }),
        values: fc.array(int53, { minLength: 3, maxLength: 3 }),
        labels: fc.dictionary(
          text,
          fc.oneof(
            text,
            fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
            fc.record({ num: int53, unit: text }),
          ),
        ),
      }),
      { maxLength: 10 },
    ),
    timeNanos: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
    durationNanos: uint53,
    period: int53,
    comments: fc.array(text, { maxLength: 2 }),
  })
  .map((r) => {
    const b = new PprofBuilder({
      sampleTypes: r.sampleTypes,
      periodType: r.sampleTypes[0],
      period: r.period,
      timeNanos: r.timeNanos,
      durationNanos: r.durationNanos,
      comments: r.comments,
      defaultSampleType: r.sampleTypes[0][0],
    });
    const mapping = b.mapping({
      filename: 'app',
      memoryStart: 1n,
      memoryLimit: 2n ** 64n - 1n,
      hasFunctions: true,
    });
    const fns = r.functions.map((f) => b.function(f));
    const locs = r.locations.map((l) =>
      b.location({
        mappingId: l.mapped ? mapping : 0,
        address: l.address,
        lines: l.lines.map((line) => ({ functionId: fns[line.fn % fns.length], line: line.line })),
      }),
    );
    for (const s of r.samples) {
      b.sample(
        s.stack.map((i) => locs[i % locs.length]),
        s.values.slice(0, r.sampleTypes.length),
        s.labels,
      );
    }
    return b.build();
  });
