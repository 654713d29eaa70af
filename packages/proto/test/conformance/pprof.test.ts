import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocDecode, protocEncode, skipWithoutPeer } from '@otlpx/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodePprof,
  encodePprof,
  type PprofProfile,
  pprofToProfiles,
  profilesToPprof,
} from '../../src/index.js';
import { pprofProfile } from '../profiles/profile-arbitraries.js';
import { makePprof } from '../profiles/profiles-fixtures.js';
import { canonical, referenceObject, referenceReencode } from './reference-shape.js';

// Our pprof bytes, read back by protobufjs over pprof's profile.proto, by protoc, and by
// `go tool pprof` (the reference reader: it validates ids, string indices and sample shapes).

describe('pprof conformance with protobufjs over profile.proto', () => {
  it('decodes to the same message, and re-encodes to the same bytes', () => {
    const profile = makePprof({ samples: 300, seed: 11 });
    const bytes = encodePprof(profile);
    expect(canonical(referenceObject('pprof', bytes), 'all')).toEqual(canonical(profile, 'all'));
    expect(referenceReencode('pprof', bytes)).toEqual(bytes);
  });

  it('holds for random builder-made profiles', () => {
    fc.assert(
      fc.property(pprofProfile, (profile) => {
        const bytes = encodePprof(profile);
        expect(canonical(referenceObject('pprof', bytes), 'all')).toEqual(canonical(profile, 'all'));
        expect(referenceReencode('pprof', bytes)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });
});

describe.skipIf(skipWithoutPeer('protoc'))('pprof conformance with protoc', () => {
  it('protoc --decode reads every field, and --encode of its text gives back our bytes', () => {
    const bytes = encodePprof(makePprof({ samples: 30, seed: 12 }));
    const text = protocDecode('pprof', bytes);
    expect(text).toContain('string_table: "handleRequest"');
    expect(text).toContain('period: 10000000');
    expect(text).not.toMatch(/^\d+: /m);
    expect(protocEncode('pprof', text)).toEqual(bytes);
  });

  it('decodes what protoc --encode writes for every field', () => {
    const text = `
      sample_type { type: 1 unit: 2 }
      sample { location_id: 1 location_id: 1 value: -5 label { key: 3 str: 4 } label { key: 3 num: -9223372036854775808 num_unit: 2 } }
      mapping { id: 1 memory_start: 1 memory_limit: 18446744073709551615 file_offset: 2 filename: 5 build_id: 4 has_functions: true has_filenames: true has_line_numbers: true has_inline_frames: true }
      location { id: 1 mapping_id: 1 address: 18446744073709551615 line { function_id: 1 line: 7 } is_folded: true }
      function { id: 1 name: 4 system_name: 4 filename: 5 start_line: 3 }
      string_table: "" string_table: "cpu" string_table: "nanoseconds" string_table: "k" string_table: "main" string_table: "app"
      drop_frames: 3 keep_frames: 4 time_nanos: 1764300000000000000 duration_nanos: 10
      period_type { type: 1 unit: 2 } period: 10000000 comment: 4 comment: 5 default_sample_type: 1`;
    const bytes = protocEncode('pprof', text);
    const p = decodePprof(bytes);
    expect(p.sample).toEqual([
      {
        locationId: [1, 1],
        value: [-5],
        label: [
          { key: 3, str: 4, num: 0n, numUnit: 0 },
          { key: 3, str: 0, num: -(2n ** 63n), numUnit: 2 },
        ],
      },
    ]);
    expect(p.mapping[0]).toEqual({
      id: 1,
      memoryStart: 1n,
      memoryLimit: 2n ** 64n - 1n,
      fileOffset: 2n,
      filename: 5,
      buildId: 4,
      hasFunctions: true,
      hasFilenames: true,
      hasLineNumbers: true,
      hasInlineFrames: true,
    });
    expect(p.location[0]).toEqual({
      id: 1,
      mappingId: 1,
      address: 2n ** 64n - 1n,
      line: [{ functionId: 1, line: 7, column: 0 }],
      isFolded: true,
    });
    expect(p.function[0]).toEqual({ id: 1, name: 4, systemName: 4, filename: 5, startLine: 3 });
    expect(p).toMatchObject({
      dropFrames: 3,
      keepFrames: 4,
      timeNanos: 1764300000000000000n,
      durationNanos: 10,
      periodType: { type: 1, unit: 2 },
      period: 10000000,
      comment: [4, 5],
      defaultSampleType: 1,
      docUrl: 0,
    });
    expect(encodePprof(p)).toEqual(bytes);
  });
});

/** Each go tool pprof run takes 0.1-3 s depending on load; a test runs up to 11 of them. */
const GO_TIMEOUT = 180_000;

describe.skipIf(skipWithoutPeer('go-pprof'))('go tool pprof reads what we write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-pprof-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  function goPprof(args: string[], bytes: Uint8Array): string {
    const file = join(dir, `p${n++}.pb.gz`);
    writeFileSync(file, bytes);
    const res = spawnSync('go', ['tool', 'pprof', ...args, file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: dir, PPROF_TMPDIR: dir },
    });
    if (res.status !== 0) throw new Error(`go tool pprof ${args.join(' ')} failed: ${res.stderr}`);
    return res.stdout;
  }

  /**
   * `-raw` output aggregated by (function names of the stack, string labels): go tool pprof
   * merges equal samples and renumbers locations, so only these sums are comparable.
   */
  function rawTotals(raw: string): Map<string, bigint[]> {
    const names = new Map<string, string>();
    const locSection = raw.slice(raw.indexOf('\nLocations'), raw.indexOf('\nMappings'));
    for (const line of locSection.split('\n')) {
      const m = /^\s+(\d+): 0x[0-9a-f]+ (?:M=\d+ )?(\S+)/.exec(line);
      if (m) names.set(m[1], m[2]);
    }
    const totals = new Map<string, bigint[]>();
    const body = raw.slice(raw.indexOf('Samples:'), raw.indexOf('\nLocations'));
    let pending: { values: bigint[]; stack: string; labels: string[] } | undefined;
    const flush = () => {
      if (pending) add(totals, `${pending.stack}|${pending.labels.sort().join(',')}`, pending.values);
    };
    for (const line of body.split('\n')) {
      const m = /^\s+([-\d ]+): ([\d ]*)$/.exec(line);
      if (m) {
        flush();
        const ids = m[2].trim() === '' ? [] : m[2].trim().split(/\s+/);
        pending = {
          values: m[1]
            .trim()
            .split(/\s+/)
            .map((v) => BigInt(v)),
          stack: ids.map((id) => names.get(id)).join(';'),
          labels: [],
        };
        continue;
      }
      const label = /^\s+(.+):\[([^\]]*)\]$/.exec(line);
      if (label && pending && !/^\d+ /.test(label[2])) pending.labels.push(`${label[1]}=${label[2]}`);
    }
    flush();
    return totals;
  }

  /** The same aggregation of our model. */
  function modelTotals(profile: PprofProfile): Map<string, bigint[]> {
    const s = profile.stringTable;
    const totals = new Map<string, bigint[]>();
    for (const x of profile.sample) {
      // go tool pprof drops samples without locations and samples whose values are all zero.
      if (x.locationId.length === 0 || x.value.every((v) => v === 0)) continue;
      const stack = x.locationId.map((id) => {
        const loc = profile.location.find((l) => l.id === id);
        return s[profile.function.find((f) => f.id === loc?.line[0]?.functionId)?.name ?? 0];
      });
      const labels = x.label.filter((l) => l.str !== 0).map((l) => `${s[l.key]}=${s[l.str]}`);
      add(
        totals,
        `${stack.join(';')}|${labels.sort().join(',')}`,
        x.value.map((v) => BigInt(v)),
      );
    }
    return totals;
  }

  /** Sums in bigint: go tool pprof adds int64 exactly, where JS numbers would round past 2^53. */
  function add(totals: Map<string, bigint[]>, key: string, values: bigint[]): void {
    const sum = totals.get(key);
    if (sum) for (let i = 0; i < values.length; i++) sum[i] += values[i];
    else totals.set(key, values.slice());
  }

  function check(profile: PprofProfile): void {
    const raw = goPprof(['-raw'], encodePprof(profile, { gzip: true }));
    const s = profile.stringTable;
    expect(raw).toContain(
      `PeriodType: ${s[profile.periodType?.type ?? 0]} ${s[profile.periodType?.unit ?? 0]}`,
    );
    expect(raw).toContain(`Period: ${profile.period}`);
    expect(raw).toContain(profile.sampleType.map((t) => `${s[t.type]}/${s[t.unit]}`).join(' '));
    expect(rawTotals(raw)).toEqual(modelTotals(profile));
    for (const loc of profile.location) {
      const fn = profile.function.find((f) => f.id === loc.line[0]?.functionId);
      if (fn) {
        const where = `${escapeRegExp(s[fn.name])} ${escapeRegExp(s[fn.filename])}:${loc.line[0].line} s=${fn.startLine}`;
        expect(raw).toMatch(new RegExp(`\\n\\s+\\d+: 0x${loc.address.toString(16)} .*${where}`));
      }
    }
  }

  it('-raw shows our sample types, period, samples, locations, functions and labels', {
    timeout: GO_TIMEOUT,
  }, () => {
    check(makePprof({ samples: 200, seed: 21 }));
  });

  it('-top totals the values we put in, per function', { timeout: GO_TIMEOUT }, () => {
    const profile = makePprof({ samples: 200, seed: 22 });
    const top = goPprof(['-top', '-sample_index=cpu', '-unit=ms'], encodePprof(profile, { gzip: true }));
    const totalNs = profile.sample.reduce((sum, x) => sum + x.value[1], 0);
    expect(top).toContain(`Total samples = ${totalNs / 1e6}ms`);
    // flat time of every leaf function adds up per function name
    const flat = new Map<string, number>();
    for (const x of profile.sample) {
      const loc = profile.location.find((l) => l.id === x.locationId[0]);
      const fn = profile.function.find((f) => f.id === loc?.line[0].functionId);
      const name = profile.stringTable[fn?.name ?? 0];
      flat.set(name, (flat.get(name) ?? 0) + x.value[1]);
    }
    for (const [name, ns] of flat)
      expect(top).toMatch(new RegExp(`^\\s+${ns / 1e6}ms .*\\s${escapeRegExp(name)}$`, 'm'));
  });

  it('reads a pprof converted to OTLP and back, with the same totals as the original', {
    timeout: GO_TIMEOUT,
  }, () => {
    const original = makePprof({ samples: 200, seed: 23 });
    const back = profilesToPprof(pprofToProfiles(original));
    const raw = goPprof(['-raw'], encodePprof(back, { gzip: true }));
    expect(rawTotals(raw)).toEqual(modelTotals(original));
  });

  it('reads random builder-made profiles', { timeout: GO_TIMEOUT }, () => {
    fc.assert(
      fc.property(pprofProfile, (profile) => {
        const raw = goPprof(['-raw'], encodePprof(profile, { gzip: true }));
        const sums = (totals: Map<string, bigint[]>) =>
          [...totals.values()].reduce(
            (acc, v) => acc.map((a, i) => a + v[i]),
            profile.sampleType.map(() => 0n),
          );
        expect(sums(rawTotals(raw))).toEqual(sums(modelTotals(profile)));
      }),
      // no shrinking: each step runs go tool pprof, and the first counterexample says enough
      { numRuns: 10, endOnFailure: true },
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
