// The harness's own test scenario (run by `node benchmarks/run.mjs --self-test`): serialize a
// list of strings to JSON. One baseline, two correct candidates (one returns a view into a reused
// buffer), one that is missing and one that is wrong, so the self-test sees every status.
import { NotAvailable } from '../../scenario.mjs';

const words = (n) => Array.from({ length: n }, (_, i) => `word-${(i * 2654435761) % 100_003}`);

export default {
  title: 'Toy: string[] to JSON (harness self-test)',
  unit: 'item',
  sizes: { full: [64, 1024], quick: [64, 1024] },
  packages: [],
  fixture: (size) => words(size),
  canonical: (_caseId, output) =>
    JSON.parse(typeof output === 'string' ? output : new TextDecoder().decode(output)),
  cases: [
    {
      id: 'stringify',
      label: 'JSON.stringify',
      baseline: 'stringify',
      load: () => (input) => JSON.stringify(input),
    },
    {
      id: 'join',
      label: 'hand-made join, encoded to bytes',
      baseline: 'stringify',
      reference: 'stringify',
      load: () => {
        const encoder = new TextEncoder();
        return (input) => encoder.encode(`["${input.join('","')}"]`);
      },
    },
    {
      id: 'reuse',
      label: 'join into one reused buffer',
      baseline: 'stringify',
      reference: 'stringify',
      load: () => {
        const encoder = new TextEncoder();
        const buffer = new Uint8Array(1 << 20);
        return (input) => buffer.subarray(0, encoder.encodeInto(`["${input.join('","')}"]`, buffer).written);
      },
    },
    {
      id: 'missing',
      label: 'an implementation that does not exist yet',
      baseline: 'stringify',
      reference: 'stringify',
      load: () => {
        throw new NotAvailable('toy: not written yet');
      },
    },
    {
      id: 'wrong',
      label: 'drops the last item',
      baseline: 'stringify',
      reference: 'stringify',
      load: () => (input) => JSON.stringify(input.slice(0, -1)),
    },
  ],
};
