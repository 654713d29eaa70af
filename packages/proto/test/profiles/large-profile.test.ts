import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  decodePprof,
  decodeProfilesRequest,
  type ExportProfilesServiceRequest,
  encodePprof,
  encodeProfilesRequest,
  PprofBuilder,
  type ProfileSample,
  ProfilesDictionaryBuilder,
} from '../../src/index.js';

// A profile with 1,000,000 samples encodes and decodes with memory proportional to it: the
// writer grows one buffer (no per-sample allocations survive), the decoder holds the model.
// Figures are live heap + ArrayBuffer deltas around each step, after a full GC.

const SAMPLES = 1_000_000;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live heap + ArrayBuffer bytes after full GCs (ArrayBuffers are freed by a background sweeper). */
async function heap(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function millionSampleRequest(): ExportProfilesServiceRequest {
  const d = new ProfilesDictionaryBuilder();
  const fns = Array.from({ length: 50 }, (_, i) =>
    d.function({ name: `fn${i}`, filename: `file${i % 7}.js` }),
  );
  const locs = fns.map((fn, i) => d.location({ lines: [{ functionIndex: fn, line: i + 1 }] }));
  const stacks = Array.from({ length: 1000 }, (_, i) =>
    d.stack([locs[i % 50], locs[(i * 7) % 50], locs[(i * 13) % 50]]),
  );
  const attrs = [d.attributes({ 'thread.name': 'main' }), d.attributes({ 'thread.name': 'worker' })];
  const samples: ProfileSample[] = new Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    samples[i] = {
      stackIndex: stacks[i % 1000],
      attributeIndices: attrs[i & 1],
      linkIndex: 0,
      values: [10_000_000 + i],
      timestampsUnixNano: [],
    };
  }
  return {
    resourceProfiles: [
      {
        scopeProfiles: [
          {
            profiles: [
              {
                sampleType: d.valueType('cpu', 'nanoseconds'),
                samples,
                timeUnixNano: 1n,
                durationNano: 60_000_000_000,
                period: 10_000_000,
                profileId: new Uint8Array(0),
                droppedAttributesCount: 0,
                originalPayloadFormat: '',
                originalPayload: new Uint8Array(0),
                attributeIndices: [],
              },
            ],
            schemaUrl: '',
          },
        ],
        schemaUrl: '',
      },
    ],
    dictionary: d.build(),
  };
}

describe('1,000,000 samples', () => {
  it('OTLP profiles: encode and decode with bounded memory, byte-identical re-encode', async () => {
    const request = millionSampleRequest();
    const base = await heap();
    const bytes = encodeProfilesRequest(request);
    const afterEncode = await heap();
    // ~11 bytes a sample on the wire; the encoder keeps nothing beyond its output.
    expect(bytes.length).toBeLessThan(16 * SAMPLES);
    expect(afterEncode - base).toBeLessThan(bytes.length + 64 * MB);
    const decoded = decodeProfilesRequest(bytes);
    const afterDecode = await heap();
    const samples = decoded.resourceProfiles[0].scopeProfiles[0].profiles[0].samples;
    expect(samples.length).toBe(SAMPLES);
    expect(samples[SAMPLES - 1]).toEqual(
      request.resourceProfiles[0].scopeProfiles[0].profiles[0].samples[SAMPLES - 1],
    );
    // The model: one sample object with three exact-size arrays, under 300 bytes a sample (219 measured).
    console.log(
      `1M samples: ${bytes.length} bytes encoded, model ${((afterDecode - afterEncode) / SAMPLES).toFixed(0)} bytes/sample`,
    );
    expect(afterDecode - afterEncode).toBeLessThan(300 * SAMPLES);
    expect(Buffer.compare(encodeProfilesRequest(decoded), bytes)).toBe(0);
  });

  it('pprof: encode (gzipped) and decode with bounded memory', async () => {
    const b = new PprofBuilder({
      sampleTypes: [
        ['samples', 'count'],
        ['cpu', 'nanoseconds'],
      ],
    });
    const locs = Array.from({ length: 50 }, (_, i) =>
      b.location({ lines: [{ functionId: b.function({ name: `fn${i}` }), line: i + 1 }] }),
    );
    for (let i = 0; i < SAMPLES; i++) b.sample([locs[i % 50], locs[(i * 7) % 50]], [1, 10_000_000]);
    const profile = b.build();
    const base = await heap();
    const gz = encodePprof(profile, { gzip: true });
    expect((await heap()) - base).toBeLessThan(64 * MB);
    const decoded = decodePprof(gz);
    expect(decoded.sample.length).toBe(SAMPLES);
    expect(decoded.sample[123_456]).toEqual(profile.sample[123_456]);
    expect((await heap()) - base).toBeLessThan(64 * MB + 300 * SAMPLES);
  });
});
