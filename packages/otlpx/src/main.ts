import { parseArgs } from 'node:util';
import { runDemo } from './commands/demo.js';

const HELP = `otlpx: OpenTelemetry for Node.js, complete and fast

Usage: otlpx <command> [options]

Commands:
  demo        Run a traced and profiled HTTP service that exports OTLP to a local
              receiver, and show what the receiver decoded.

Options:
  -h, --help  Show this help.

demo options:
  --requests <n>   HTTP requests the demo service answers (default 300)
  --json           Also print one exported span as OTLP/JSON
`;

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    out.write(HELP);
    return command === undefined ? 1 : 0;
  }
  if (command === 'demo') {
    let values: { requests?: string; json?: boolean };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { requests: { type: 'string', default: '300' }, json: { type: 'boolean', default: false } },
        strict: true,
      }));
    } catch (err) {
      out.write(`otlpx demo: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    const requests = Number(values.requests);
    if (!Number.isInteger(requests) || requests < 1 || requests > 1_000_000) {
      out.write(
        `otlpx demo: --requests must be a whole number from 1 to 1000000, got "${values.requests}"\n`,
      );
      return 2;
    }
    const result = await runDemo({ requests, showJson: values.json ?? false, out });
    return result.spansReceived === result.spansSent && result.byteExact && result.profileViolations === 0
      ? 0
      : 1;
  }
  out.write(`otlpx: unknown command "${command}"\n\n${HELP}`);
  return 2;
}
