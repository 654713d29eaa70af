import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans, skipWithoutPeer } from '@otlpx/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { DiagCapture } from './support/diag-capture.js';

// The exporter's own HTTP/1.1 client against Go's net/http and compress/gzip, the HTTP stack of
// the OpenTelemetry Collector (support/go-receiver/main.go, built here with the system's Go).
// The receiver checks the SHA-256 of the decoded body against the one each request announces,
// so every export below fails unless Go read exactly the bytes encodeTraces makes.

const IDLE_TIMEOUT_MILLIS = 150;

describe.skipIf(skipWithoutPeer('go'))("against Go's net/http (the Collector's HTTP stack)", () => {
  let dir: string;
  let receiver: ChildProcessWithoutNullStreams;
  let base: string;
  const diag = new DiagCapture();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otlpx-go-receiver-'));
    const binary = join(dir, 'receiver');
    const source = fileURLToPath(new URL('./support/go-receiver/main.go', import.meta.url));
    const build = spawnSync('go', ['build', '-o', binary, source], {
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'otlpx-go-cache') },
    });
    if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);
    receiver = spawn(binary, [String(IDLE_TIMEOUT_MILLIS)]);
    const port = await new Promise<string>((resolve, reject) => {
      receiver.stdout.once('data', (chunk: Buffer) => {
        const match = /PORT (\d+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
        else reject(new Error(`unexpected receiver output: ${chunk}`));
      });
      receiver.once('error', reject);
    });
    base = `http://127.0.0.1:${port}/v1/traces`;
  }, 200_000);

  afterAll(() => {
    receiver?.stdin.end();
    receiver?.kill();
    diag.uninstall();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One export of `spans` announcing the SHA-256 of `announced` (default: their own bytes). */
  async function exportTo(
    query: string,
    options: { compression: 'none' | 'gzip'; seed: number; announced?: Uint8Array },
    exporter?: OtlpTraceExporter,
  ) {
    const spans = makeHttpServerSpans({ count: 512, seed: options.seed });
    const sha = createHash('sha256')
      .update(options.announced ?? encodeTraces(spans))
      .digest('hex');
    const own = exporter === undefined;
    const e =
      exporter ??
      new OtlpTraceExporter({
        url: `${base}${query}`,
        compression: options.compression,
        headers: { 'x-expect-sha256': sha },
        retry: { maxAttempts: 4, initialBackoffMillis: 1, maxBackoffMillis: 5 },
      });
    const result = await new Promise<{ code: number; error?: Error }>((resolve) => e.export(spans, resolve));
    const stats = e.stats();
    if (own) await e.shutdown();
    return { result, stats };
  }

  it.each(['none', 'gzip'] as const)(
    'Go reads exactly the bytes encodeTraces makes (%s)',
    async (compression) => {
      for (let seed = 1; seed <= 3; seed++) {
        const { result } = await exportTo('', { compression, seed });
        expect(result).toEqual({ code: 0 });
      }
    },
  );

  it('fails when the bytes differ (the check above can fail)', async () => {
    const { result } = await exportTo('', {
      compression: 'gzip',
      seed: 1,
      announced: encodeTraces(makeHttpServerSpans({ count: 512, seed: 2 })),
    });
    expect(result.code).toBe(1);
    expect(result.error?.message).toMatch(/400: body differs/);
  });

  it('reads a partial success that Go sends chunked', async () => {
    diag.install();
    const { result, stats } = await exportTo('?chunked', { compression: 'gzip', seed: 4 });
    expect(result).toEqual({ code: 0 });
    expect(stats.itemsRejected).toBe(3);
    expect(diag.lines.join('\n')).toMatch(/rejected 3 spans: go says no/);
    diag.uninstall();
  });

  it('retries 503 with Retry-After: 0, then delivers', async () => {
    const { result, stats } = await exportTo('?busy=2', { compression: 'gzip', seed: 5 });
    expect(result).toEqual({ code: 0 });
    expect(stats.retries).toBe(2);
  });

  it('keeps delivering when Go closes connections ("Connection: close", idle timeout)', async () => {
    for (const query of ['?close', '']) {
      const exporter = new OtlpTraceExporter({ url: `${base}${query}`, compression: 'gzip' });
      for (let seed = 6; seed < 10; seed++) {
        // Longer than Go's idle timeout: the kept connection is closed under the client.
        await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MILLIS + 50));
        const spans = makeHttpServerSpans({ count: 64, seed });
        const result = await new Promise<{ code: number }>((resolve) => exporter.export(spans, resolve));
        expect(result).toEqual({ code: 0 });
      }
      expect(exporter.stats()).toMatchObject({ exportsSucceeded: 4, exportsFailed: 0 });
      await exporter.shutdown();
    }
  });
});
