import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { OtlpxConfigError } from '../src/errors.js';
import { HttpTransport } from '../src/http-transport.js';
import { Spool } from '../src/spool.js';
import { DiagCapture } from './support/diag-capture.js';
import { reply, TestReceiver } from './support/receiver.js';

const diag = new DiagCapture();
let dir: string;
beforeEach(() => {
  diag.install();
  dir = mkdtempSync(join(tmpdir(), 'otlpx-spool-'));
});
afterEach(() => diag.uninstall());

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('Spool', () => {
  it('writes records durably and reads them back oldest first, per signal', async () => {
    const spool = new Spool({ directory: join(dir, 'nested') });
    expect(await spool.write('traces', 'http/protobuf', bytes('one'), 3)).toBe(true);
    expect(await spool.write('logs', 'http/json', bytes('{"x":1}'), 1)).toBe(true);
    expect(await spool.write('traces', 'http/protobuf', bytes('two'), 4)).toBe(true);
    const names = spool.list('traces');
    expect(names).toHaveLength(2);
    const records = names.map((n) => spool.read(n)!);
    expect(records.map((r) => Buffer.from(r.body).toString())).toEqual(['one', 'two']);
    expect(records.map((r) => r.items)).toEqual([3, 4]);
    const [log] = spool.list('logs').map((n) => spool.read(n)!);
    expect(log).toMatchObject({ signal: 'logs', protocol: 'http/json', items: 1 });
    expect(spool.bytes).toBe(3 * 20 + 3 + 7 + 3);
    spool.remove(names[0]);
    expect(spool.list('traces')).toEqual([names[1]]);
    expect(readdirSync(join(dir, 'nested')).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('deletes torn writes (.tmp) on start and counts existing records', async () => {
    const first = new Spool({ directory: dir });
    await first.write('traces', 'http/protobuf', bytes('kept'), 1);
    writeFileSync(join(dir, 'traces-000-torn.tmp'), 'half a rec');
    const second = new Spool({ directory: dir });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(second.bytes).toBe(first.bytes);
  });

  it('detects damaged records by length and checksum, reports and deletes them', async () => {
    const spool = new Spool({ directory: dir });
    for (const text of ['flip', 'trunc', 'magic', 'fine'])
      await spool.write('traces', 'http/protobuf', bytes(text), 1);
    const [flip, trunc, magic] = spool.list('traces');
    const damage = (name: string, edit: (b: Buffer) => Buffer) =>
      writeFileSync(join(dir, name), edit(readFileSync(join(dir, name))));
    damage(flip, (b) => {
      b[b.length - 1] ^= 0xff;
      return b;
    });
    damage(trunc, (b) => b.subarray(0, b.length - 2));
    damage(magic, (b) => {
      b[0] = 0;
      return b;
    });
    const read = spool.list('traces').map((n) => spool.read(n));
    expect(read.filter(Boolean).map((r) => Buffer.from(r!.body).toString())).toEqual(['fine']);
    const corrupt = diag.withCode('OTLPX_ERR_SPOOL_CORRUPT').join('\n');
    expect(corrupt).toMatch(/checksum mismatch/);
    expect(corrupt).toMatch(/length 3, header says 5/);
    expect(corrupt).toMatch(/not a spool record/);
    expect(spool.list('traces')).toHaveLength(1);
  });

  it('refuses a batch that does not fit in maxBytes', async () => {
    const spool = new Spool({ directory: dir, maxBytes: 1100 });
    expect(await spool.write('traces', 'http/protobuf', new Uint8Array(1000), 1)).toBe(true);
    expect(await spool.write('traces', 'http/protobuf', new Uint8Array(100), 1)).toBe(false);
    expect(diag.withCode('OTLPX_ERR_SPOOL_IO')).toHaveLength(1);
  });

  it('reports a directory it cannot write', async () => {
    const spool = new Spool({ directory: dir });
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true });
    expect(await spool.write('traces', 'http/protobuf', bytes('x'), 1)).toBe(false);
    expect(diag.withCode('OTLPX_ERR_SPOOL_IO')[0]).toMatch(/cannot write/);
    expect(spool.bytes).toBe(0);
  });

  it('validates durable options', () => {
    expect(() => resolveConfig('traces', { durable: { directory: '' } }, {})).toThrow(OtlpxConfigError);
    expect(() => resolveConfig('traces', { durable: { directory: dir, maxBytes: 10 } }, {})).toThrow(
      OtlpxConfigError,
    );
    expect(() =>
      resolveConfig('traces', { durable: { directory: dir, replayIntervalMillis: -1 } }, {}),
    ).toThrow(OtlpxConfigError);
  });
});

describe('durable mode', () => {
  let receiver: TestReceiver;
  beforeEach(async () => {
    receiver = await TestReceiver.start();
  });
  afterEach(async () => receiver.close());

  const make = (replayIntervalMillis = 20, options = {}) =>
    new HttpTransport(
      resolveConfig(
        'traces',
        { url: receiver.url(), retry: false, durable: { directory: dir, replayIntervalMillis }, ...options },
        {},
      ),
    );

  it('spools a batch the receiver refuses with a retryable status, then re-sends it', async () => {
    receiver.respond(reply(503), reply(503));
    const t = make();
    expect(await t.send(bytes('batch-a'), 5)).toBeUndefined();
    expect(t.stats).toMatchObject({ itemsSpooled: 5, exportsFailed: 0 });
    expect(diag.withCode('OTLPX_ERR_EXPORT_HTTP')[0]).toMatch(/5 items spooled/);
    await receiver.waitFor(3); // the refused send, one refused replay, the delivered replay
    await t.idle();
    await until(() => t.stats.itemsReplayed === 5);
    expect(receiver.requests.map((r) => r.body.toString())).toEqual(['batch-a', 'batch-a', 'batch-a']);
    expect(readdirSync(dir)).toEqual([]);
    await t.shutdown();
  });

  it('does not spool a batch the receiver rejects for good (400)', async () => {
    receiver.respond(reply(400));
    const t = make();
    expect(await t.send(bytes('bad'), 1)).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', statusCode: 400 });
    expect(readdirSync(dir)).toEqual([]);
    await t.shutdown();
  });

  it('re-sends what an earlier process spooled, at start, and drops records the receiver refuses', async () => {
    const port = receiver.port;
    await receiver.close();
    const before = new HttpTransport(
      resolveConfig(
        'traces',
        {
          url: `http://127.0.0.1:${port}/v1/traces`,
          retry: false,
          durable: { directory: dir, replayIntervalMillis: 3_600_000 },
        },
        {},
      ),
    );
    expect(await before.send(bytes('first'), 1)).toBeUndefined();
    expect(await before.send(bytes('second'), 1)).toBeUndefined();
    await before.shutdown();
    expect(readdirSync(dir)).toHaveLength(2);

    receiver = await TestReceiver.start();
    receiver.respond(reply(200), reply(400));
    const after = make(3_600_000);
    await receiver.waitFor(2);
    await until(() => readdirSync(dir).length === 0);
    expect(receiver.requests.map((r) => r.body.toString())).toEqual(['first', 'second']);
    expect(after.stats).toMatchObject({ itemsReplayed: 1, itemsFailed: 1 });
    await after.shutdown();
  });

  it('kill -9 while spooling loses no acknowledged batch', async () => {
    receiver.otherwise(reply(503));
    const script = join(dir, '..', `spool-child-${process.pid}.mjs`);
    await build({
      entryPoints: [new URL('./support/spool-child.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['otlpx-source'],
      outfile: script,
      logLevel: 'silent',
    });
    const spoolDir = join(dir, 'spool');
    const child = spawn(process.execPath, [script, spoolDir, receiver.url()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: number[] = [];
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const lines = out.split('\n');
        out = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^ACK (\d+)$/.exec(line);
          if (m) acked.push(Number(m[1]));
        }
        if (acked.length >= 25 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(25);

    const live = await TestReceiver.start();
    const t = new HttpTransport(
      resolveConfig(
        'traces',
        { url: live.url(), durable: { directory: spoolDir, replayIntervalMillis: 10 } },
        {},
      ),
    );
    await until(() => new Spool({ directory: spoolDir }).list('traces').length === 0);
    const delivered = new Set(live.requests.map((r) => Number(r.body.subarray(6, 12).toString())));
    for (const n of acked) expect(delivered.has(n)).toBe(true);
    expect(diag.withCode('OTLPX_ERR_SPOOL_CORRUPT')).toEqual([]);
    expect(existsSync(spoolDir)).toBe(true);
    await t.shutdown();
    await live.close();
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
