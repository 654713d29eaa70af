import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipWithoutPeer } from '@otlpx/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type Profile, renderFlameGraph } from '../src/index.js';

function fixture(): Profile {
  // main -> handleA -> burnA (span "GET /a"), main -> handleB -> burnB (span "GET /b"), main -> idleWork (no span)
  const frames = ['main', 'handleA', 'burnA', 'handleB', 'burnB', 'idleWork</script><b>x'].map((f, i) => ({
    function: f,
    file: '/app/server.js',
    line: i + 1,
    column: 1,
  }));
  return {
    kind: 'cpu',
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    durationNanos: 1e9,
    frames,
    stacks: [Int32Array.from([2, 1, 0]), Int32Array.from([4, 3, 0]), Int32Array.from([5, 0])],
    samples: {
      count: 4,
      stack: Int32Array.from([0, 0, 1, 2]),
      values: [Float64Array.from([1, 1, 1, 1]), Float64Array.from([10, 10, 30, 5])],
      timeOffsetNanos: Float64Array.from([0, 1, 2, 3]),
      span: Int32Array.from([0, 0, 1, -1]),
    },
    spans: [
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00000000000000a1', name: 'GET /a' },
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00000000000000b2', name: 'GET /b' },
    ],
    attributes: {},
    dropped: { samples: 0, links: 0, stacks: 0 },
  };
}

describe('renderFlameGraph', () => {
  it('is one self-contained page with escaped data', () => {
    const html = renderFlameGraph(fixture(), { title: 'demo <1>' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    expect(html).toContain('demo &#60;1&#62;');
    // the frame name with </script> is escaped inside the JSON
    expect(html.match(/<\/script>/g)?.length).toBe(2);
    expect(html).toContain('\\u003c/script>');
  });
});

describe.skipIf(skipWithoutPeer('chromium'))('renderFlameGraph in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-flame-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'flame.html');
  writeFileSync(file, renderFlameGraph(fixture()));

  function dumpDom(hash: string): string {
    const res = spawnSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--dump-dom',
        `file://${file}${hash}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(res.status, res.stderr).toBe(0);
    return res.stdout;
  }

  const framesIn = (dom: string) => [...dom.matchAll(/class="frame" data-name="([^"]*)"/g)].map((m) => m[1]);

  it('renders every frame, widest first, with the totals', () => {
    const dom = dumpDom('');
    const frames = framesIn(dom);
    expect(frames).toEqual([
      'main',
      'handleB',
      'burnB',
      'handleA',
      'burnA',
      'idleWork&lt;/script&gt;&lt;b&gt;x',
    ]);
    expect(dom).toContain('55 cpu (nanoseconds)');
    expect(dom).toMatch(/data-name="main"[^>]*style="left: 0%; width: 100%; top: 0px;/);
    expect(dom).toContain('<option value="=GET /a">GET /a</option>');
  });

  it('filters by span name', () => {
    expect(framesIn(dumpDom('#span=GET%20%2Fa'))).toEqual(['main', 'handleA', 'burnA']);
    expect(framesIn(dumpDom('#span=GET%20%2Fb'))).toEqual(['main', 'handleB', 'burnB']);
    expect(framesIn(dumpDom('#span=-'))).toEqual(['main', 'idleWork&lt;/script&gt;&lt;b&gt;x']);
  });
});
