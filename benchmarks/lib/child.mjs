// One benchmark process: `node --expose-gc child.mjs <task JSON>`. Runs exactly one case of one
// scenario at one size, in one of two modes, and writes its result as JSON to task.resultFile:
//   verify  run the case once, decode its output and compare it with the reference case's
//           output; record the output's SHA-256 and size. Never timed.
//   time    run the case once, check the output's SHA-256 against the verified one (so the
//           timed code is the verified code), then warm up and measure.
// A case that is missing reports `unavailable`; a wrong output reports `verify-failed`.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { firstDifference } from './difference.mjs';
import { measure } from './measure.mjs';
import { checkScenario, NotAvailable, outputBytes } from './scenario.mjs';

const task = JSON.parse(process.argv[2]);

async function loadCase(scenario, id) {
  const c = scenario.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c.load();
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function verify(scenario, fn, input) {
  const first = fn(input);
  const bytes = outputBytes(first);
  const saved = Buffer.from(bytes);
  const hash = sha256(bytes);
  let data;
  try {
    data = await scenario.canonical(task.caseId, first);
  } catch (err) {
    return { status: 'verify-failed', reason: `output does not decode: ${err.message}` };
  }
  const c = scenario.cases.find((x) => x.id === task.caseId);
  if (c.reference && c.reference !== c.id) {
    let refFn;
    try {
      refFn = await loadCase(scenario, c.reference);
    } catch (err) {
      return { status: 'verify-failed', reason: `reference ${c.reference} cannot run: ${err.message}` };
    }
    const refData = await scenario.canonical(c.reference, refFn(input));
    const diff = firstDifference(refData, data);
    if (diff) {
      return {
        status: 'verify-failed',
        reason: `decoded output differs from ${c.reference} at ${diff.path}: expected ${diff.expected}, got ${diff.actual}`,
      };
    }
  }
  // A second call: the output must be the same bytes (so timed runs can be tied to this one),
  // and we record whether it reuses the first call's memory (then the caller must copy).
  const second = fn(input);
  const secondBytes = outputBytes(second);
  if (sha256(secondBytes) !== hash) {
    return { status: 'verify-failed', reason: 'two calls on the same input gave different bytes' };
  }
  // Sharing an ArrayBuffer (Buffer's pool, a slab) is fine; overlapping or overwritten bytes are not.
  const overlaps =
    typeof first !== 'string' &&
    typeof second !== 'string' &&
    first.buffer === second.buffer &&
    first.byteOffset < second.byteOffset + second.byteLength &&
    second.byteOffset < first.byteOffset + first.byteLength;
  const reusesBuffer = overlaps || !saved.equals(bytes);
  return { status: 'ok', sha256: hash, outputBytes: bytes.length, reusesBuffer };
}

function fingerprint(output) {
  const bytes = outputBytes(output);
  return { hash: sha256(bytes), length: bytes.length };
}

async function time(fn, input) {
  // Only the hash and size of the first output are kept, so nothing of it stays on the heap.
  const { hash, length: firstLength } = fingerprint(fn(input));
  if (hash !== task.expectedSha256) {
    return {
      status: 'verify-failed',
      reason: 'the output in the timing process differs from the verified output',
    };
  }
  globalThis.gc?.();
  const m = measure(fn, input, task.settings);
  if (m.lastOutputBytes !== firstLength) {
    return { status: 'verify-failed', reason: 'the output changed size while it was being timed' };
  }
  return { status: 'ok', ...m, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function main() {
  const scenario = checkScenario(
    (await import(pathToFileURL(task.scenarioFile).href)).default,
    task.scenarioFile,
  );
  let fn;
  try {
    fn = await loadCase(scenario, task.caseId);
  } catch (err) {
    if (err instanceof NotAvailable || err?.name === 'NotAvailable')
      return { status: 'unavailable', reason: err.message };
    throw err;
  }
  const input = await scenario.fixture(task.size);
  return task.mode === 'verify' ? verify(scenario, fn, input) : time(fn, input);
}

const started = Date.now();
const loadStart = loadavg()[0];
let result;
try {
  result = await main();
} catch (err) {
  result = { status: 'error', reason: err?.stack ?? String(err) };
}
result.pid = process.pid;
result.loadavg1 = [loadStart, loadavg()[0]];
result.processMs = Date.now() - started;
writeFileSync(task.resultFile, JSON.stringify(result));
