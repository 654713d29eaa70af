// Renders a scenario report: a plain-text table for the console and a markdown table for the README.

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const fmtInt = (n) => int.format(n);
const fmtNs = (n) => (n >= 100 ? int.format(n) : one.format(n));
const fmtRatio = (n) => `${n.toFixed(2)}x`;

function label(report, id) {
  return report.cases.find((c) => c.id === id)?.label ?? id;
}

/** Rows of cells for one report: the same content in the console and in markdown. */
function rows(report) {
  const unit = report.unit;
  const header = [
    `${unit}s`,
    'case',
    `${unit}s/s (CPU)`,
    `ns/${unit} (CPU) median [p25-p75]`,
    `${unit}s/s (wall)`,
    `bytes/${unit}`,
    'ratio (CPU) [paired p25-p75] or why no figures',
  ];
  const body = report.results.map((r) => {
    const name = label(report, r.case);
    if (r.status !== 'ok') {
      const what =
        r.status === 'unavailable'
          ? 'not available'
          : r.status === 'verify-failed'
            ? 'REFUSED (verification failed)'
            : 'ERROR';
      return [fmtInt(r.size), name, '-', '-', '-', '-', `${what}: ${oneLine(r.reason)}`];
    }
    const s = r.size;
    const ratio = r.ratio
      ? r.ratio.vs === r.case
        ? 'baseline'
        : `${fmtRatio(r.ratio.cpu)} vs ${r.ratio.vs} [${fmtRatio(r.ratio.pairedCpu.p25)}-${fmtRatio(r.ratio.pairedCpu.p75)}]`
      : '';
    return [
      fmtInt(s),
      name + (r.verification.reusesBuffer ? ' (reuses its output buffer)' : ''),
      fmtInt(r.itemsPerSecond.cpu),
      `${fmtNs(r.perItem.cpuNs)} [${fmtNs(r.cpu.p25 / s)}-${fmtNs(r.cpu.p75 / s)}]`,
      fmtInt(r.itemsPerSecond.wall),
      one.format(r.verification.bytesPerItem),
      ratio,
    ];
  });
  return { header, body };
}

function oneLine(text) {
  const line = String(text ?? '').split('\n')[0];
  return line.length > 160 ? `${line.slice(0, 160)}...` : line;
}

/** One line of context: where and how the numbers were measured. */
export function contextLine(report) {
  const e = report.env;
  const dirty = e.gitDirty?.length ? ` (uncommitted changes in ${e.gitDirty.join(', ')})` : '';
  const commit = e.gitCommit ? `commit ${e.gitCommit}${dirty}` : 'no git';
  return (
    `Node ${e.node} (V8 ${e.v8}), ${e.cpuModel} x ${e.cpus}, ${e.platform}; ` +
    `load average (1 min) ${e.load1Start} at start, ${e.load1End} at end; ` +
    `${report.settings.rounds} rounds x ${report.settings.samples} samples per case, ${report.mode} mode; ` +
    `${commit}; ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`
  );
}

export function packagesLine(report) {
  const versions = Object.entries(report.env.packages).map(
    ([name, v]) => `${name} ${v ?? '(not installed)'}`,
  );
  const builds = Object.entries(report.env.distBuiltAt ?? {}).map(
    ([dir, at]) => `${dir}/dist ${at ? `built ${at.slice(0, 16).replace('T', ' ')} UTC` : 'missing'}`,
  );
  return [...versions, ...builds].join(', ');
}

export function consoleTable(report) {
  const { header, body } = rows(report);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const left = new Set([1, 6]);
  const pad = (c, i) => (left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  return [header, ...body].map((cells) => cells.map(pad).join('  ').trimEnd()).join('\n');
}

/** A markdown table laid out the way the repository's formatter (Biome) lays it out. */
export function markdownTable(report) {
  const { header, body } = rows(report);
  const table = [header, ...body].map((r) => r.map((c) => c.replaceAll('|', '\\|')));
  const left = new Set([1, 6]);
  const widths = header.map((_, i) => Math.max(3, ...table.map((r) => r[i].length)));
  const cell = (c, i) => (left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  const align = widths.map((w, i) => (left.has(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(table[0].map(cell)), line(align), ...table.slice(1).map((r) => line(r.map(cell)))].join('\n');
}

/** The block that goes between the README markers. */
export function readmeBlock(report) {
  return [
    `**${report.title}**`,
    '',
    markdownTable(report),
    '',
    `Command: \`${report.command}\``,
    '',
    `${contextLine(report)}.`,
    '',
    `Packages: ${packagesLine(report)}.`,
  ].join('\n');
}
