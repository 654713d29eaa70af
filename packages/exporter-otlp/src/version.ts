import { createRequire } from 'node:module';

/**
 * This package's version (User-Agent, self metrics' meter); 'unknown' where package.json is not
 * beside the code (bundled).
 */
export const VERSION = packageVersion();

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
