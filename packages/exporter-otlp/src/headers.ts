/**
 * OTEL_EXPORTER_OTLP_*HEADERS parsing: a comma-separated W3C-baggage-style list `key=value`,
 * keys and values percent-decoded and trimmed, no `;` properties (the spec excludes them).
 * A bad entry is reported through `diag` and skipped; the others still apply.
 */
import { report } from './errors.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Whether `value` is a valid HTTP header name (an RFC 9110 token). */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Whether `value` can be sent as an HTTP header value (no CR, LF or other controls). */
export function isHeaderValue(value: string): boolean {
  return !CONTROL.test(value);
}

/** Parses a headers variable into lower-cased names -> values. `source` names the variable. */
export function parseHeaders(value: string | undefined, source: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined) return out;
  for (const entry of value.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      skip(source, entry, 'expected key=value');
      continue;
    }
    let key: string;
    let val: string;
    try {
      key = decodeURIComponent(entry.slice(0, eq).trim());
      val = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      skip(source, entry, 'invalid percent-encoding');
      continue;
    }
    if (!isToken(key)) {
      skip(source, entry, 'the key is not a valid HTTP header name');
      continue;
    }
    if (!isHeaderValue(val)) {
      skip(source, entry, 'the value contains control characters');
      continue;
    }
    out[key.toLowerCase()] = val;
  }
  return out;
}

function skip(source: string, entry: string, why: string): void {
  // The value may be a secret (Authorization): show only the part before '='.
  const key = entry.split('=')[0].trim();
  report('warn', 'OTLPX_ERR_CONFIG_INVALID', `${source}: entry "${key}" skipped: ${why}`);
}
