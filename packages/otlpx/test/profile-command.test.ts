import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePprof } from '@otlpx/proto';
import { afterAll, describe, expect, it } from 'vitest';
import { preloadPath } from '../src/commands/profile.js';
import { runCli as run } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'otlpx-profile-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A program that burns ~600 ms of CPU in `hotLoop`, then ends with `ending`. */
function program(name: string, ending: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `function hotLoop() { let x = 0; for (let i = 0; i < 2e5; i++) x += Math.sqrt(i) * Math.sin(i); return x; }
const end = Date.now() + 600; let t = 0; while (Date.now() < end) t += hotLoop();
console.log('done', t !== 0);
${ending}
`,
  );
  return file;
}

describe('otlpx profile: arguments', () => {
  it('needs a program and valid options', async () => {
    expect((await run(['profile'])).text).toMatch(/which program\?/);
    expect((await run(['profile', '--hz', '0', 'app.js'])).code).toBe(2);
    expect((await run(['profile', '--hz', 'fast', 'app.js'])).text).toMatch(
      /--hz must be a whole number from 1 to 10000/,
    );
    expect((await run(['profile', '--nope', 'app.js'])).text).toMatch(/Unknown option '--nope'/);
  });
});

describe.skipIf(preloadPath() === undefined)('otlpx profile: a real program (needs the built dist/)', () => {
  it('writes a pprof file and a flame graph that rank the hot function first', async () => {
    const out = join(dir, 'cpu.pb.gz');
    const html = join(dir, 'flame.html');
    // Options after the program name belong to the program, not to otlpx.
    const { code, text } = await run([
      'profile',
      '--hz',
      '250',
      '--out',
      out,
      '--html',
      html,
      program('a.js', ''),
      '--hz',
      '1',
    ]);
    expect(code).toBe(0);
    expect(text).toMatch(/\d+ samples over/);
    const rows = text.split('\n').filter((l) => /^\s+[\d.]+% +[\d.]+%/.test(l));
    expect(rows[0]).toMatch(/hotLoop .*a\.js:1/);
    const pprof = decodePprof(readFileSync(out));
    // pprof keeps one sample per distinct stack, with the sample count as its first value.
    expect(pprof.sample.reduce((n, s) => n + Number(s.value[0]), 0)).toBeGreaterThan(10);
    expect(pprof.stringTable).toContain('hotLoop');
    expect(readFileSync(html, 'utf8')).toContain('hotLoop');
  });

  it('keeps the program exit code and still writes the profile on process.exit', async () => {
    const out = join(dir, 'exit.pb.gz');
    const { code } = await run(['profile', '--out', out, program('b.js', 'process.exit(3);')]);
    expect(code).toBe(3);
    expect(existsSync(out)).toBe(true);
  });

  it('writes the profile when the program dies of SIGTERM, and reports 128 + 15', async () => {
    const out = join(dir, 'term.pb.gz');
    // A server that is told to stop while it runs (signal handles do not keep Node's loop alive,
    // so the timer stands for the server's open socket).
    const ending = "setTimeout(() => {}, 10_000); process.kill(process.pid, 'SIGTERM');";
    const { code } = await run(['profile', '--out', out, '--', program('c.js', ending)]);
    expect(code).toBe(143);
    expect(decodePprof(readFileSync(out)).sample.length).toBeGreaterThan(0);
  });
});
