import { type ParseArgsConfig, parseArgs } from 'node:util';
import { runDemo } from './commands/demo.js';
import { runProfile } from './commands/profile.js';

const HELP = `otlpx: OpenTelemetry for Node.js, complete and fast

Usage: otlpx <command> [options]

Commands:
  demo        Run a traced and profiled HTTP service that exports OTLP to a local
              receiver, and show what the receiver decoded.
  profile     Run a Node program under the CPU profiler; write pprof (and a flame
              graph) when it exits and print its hottest functions.

Options:
  -h, --help  Show this help.

demo options:
  --requests <n>   HTTP requests the demo service answers (default 300)
  --json           Also print one exported span as OTLP/JSON

profile options: otlpx profile [options] [--] <program.js> [program args]
  --hz <n>             Sampling frequency, 1-10000 (default 100)
  --out <file>         pprof output, gzipped (default cpu-profile.pb.gz)
  --html <file>        Also write a self-contained flame graph
  --node-option <opt>  A Node option for the program (repeatable), e.g. --enable-source-maps
  Exit code: the program's.
`;

type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, Command> = { demo: demoCommand, profile: profileCommand };

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    out.write(HELP);
    return command === undefined ? 1 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    out.write(`otlpx: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  return run(rest, out);
}

/** parseArgs with the usage error printed; undefined when the arguments are wrong. */
function parse<T extends ParseArgsConfig>(
  command: string,
  config: T,
  out: NodeJS.WritableStream,
): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (err) {
    out.write(`otlpx ${command}: ${(err as Error).message}\n\n${HELP}`);
    return undefined;
  }
}

/** A whole number in [min, max], else a usage message and undefined. */
function wholeNumber(
  command: string,
  flag: string,
  text: string,
  [min, max]: [number, number],
  out: NodeJS.WritableStream,
): number | undefined {
  const n = Number(text);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  out.write(`otlpx ${command}: ${flag} must be a whole number from ${min} to ${max}, got "${text}"\n`);
  return undefined;
}

async function demoCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const parsed = parse(
    'demo',
    {
      args,
      options: { requests: { type: 'string', default: '300' }, json: { type: 'boolean', default: false } },
      strict: true,
    },
    out,
  );
  if (parsed === undefined) return 2;
  const requests = wholeNumber('demo', '--requests', parsed.values.requests as string, [1, 1_000_000], out);
  if (requests === undefined) return 2;
  const result = await runDemo({ requests, showJson: parsed.values.json === true, out });
  return result.spansReceived === result.spansSent && result.byteExact && result.profileViolations === 0
    ? 0
    : 1;
}

async function profileCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  // Options before the program only: everything from the program name on belongs to it.
  const at = args.findIndex((a, i) => a === '--' || (!a.startsWith('-') && !isOptionValue(args, i)));
  const own = at < 0 ? args : args.slice(0, at);
  const program = at < 0 ? [] : args.slice(args[at] === '--' ? at + 1 : at);
  const parsed = parse(
    'profile',
    {
      args: own,
      options: {
        hz: { type: 'string', default: '100' },
        out: { type: 'string', default: 'cpu-profile.pb.gz' },
        html: { type: 'string' },
        'node-option': { type: 'string', multiple: true },
      },
      strict: true,
    },
    out,
  );
  if (parsed === undefined) return 2;
  if (program.length === 0) {
    out.write(`otlpx profile: which program? e.g. otlpx profile -- server.js\n\n${HELP}`);
    return 2;
  }
  const hz = wholeNumber('profile', '--hz', parsed.values.hz as string, [1, 10_000], out);
  if (hz === undefined) return 2;
  const result = await runProfile({
    program,
    hz,
    out: parsed.values.out as string,
    html: parsed.values.html as string | undefined,
    nodeOptions: parsed.values['node-option'] as string[] | undefined,
    stdout: out,
  });
  return result.exitCode;
}

const VALUE_OPTIONS = new Set(['--hz', '--out', '--html', '--node-option']);

/** Whether args[i] is the value of the option before it (`--hz 250`). */
function isOptionValue(args: string[], i: number): boolean {
  return i > 0 && VALUE_OPTIONS.has(args[i - 1]);
}
