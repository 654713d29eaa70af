import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { oneLine, runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { packageDir } from './shared-data.js';

describe('README', () => {
  it('shows the namespace table the registry gives', () => {
    const res = spawnSync(process.execPath, ['scripts/namespace-table.mjs'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const table = /<!-- NAMESPACES-START -->\n([\s\S]*?)\n<!-- NAMESPACES-END -->/.exec(readme)?.[1];
    // Compare cells, not spacing: the formatter aligns Markdown tables.
    const cells = (text: string) =>
      text
        .trim()
        .split('\n')
        .filter((line) => !/^\|[\s:|-]+\|$/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(cells(table ?? '')).toEqual(cells(res.stdout));
    expect(res.stdout).toContain('| **940** | **121** | **206** | **171** |');
  });
});

describe('README example', () => {
  it('prints what the README says', async () => {
    const { httpClientSpan } = await import('../src/index.js');
    const attrs = httpClientSpan()
      .method('get')
      .url('https://user:pw@api.example.com/items?sig=s3cr3t')
      .statusCode(200)
      .build();
    expect(attrs).toEqual({
      'http.request.method': '_OTHER',
      'http.request.method_original': 'get',
      'url.full': 'https://REDACTED:REDACTED@api.example.com/items?sig=REDACTED',
      'url.scheme': 'https',
      'server.address': 'api.example.com',
      'server.port': 443,
      'http.response.status_code': 200,
    });
    expect(Object.keys(attrs)[1]).toBe('http.request.method_original');
    expect(() => httpClientSpan().statusCode(500).build()).toThrow(
      "span.http.client requires attributes 'http.request.method', 'server.address', 'server.port', 'url.full': set them before build()",
    );
  });
});

describe('README example, run as a script', () => {
  it('prints the attributes and then fails with the error the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'Example');
    // The comments after `console.log(attrs)` are what it prints; the last ones are the error of
    // the final statement, which ends the script.
    const comments = (from: string, to: string) =>
      oneLine(
        run.code
          .slice(run.code.indexOf(from), run.code.indexOf(to))
          .split('\n')
          .filter((line) => line.startsWith('//'))
          .map((line) => line.slice(2))
          .join(' '),
      );
    expect(oneLine(run.stdout)).toBe(comments('console.log(attrs);', 'httpClientSpan().statusCode(500)'));
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toContain(oneLine(run.expected.join(' ')));
  });
});
