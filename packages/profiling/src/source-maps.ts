import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameMapper } from './frame-table.js';
import type { Frame } from './profile.js';

/**
 * Source-map lookup for profile frames, with Node's own parser (`node:module` SourceMap): a script
 * with a `//# sourceMappingURL=` comment (a file beside it or an inline data: URL) gets its frames
 * mapped to the original file, line and column, so TypeScript shows up. A missing or broken map
 * never fails a profile: the frame stays as generated and `sourceMapStats().broken` counts it.
 * Maps are parsed once per script and cached (at most 1,000 scripts).
 */

const MAX_SCRIPT_BYTES = 64 * 1024 * 1024;
const MAX_CACHED = 1000;
const TAIL_BYTES = 4 * 4096;
const cache = new Map<string, SourceMap | null>();
const stats = { mapped: 0, broken: 0 };
const URL_PATTERN = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;

export function sourceMapStats(): { mapped: number; broken: number; cached: number } {
  return { ...stats, cached: cache.size };
}

/** Forgets cached maps (e.g. after scripts were rebuilt). */
export function clearSourceMapCache(): void {
  cache.clear();
}

function load(file: string): SourceMap | null {
  if (cache.has(file)) return cache.get(file) as SourceMap | null;
  let map: SourceMap | null = null;
  try {
    map = read(file);
  } catch {
    stats.broken++;
    map = null;
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(file, map);
  return map;
}

/** The last 4,096 characters of a script (read from its last 16 KiB: the comment is at the end). */
function tailOf(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SCRIPT_BYTES) return null;
    const length = Math.min(size, TAIL_BYTES);
    const bytes = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, size - length + got);
      if (n === 0) break;
      got += n;
    }
    const text = bytes.toString('utf8', 0, got);
    return text.slice(Math.max(0, text.length - 4096));
  } finally {
    closeSync(fd);
  }
}

function read(file: string): SourceMap | null {
  if (!isAbsolute(file)) return null;
  const tail = tailOf(file)?.trimEnd();
  if (!tail) return null;
  const match = URL_PATTERN.exec(tail);
  if (!match) return null;
  const url = match[1];
  let json: string;
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const body = url.slice(comma + 1);
    json = url.slice(0, comma).endsWith(';base64')
      ? Buffer.from(body, 'base64').toString('utf8')
      : decodeURIComponent(body);
  } else {
    const path = url.startsWith('file:') ? fileURLToPath(url) : resolve(dirname(file), url);
    json = readFileSync(path, 'utf8');
  }
  const payload = JSON.parse(json) as SourceMapPayload;
  if (!payload || typeof payload !== 'object' || typeof payload.mappings !== 'string') {
    throw new Error('not a source map');
  }
  return new SourceMap(payload);
}

function mapFrame(frame: Frame): Frame {
  if (frame.line === 0) return frame;
  const map = load(frame.file);
  if (!map) return frame;
  let entry: Entry;
  try {
    entry = find(map, frame.line - 1, frame.column - 1);
  } catch {
    stats.broken++;
    return frame;
  }
  if (!entry || typeof entry.originalSource !== 'string' || typeof entry.originalLine !== 'number')
    return frame;
  stats.mapped++;
  let file = entry.originalSource;
  if (file.startsWith('file:')) file = fileURLToPath(file);
  else if (!isAbsolute(file) && !/^[a-z]+:/i.test(file)) file = resolve(dirname(frame.file), file);
  return {
    function: frame.function,
    file,
    line: entry.originalLine + 1,
    column: (entry.originalColumn ?? 0) + 1,
  };
}

type Entry = {
  generatedLine?: number;
  originalSource?: string;
  originalLine?: number;
  originalColumn?: number;
};

/**
 * The mapping at a 0-based generated position. Column -1 (unknown, a sampled line) takes the
 * first mapping on that line: findEntry(line, 0) falls back to the previous line when the line's
 * first mapping is indented, and then the line's last mapping is the closest one on that line.
 */
function find(map: SourceMap, line: number, column: number): Entry {
  const entry = map.findEntry(line, Math.max(0, column)) as Entry;
  if (column >= 0 || !entry || entry.generatedLine === line) return entry;
  return map.findEntry(line, 0x7fffffff) as Entry;
}

/** Scripts (paths) among `files` whose source map has not been looked up yet. */
export function unlookedScripts(files: Iterable<string>): string[] {
  const out: string[] = [];
  for (const file of files) if (isAbsolute(file) && !cache.has(file)) out.push(file);
  return out;
}

/** Looks up (and caches) one script's source map now; never throws. */
export function preloadSourceMap(file: string): void {
  load(file);
}

/** The frame mapper profilers use when `sourceMaps` is on. */
export function sourceMapper(): FrameMapper {
  return mapFrame;
}
