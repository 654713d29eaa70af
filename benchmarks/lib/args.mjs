// Command-line options of benchmarks/run.mjs.

export const USAGE = `Usage: node benchmarks/run.mjs [options] [filter ...]   (or: pnpm bench [options] [filter ...])

Runs every benchmarks/<area>/<scenario>.bench.mjs, or those whose "<area>/<scenario>" matches a
filter (a regular expression; a plain scenario name works). Every case runs in a fresh node process.

  --quick            smoke pass for CI: small sizes, 2 rounds, short warm-up (results not for publishing)
  --rounds N         rounds per case (default 7, quick 2); cases alternate A B A B across rounds
  --sizes A,B        override the scenario's sizes
  --case REGEX       run only the cases whose id matches
  --update-readme    rewrite the scenario's table in benchmarks/README.md (full runs only)
  --from-results     rewrite the README tables from the saved full-run JSON in results/, run nothing
  --readme FILE      README to update instead of benchmarks/README.md
  --results-dir DIR  where the JSON goes (default benchmarks/results)
  --scenarios-root DIR  look for <area>/<scenario>.bench.mjs under DIR (default benchmarks/)
  --cpu-prof         pass --cpu-prof to each timed process (profiles land in <results-dir>/profiles)
  --list             list scenarios and their cases, run nothing
  --self-test        run the harness on its toy scenario and check the report (exit 1 if malformed)
  --help             this text`;

const FULL = { warmupMs: 1000, warmupMinCalls: 5, samples: 15, minSampleMs: 100 };
const QUICK = { warmupMs: 150, warmupMinCalls: 3, samples: 5, minSampleMs: 20 };

export function parseArgs(argv) {
  const o = {
    quick: false,
    rounds: null,
    sizes: null,
    caseFilter: null,
    updateReadme: false,
    fromResults: false,
    readme: null,
    resultsDir: null,
    scenariosRoot: null,
    cpuProf: false,
    list: false,
    selfTest: false,
    help: false,
    filters: [],
  };
  const value = (i, flag) => {
    if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--update-readme') o.updateReadme = true;
    else if (a === '--from-results') o.fromResults = true;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--list') o.list = true;
    else if (a === '--self-test') o.selfTest = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--rounds') {
      o.rounds = Number(value(i++, a));
      if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new Error('--rounds needs a positive integer');
    } else if (a === '--sizes') {
      o.sizes = value(i++, a).split(',').map(Number);
      if (!o.sizes.every((s) => Number.isInteger(s) && s > 0))
        throw new Error('--sizes needs positive integers');
    } else if (a === '--case') o.caseFilter = new RegExp(value(i++, a));
    else if (a === '--readme') o.readme = value(i++, a);
    else if (a === '--results-dir') o.resultsDir = value(i++, a);
    else if (a === '--scenarios-root') o.scenariosRoot = value(i++, a);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.filters.push(a);
  }
  o.mode = o.quick ? 'quick' : 'full';
  o.rounds ??= o.quick ? 2 : 7;
  o.settings = o.quick ? { ...QUICK } : { ...FULL };
  o.timeoutMs = o.quick ? 60_000 : 300_000;
  return o;
}

/** The command as typed, for the report ("pnpm bench ..." when run through the root script). */
export function commandLine(argv) {
  const viaScript = process.env.npm_lifecycle_event === 'bench';
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`));
  return [viaScript ? 'pnpm bench' : 'node benchmarks/run.mjs', ...quoted].join(' ');
}
