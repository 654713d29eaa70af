#!/usr/bin/env node
// In-process A/B of two builds of @otlpx/proto's per-span writer (`writeSdkSpanRecord`, what
// FastSpanProcessor runs as each span ends, into one buffer per scope), in situ: the real SDK
// makes and ends the spans and each is written as it ends, hot in cache as in a service. Separate processes of one build
// differed by up to 30 % on this VM (JIT and machine state); rounds of the two builds in one
// process, against a no-op processor in the same rounds, differ by ~5 % between runs of the same
// build. "encode" is a build's time per span minus the no-op's; the order rotates every round.
//
//   node benchmarks/encode/span-writer-ab.mjs <distA> <distB> [--workload http|service] [--rounds N] [--chunk-a N] [--chunk-b N]
//
// distA / distB: the `dist` directories of two builds of packages/proto, e.g. a `git worktree` of
// the base commit (pnpm install, pnpm --filter @otlpx/proto build) and this checkout's.
// Workloads: `http`, HTTP server spans of makeHttpServerSpans' shapes; `service`, the interleaved
// spans of makeServiceSpans' service (four scopes, three kinds), made live by serviceTraffic.
// --chunk-a N / --chunk-b N: A / B keeps each ended span and writes them N at a time, as
// FastSpanProcessor does with the spans of a burst (encodeChunkSize 16); --chunk-b alone with one
// dist twice measures what that changes by itself.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { makeHttpServerSpans, SeededRandom, serviceProvider, serviceTraffic } from '@otlpx/testkit';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workload: { type: 'string', default: 'http' },
    rounds: { type: 'string', default: '40' },
    'chunk-a': { type: 'string', default: '1' },
    'chunk-b': { type: 'string', default: '1' },
  },
});
if (positionals.length !== 2 || !['http', 'service'].includes(values.workload)) {
  console.error(
    'usage: span-writer-ab.mjs <distA> <distB> [--workload http|service] [--rounds N] [--chunk-a N] [--chunk-b N]',
  );
  process.exit(2);
}

/**
 * A build's span writer as FastSpanProcessor's batch uses it: one buffer per instrumentation
 * scope (the spans of a scope go after its ScopeSpans envelope), reused after a batch's worth.
 */
async function loadBuild(dir) {
  const base = pathToFileURL(`${resolve(dir)}/`);
  const { ProtoWriter } = await import(new URL('wire.js', base).href);
  const { writeSdkSpanRecord } = await import(new URL('sdk.js', base).href);
  const writers = new Map();
  return (span) => {
    let writer = writers.get(span.instrumentationScope);
    if (writer === undefined) {
      writer = new ProtoWriter(384 * 1024);
      writers.set(span.instrumentationScope, writer);
    }
    writeSdkSpanRecord(writer, span);
    if (writer.pos > 256 * 1024) writer.pos = 0;
  };
}

/** `write` applied to the ended spans `size` at a time (what is left is written by flushAll). */
const flushes = [];
function chunked(write, size) {
  if (size === 1) return write;
  let waiting = [];
  const flush = () => {
    for (const span of waiting) write(span);
    waiting = [];
  };
  flushes.push(flush);
  return (span) => {
    waiting.push(span);
    if (waiting.length >= size) flush();
  };
}
const flushAll = () => {
  for (const flush of flushes) flush();
};

const noop = () => {};
const [buildA, buildB] = await Promise.all(positionals.map(loadBuild));
const builds = [noop, chunked(buildA, Number(values['chunk-a'])), chunked(buildB, Number(values['chunk-b']))];
let current = noop;
/** Spans ended (the service workload makes a variable number per request). */
let ended = 0;
const processor = {
  onStart() {},
  onEnd(span) {
    ended++;
    current(span);
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};
const provider = serviceProvider([processor]);

/** Makes and ends about `spans` spans of the workload. */
const makeSpans =
  values.workload === 'service'
    ? (() => {
        const serve = serviceTraffic(provider, new SeededRandom(7));
        return (spans) => serve(Math.ceil(spans / 5.3)); // 5.3 spans per request on average
      })()
    : (() => {
        const tracer = provider.getTracer('@opentelemetry/instrumentation-http', '0.208.0');
        const shapes = makeHttpServerSpans({ count: 4096, seed: 42 }).map((s) => ({
          name: s.name,
          options: { kind: s.kind, attributes: s.attributes },
          parent: s.parentSpanContext ? trace.setSpanContext(ROOT_CONTEXT, s.parentSpanContext) : undefined,
          events: s.events,
        }));
        let made = 0;
        return (spans) => {
          for (let i = 0; i < spans; i++) {
            const shape = shapes[made++ & 4095];
            const span = tracer.startSpan(shape.name, shape.options, shape.parent);
            for (const event of shape.events) span.addEvent(event.name, event.attributes);
            span.end();
          }
        };
      })();

const SPANS_PER_ROUND = 16_384;
const rounds = Number(values.rounds);
const nsPerSpan = [[], [], []];
const ORDERS = [
  [0, 1, 2],
  [2, 1, 0],
  [1, 2, 0],
  [0, 2, 1],
];
for (let r = 0; r < 6; r++) {
  // warm-up
  for (const build of builds) {
    current = build;
    makeSpans(SPANS_PER_ROUND);
    flushAll();
  }
}
for (let r = 0; r < rounds; r++) {
  for (const b of ORDERS[r % ORDERS.length]) {
    current = builds[b];
    const before = ended;
    const t0 = process.hrtime.bigint();
    makeSpans(SPANS_PER_ROUND);
    flushAll();
    nsPerSpan[b].push(Number(process.hrtime.bigint() - t0) / (ended - before));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const encodeA = nsPerSpan[1].map((t, i) => t - nsPerSpan[0][i]);
const encodeB = nsPerSpan[2].map((t, i) => t - nsPerSpan[0][i]);
const atATime = (n) => (n === '1' ? '' : `, ${n} spans at a time`);
const ratio = median(encodeB.map((b, i) => b / encodeA[i]));
console.log(
  `workload ${values.workload}, ${rounds} rounds of ${SPANS_PER_ROUND} spans, medians (ns per span):\n` +
    `  SDK + no-op processor ${median(nsPerSpan[0]).toFixed(0)}\n` +
    `  encode A ${median(encodeA).toFixed(0)}   (${positionals[0]}${atATime(values['chunk-a'])})\n` +
    `  encode B ${median(encodeB).toFixed(0)}   (${positionals[1]}${atATime(values['chunk-b'])})\n` +
    `  B / A ${ratio.toFixed(3)} (median of the rounds' ratios)`,
);
