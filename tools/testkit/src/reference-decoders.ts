import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { otlpProtoDir, pprofProtoDir } from './shared-data.js';

/** Request messages of the OTLP services and pprof, by short name. */
export const MESSAGE_TYPES = {
  traces: {
    type: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
    file: 'opentelemetry/proto/collector/trace/v1/trace_service.proto',
  },
  metrics: {
    type: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
    file: 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
  },
  logs: {
    type: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
    file: 'opentelemetry/proto/collector/logs/v1/logs_service.proto',
  },
  profiles: {
    type: 'opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest',
    file: 'opentelemetry/proto/collector/profiles/v1development/profiles_service.proto',
  },
  pprof: { type: 'perftools.profiles.Profile', file: 'profile.proto' },
} as const;
export type MessageKind = keyof typeof MESSAGE_TYPES;

let otlpRoot: protobuf.Root | undefined;
let pprofRoot: protobuf.Root | undefined;

function rootFor(kind: MessageKind): protobuf.Root {
  if (kind === 'pprof') {
    pprofRoot ??= new protobuf.Root().loadSync(join(pprofProtoDir, 'profile.proto'), { keepCase: false });
    return pprofRoot;
  }
  if (!otlpRoot) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(otlpProtoDir, target));
    root.loadSync(
      Object.values(MESSAGE_TYPES)
        .filter((m) => m.type.startsWith('opentelemetry'))
        .map((m) => m.file),
      {
        keepCase: false,
      },
    );
    otlpRoot = root;
  }
  return otlpRoot;
}

/** The protobufjs type of a message, from the official .proto files. */
export function referenceType(kind: MessageKind): protobuf.Type {
  return rootFor(kind).lookupType(MESSAGE_TYPES[kind].type);
}

/**
 * Decodes bytes with protobufjs over the official .proto files into a plain object that two
 * encodings of the same data compare equal on: 64-bit integers as decimal strings, bytes as
 * hex, defaults filled in, enums as numbers.
 */
export function referenceDecode(kind: MessageKind, bytes: Uint8Array): Record<string, unknown> {
  const type = referenceType(kind);
  const message = type.decode(bytes);
  const object = type.toObject(message, {
    longs: String,
    enums: Number,
    defaults: true,
    arrays: true,
  });
  return hexBytes(object) as Record<string, unknown>;
}

/**
 * `referenceDecode` brought to proto3 semantics, for comparing two producers that differ only
 * in which defaults they write: a scalar at its default, an empty repeated field and an empty
 * singular message (the official serializers always write an empty `Status`) are all dropped.
 */
export function referenceDecodeCanonical(kind: MessageKind, bytes: Uint8Array): unknown {
  return dropDefaults(referenceDecode(kind, bytes));
}

function dropDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropDefaults);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const c = dropDefaults(v);
    if (c === null || c === undefined || c === '' || c === '0' || c === 0 || c === false) continue;
    if (Array.isArray(c) && c.length === 0) continue;
    if (typeof c === 'object' && !Array.isArray(c) && Object.keys(c as object).length === 0) continue;
    out[k] = c;
  }
  return out;
}

// Bytes fields (and only those: protobufjs leaves them as Uint8Array) become hex, which reads
// better in test diffs; ids are hex in OTLP/JSON too.
function hexBytes(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (Array.isArray(value)) return value.map(hexBytes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hexBytes(v)]));
  }
  return value;
}

/** `protoc --decode=<type>` of bytes, as text. Throws with protoc's stderr when it fails. */
export function protocDecode(kind: MessageKind, bytes: Uint8Array): string {
  const { type, file } = MESSAGE_TYPES[kind];
  const include = kind === 'pprof' ? pprofProtoDir : otlpProtoDir;
  const res = spawnSync('protoc', [`--decode=${type}`, `-I${include}`, file], {
    input: bytes,
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`protoc --decode failed: ${res.stderr?.toString() ?? res.error}`);
  return res.stdout.toString('utf8');
}

/** `protoc --encode=<type>` of text format to bytes (to build hand-made test inputs). */
export function protocEncode(kind: MessageKind, text: string): Uint8Array {
  const { type, file } = MESSAGE_TYPES[kind];
  const include = kind === 'pprof' ? pprofProtoDir : otlpProtoDir;
  const res = spawnSync('protoc', [`--encode=${type}`, `-I${include}`, file], {
    input: text,
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`protoc --encode failed: ${res.stderr?.toString() ?? res.error}`);
  return new Uint8Array(res.stdout);
}
