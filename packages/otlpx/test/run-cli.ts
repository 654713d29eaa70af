import { PassThrough } from 'node:stream';
import { main } from '../src/main.js';

/** Runs the CLI in-process; returns its exit code and everything it printed. */
export async function runCli(argv: string[]): Promise<{ code: number; text: string }> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => {
    text += chunk;
  });
  const code = await main(argv, out);
  return { code, text };
}
