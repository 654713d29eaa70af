import { describe, expect, it } from 'vitest';
import { mergeSamples, type ProfileSample, sampleIdentity } from '../../src/index.js';

const sample = (over: Partial<ProfileSample>): ProfileSample => ({
  stackIndex: 1,
  attributeIndices: [],
  linkIndex: 0,
  values: [],
  timestampsUnixNano: [],
  ...over,
});

describe('mergeSamples', () => {
  it('identity is stack, attribute set (order-free) and link', () => {
    expect(sampleIdentity(sample({ attributeIndices: [2, 1] }))).toBe(
      sampleIdentity(sample({ attributeIndices: [1, 2] })),
    );
    expect(sampleIdentity(sample({ linkIndex: 1 }))).not.toBe(sampleIdentity(sample({})));
    expect(sampleIdentity(sample({ stackIndex: 2 }))).not.toBe(sampleIdentity(sample({})));
    expect(sampleIdentity(sample({ values: [5] }))).toBe(sampleIdentity(sample({ values: [6] })));
  });

  it('adds aggregated values and appends timestamped ones, keeping first-seen order', () => {
    const input = [
      sample({ values: [1] }),
      sample({ stackIndex: 2, values: [10], timestampsUnixNano: [100n] }),
      sample({ values: [2] }),
      sample({ stackIndex: 2, values: [20], timestampsUnixNano: [200n] }),
      sample({ stackIndex: 3, timestampsUnixNano: [7n] }),
      sample({ stackIndex: 3, timestampsUnixNano: [8n, 9n] }),
      sample({ stackIndex: 1, attributeIndices: [4], values: [3] }),
    ];
    const before = structuredClone(input);
    expect(mergeSamples(input)).toEqual([
      sample({ values: [3] }),
      sample({ stackIndex: 2, values: [10, 20], timestampsUnixNano: [100n, 200n] }),
      sample({ stackIndex: 3, timestampsUnixNano: [7n, 8n, 9n] }),
      sample({ stackIndex: 1, attributeIndices: [4], values: [3] }),
    ]);
    expect(input).toEqual(before);
  });
});
