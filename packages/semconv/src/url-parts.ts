import { OtlpxInvalidArgError } from './errors.js';

/** The URL attributes the conventions split a request URL into. */
export interface UrlParts {
  /** `url.full`, credentials and signed query values redacted. */
  full: string;
  /** `url.scheme`, without `:`. */
  scheme: string;
  /** `url.path`. */
  path: string;
  /** `url.query` without `?`, signed values redacted; absent when the URL has none. */
  query?: string;
  /** `url.fragment` without `#`; absent when the URL has none. */
  fragment?: string;
  /** `server.address`: host name or IP (IPv6 without brackets). */
  address: string;
  /** `server.port`: explicit, else the scheme's default; absent for unknown schemes. */
  port?: number;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

/**
 * Query keys whose values the conventions say to redact by default in `url.full` and
 * `url.query` (signed URLs carry credentials there).
 */
export const REDACTED_QUERY_KEYS: readonly string[] = [
  'AWSAccessKeyId',
  'Signature',
  'sig',
  'X-Goog-Signature',
];

export const REDACTED = 'REDACTED';

function redactQuery(search: string, keys: readonly string[]): string {
  if (search === '') return '';
  const parts = search.split('&');
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf('=');
    const key = eq === -1 ? parts[i] : parts[i].slice(0, eq);
    if (eq !== -1 && keys.includes(key)) parts[i] = `${key}=${REDACTED}`;
  }
  return parts.join('&');
}

/**
 * Splits a URL into the `url.*` and `server.*` attributes. `url.full` never carries
 * credentials: `https://user:pw@host/` becomes `https://REDACTED:REDACTED@host/`.
 */
export function splitUrl(input: URL | string, redactKeys: readonly string[] = REDACTED_QUERY_KEYS): UrlParts {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch (cause) {
    throw new OtlpxInvalidArgError('url', `not an absolute URL: ${JSON.stringify(String(input))}`, { cause });
  }
  const scheme = url.protocol.slice(0, -1);
  const query = redactQuery(url.search.slice(1), redactKeys);
  const fragment = url.hash.slice(1);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port !== '' ? Number(url.port) : DEFAULT_PORTS[scheme];
  const auth = url.username !== '' || url.password !== '' ? `${REDACTED}:${REDACTED}@` : '';
  const full = `${url.protocol}${url.host !== '' || auth ? '//' : ''}${auth}${url.host}${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
  const parts: UrlParts = { full, scheme, path: url.pathname, address: host };
  if (query !== '') parts.query = query;
  if (fragment !== '') parts.fragment = fragment;
  if (port !== undefined) parts.port = port;
  return parts;
}
