import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli.js';

describe('otlpx CLI', () => {
  it('prints help with --help and exits 0', async () => {
    const { code, text } = await run(['--help']);
    expect(code).toBe(0);
    expect(text).toMatch(/Usage: otlpx <command>/);
    expect(text).toMatch(/demo/);
  });

  it('prints help and exits 1 without a command', async () => {
    expect((await run([])).code).toBe(1);
  });

  it('rejects an unknown command with help', async () => {
    const { code, text } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(text).toMatch(/unknown command "frobnicate"/);
  });

  it('rejects bad demo options clearly', async () => {
    const bad = await run(['demo', '--requests', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.text).toMatch(/--requests must be a whole number/);
    const unknown = await run(['demo', '--nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.text).toMatch(/Unknown option '--nope'/);
  });
});
