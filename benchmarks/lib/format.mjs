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
    'ratio (CPU) [paired p25-p75]',
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
      return [fmtInt(r.size), name, `${what}: ${oneLine(r.reason)}`, '', '', '', ''];
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
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** One line of context: where and how the numbers were measured. */
export function contextLine(report) {
  const e = report.env;
  const commit = e.gitCommit
    ? `commit ${e.gitCommit}${e.gitDirty ? ' (uncommitted changes)' : ''}`
    : 'no git';
  return (
    `Node ${e.node} (V8 ${e.v8}), ${e.cpuModel} x ${e.cpus}, ${e.platform}; ` +
    `load average (1 min) ${e.load1Start} at start, ${e.load1End} at end; ` +
    `${report.settings.rounds} rounds x ${report.settings.samples} samples per case, ${report.mode} mode; ` +
    `${commit}; ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`
  );
}

export function packagesLine(report) {
  return Object.entries(report.env.packages)
    .map(([name, v]) => `${name} ${v ?? '(not installed)'}`)
    .join(', ');
}

export function consoleTable(report) {
  const { header, body } = rows(report);
  // Rows without figures (not available, refused, error) carry one message from column 2 on.
  const measured = body.filter((r) => r[3] !== '');
  const widths = header.map((h, i) =>
    Math.max(h.length, ...(i < 2 ? body : measured).map((r) => r[i].length)),
  );
  const right = new Set([0, 2, 3, 4, 5]);
  const pad = (c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  const line = (cells) =>
    (cells[3] === '' ? [pad(cells[0], 0), pad(cells[1], 1), cells[2]] : cells.map(pad)).join('  ').trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}

export function markdownTable(report) {
  const { header, body } = rows(report);
  const esc = (c) => c.replaceAll('|', '\\|');
  const align = header.map((_, i) => (i === 1 || i === 6 ? '---' : '---:'));
  return [header, align, ...body].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
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
