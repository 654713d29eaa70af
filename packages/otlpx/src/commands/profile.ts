import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CpuProfileSummary, PreloadConfig } from '../profile-summary.js';

export interface ProfileCommandOptions {
  /** The program and its arguments: `['app.js', '--port', '8080']` (run with this Node). */
  program: string[];
  hz: number;
  /** pprof output path (gzipped). */
  out: string;
  /** Flame graph HTML output path. */
  html?: string;
  /** Node options for the program, e.g. `['--enable-source-maps']`. */
  nodeOptions?: string[];
  stdout: NodeJS.WritableStream;
}

export interface ProfileCommandResult {
  /** The program's exit code (128 + signal number when a signal ended it). */
  exitCode: number;
  summary: CpuProfileSummary | undefined;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };

/** The preload sits next to this module in dist/ (dist/profile-preload.js); tests run src/, which has only the .ts. */
export function preloadPath(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, 'profile-preload.js'),
    join(here, '..', '..', 'dist', 'profile-preload.js'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * `otlpx profile -- app.js`: runs a Node program with a CPU profiler started before its code,
 * then writes a pprof file (and a flame graph) when it exits, and prints the hottest functions.
 */
export async function runProfile(options: ProfileCommandOptions): Promise<ProfileCommandResult> {
  const say = (line: string) => options.stdout.write(`${line}\n`);
  const preload = preloadPath();
  if (preload === undefined)
    throw new Error('otlpx profile: dist/profile-preload.js is missing (build otlpx)');
  const work = mkdtempSync(join(tmpdir(), 'otlpx-profile-'));
  const config: PreloadConfig = {
    hz: options.hz,
    pprof: resolve(options.out),
    html: options.html === undefined ? undefined : resolve(options.html),
    summary: join(work, 'summary.json'),
  };
  say(`otlpx profile: ${options.program.join(' ')} (CPU, ${options.hz} Hz)`);
  try {
    const child = spawn(
      process.execPath,
      [...(options.nodeOptions ?? []), '--import', pathToFileURL(preload).href, ...options.program],
      { stdio: 'inherit', env: { ...process.env, OTLPX_PROFILE_CONFIG: JSON.stringify(config) } },
    );
    // Ctrl-C reaches the program through the terminal; the parent only waits for it.
    const ignore = (): void => {};
    process.on('SIGINT', ignore);
    const exitCode = await new Promise<number>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code, signal) => done(code ?? 128 + (SIGNALS[signal ?? ''] ?? 0)));
    }).finally(() => process.removeListener('SIGINT', ignore));
    if (!existsSync(config.summary)) {
      say('otlpx profile: the program ended before a profile could be written (killed with SIGKILL?)');
      return { exitCode, summary: undefined };
    }
    const summary = JSON.parse(readFileSync(config.summary, 'utf8')) as CpuProfileSummary;
    printSummary(summary, config, exitCode, say);
    return { exitCode, summary };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printSummary(
  s: CpuProfileSummary,
  config: PreloadConfig,
  exitCode: number,
  say: (l: string) => void,
): void {
  const share = (n: number) => (s.samples === 0 ? '0.0' : ((100 * n) / s.samples).toFixed(1));
  say('');
  say(
    `  ${s.samples} samples over ${(s.durationMillis / 1000).toFixed(2)} s, ${share(s.inSpans)} % inside OpenTelemetry spans; program exit code ${exitCode}`,
  );
  say('');
  say('     self   total  function');
  for (const f of s.top) say(`  ${share(f.self).padStart(6)}% ${share(f.total).padStart(6)}%  ${f.name}`);
  say('');
  say(`  pprof        ${config.pprof}   (go tool pprof -top ${config.pprof})`);
  if (config.html) say(`  flame graph  ${config.html}`);
}
