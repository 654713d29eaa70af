/**
 * Runs the code of a package README as a user would paste it: the first ```ts / ```js block
 * under a heading, with its types stripped, as a module file in the package's directory (so the
 * package's own name resolves to its built dist/ through its `exports`, as for a user, and its
 * dependencies resolve from its node_modules), run by node in a fresh temporary directory. The
 * README tests compare what it prints with the `// ` lines the README shows under it, so an
 * example that stopped running, or printing that, fails a test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadmeExample {
  /** The code of the block, as in the README. */
  code: string;
  /**
   * The output the README promises: the lines of a ```text block right after the code, else the
   * `// ` comment lines that end the code.
   */
  expected: string[];
}

export interface ExampleRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The first ts/js code block under the `## heading` of `readmePath`. */
export function readmeExample(readmePath: string, heading: string): ReadmeExample {
  const text = readFileSync(readmePath, 'utf8');
  const at = text.indexOf(`\n## ${heading}\n`);
  if (at === -1) throw new Error(`${readmePath} has no "## ${heading}" section`);
  const next = text.indexOf('\n## ', at + 1);
  const section = text.slice(at, next === -1 ? undefined : next);
  const block = /```(?:ts|js)\n([\s\S]*?)```\n(?:\n```text\n([\s\S]*?)```)?/.exec(section);
  if (block === null) throw new Error(`${readmePath}: no ts/js code block under "## ${heading}"`);
  const code = block[1];
  if (block[2] !== undefined) return { code, expected: block[2].trimEnd().split('\n') };
  const lines = code.trimEnd().split('\n');
  const expected: string[] = [];
  while (lines.length > 0 && lines[lines.length - 1].startsWith('//')) {
    expected.unshift(lines.pop()!.replace(/^\/\/ ?/, ''));
  }
  return { code, expected };
}

/**
 * Runs `code` as a module of the package in `packageDir` (its dist/ must be built: `pnpm build`)
 * with cwd a temporary directory. Resolves with the exit status (null when killed after
 * `timeoutMillis`) and the output.
 */
export async function runExample(
  packageDir: string,
  code: string,
  options: { env?: Record<string, string>; timeoutMillis?: number } = {},
): Promise<ExampleRun> {
  if (!existsSync(join(packageDir, 'dist'))) {
    throw new Error(`${packageDir}/dist is missing: the README example runs the built package (pnpm build)`);
  }
  const { transform } = await import('esbuild');
  const js = (await transform(code, { loader: 'ts', format: 'esm', target: 'node20' })).code;
  const script = join(packageDir, `.readme-example-${process.pid}-${Date.now()}.mjs`);
  const cwd = mkdtempSync(join(tmpdir(), 'otlpx-readme-'));
  writeFileSync(script, js);
  try {
    return await new Promise<ExampleRun>((resolve) => {
      const child = spawn(process.execPath, [script], {
        // As `node example.mjs` from a shell: the SDK's default service.name is
        // `unknown_service:<argv0>`, which would otherwise be the binary's full path.
        argv0: 'node',
        cwd,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMillis ?? 30_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
  } finally {
    rmSync(script, { force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Node's multi-line `console.log` of an object as one line, the way READMEs write it. */
export function oneLine(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `readmeExample` of the package's README.md under `## heading`, run with `runExample`. */
export async function runReadmeSection(
  packageDir: string,
  heading: string,
  options?: { env?: Record<string, string>; timeoutMillis?: number },
): Promise<ReadmeExample & ExampleRun> {
  const example = readmeExample(join(packageDir, 'README.md'), heading);
  return { ...example, ...(await runExample(packageDir, example.code, options)) };
}
