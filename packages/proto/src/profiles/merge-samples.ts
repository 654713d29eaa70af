import type { ProfileSample } from '../model/profiles.js';

/**
 * A sample's identity in the spec: {stack_index, set of attribute_indices, link_index}. Samples
 * with equal keys SHOULD be combined into one.
 */
export function sampleIdentity(sample: ProfileSample): string {
  const attributes = sample.attributeIndices;
  let sorted = true;
  for (let i = 1; i < attributes.length; i++) if (attributes[i - 1] > attributes[i]) sorted = false;
  const set = sorted ? attributes : attributes.slice().sort((a, b) => a - b);
  return `${sample.stackIndex}|${set.join(',')}|${sample.linkIndex}`;
}

/**
 * Combines samples with the same identity, as the spec asks, keeping the first one's place:
 * timestamped samples append their values and timestamps; aggregated samples (values, no
 * timestamps) add their values, so each keeps one total per value (totals past 2^53 - 1 lose
 * precision; validateProfilesRequest reports them). Returns new sample objects; the input is
 * not changed.
 */
export function mergeSamples(samples: readonly ProfileSample[]): ProfileSample[] {
  const byIdentity = new Map<string, ProfileSample>();
  const out: ProfileSample[] = [];
  for (const sample of samples) {
    const key = sampleIdentity(sample);
    const into = byIdentity.get(key);
    if (into === undefined) {
      const copy: ProfileSample = {
        stackIndex: sample.stackIndex,
        attributeIndices: sample.attributeIndices.slice(),
        linkIndex: sample.linkIndex,
        values: sample.values.slice(),
        timestampsUnixNano: sample.timestampsUnixNano.slice(),
      };
      byIdentity.set(key, copy);
      out.push(copy);
    } else if (
      into.timestampsUnixNano.length === 0 &&
      sample.timestampsUnixNano.length === 0 &&
      into.values.length === sample.values.length
    ) {
      for (let i = 0; i < sample.values.length; i++) into.values[i] += sample.values[i];
    } else {
      for (const v of sample.values) into.values.push(v);
      for (const t of sample.timestampsUnixNano) into.timestampsUnixNano.push(t);
    }
  }
  return out;
}
