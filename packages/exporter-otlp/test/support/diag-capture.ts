import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

/** Collects what the code under test reports through `diag`, as `level: message` lines. */
export class DiagCapture {
  readonly lines: string[] = [];

  install(): this {
    this.clear();
    const push = (level: string) => (message: string) => {
      // The API's own registration chatter is not what the code under test reported.
      if (!message.startsWith('@opentelemetry/api:')) this.lines.push(`${level}: ${message}`);
    };
    const logger: DiagLogger = {
      error: push('error'),
      warn: push('warn'),
      info: push('info'),
      debug: push('debug'),
      verbose: push('verbose'),
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true });
    return this;
  }

  uninstall(): void {
    diag.disable();
  }

  clear(): void {
    this.lines.length = 0;
  }

  /** Lines that carry `code`. */
  withCode(code: string): string[] {
    return this.lines.filter((line) => line.includes(`[${code}]`));
  }
}
