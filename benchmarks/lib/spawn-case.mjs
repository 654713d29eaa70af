// Starts one fresh `node` process for one case (lib/child.mjs) and collects its result.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));
const TAIL = 2000;

let counter = 0;

/**
 * Runs `task` (see child.mjs) in a new process with `--expose-gc` plus `nodeArgs`, kills it
 * after `timeoutMs`, and resolves to the child's result object. A crash, a timeout or a missing
 * result becomes `{ status: 'error', reason }` with the end of the child's stderr.
 */
export function spawnCase(task, { tmpDir, timeoutMs, nodeArgs = [] }) {
  const resultFile = join(tmpDir, `result-${process.pid}-${++counter}.json`);
  const full = { ...task, resultFile };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, CHILD, JSON.stringify(full)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    const keep = (chunk) => {
      out = (out + chunk).slice(-TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let result;
      try {
        result = JSON.parse(readFileSync(resultFile, 'utf8'));
      } catch {
        const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${signal ?? `code ${code}`}`;
        result = { status: 'error', reason: `child ${why} without a result. Output: ${out.trim()}` };
      }
      rmSync(resultFile, { force: true });
      resolve(result);
    });
  });
}
