import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  decodeProfilesRequest,
  decodeTraceRequest,
  type ExportProfilesServiceRequest,
  encodeTraceRequest,
  isOtlpxError,
  type ProfilesViolation,
  type TraceRequest,
  traceRequestFromJson,
  validateProfilesRequest,
} from '@otlpx/proto';

const gunzipAsync = promisify(gunzip);

/** What the loopback receiver saw in one export request. */
export interface ReceivedExport {
  contentType: string;
  bytes: number;
  request: TraceRequest;
  /** Whether re-encoding the decoded request gave back the same bytes (protobuf only). */
  byteExact: boolean | undefined;
}

/** One OTLP profiles request, with what the spec's rules found wrong in it (nothing, normally). */
export interface ReceivedProfiles {
  bytes: number;
  request: ExportProfilesServiceRequest;
  violations: ProfilesViolation[];
}

export interface LoopbackReceiver {
  /** Base URL (`OTEL_EXPORTER_OTLP_ENDPOINT` style): `/v1/traces` and `/v1development/profiles` below it. */
  endpoint: string;
  /** The traces URL. */
  url: string;
  received: ReceivedExport[];
  profiles: ReceivedProfiles[];
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;

/**
 * A minimal OTLP/HTTP receiver on 127.0.0.1 for traces (protobuf or JSON) and profiles
 * (protobuf), optionally gzip, that decodes what it gets with @otlpx/proto and keeps it for
 * inspection.
 */
export async function startLoopbackReceiver(): Promise<LoopbackReceiver> {
  const received: ReceivedExport[] = [];
  const profiles: ReceivedProfiles[] = [];
  const server: Server = createServer((req, res) => {
    handle(req, res, received, profiles).catch((err) => reply(res, 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    url: `${endpoint}/v1/traces`,
    received,
    profiles,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  received: ReceivedExport[],
  profiles: ReceivedProfiles[],
): Promise<void> {
  const path = req.url;
  if (req.method !== 'POST' || (path !== '/v1/traces' && path !== '/v1development/profiles')) {
    return reply(res, 404, 'only POST /v1/traces and /v1development/profiles');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return reply(res, 413, 'body too large');
    chunks.push(chunk);
  }
  let body: Uint8Array = Buffer.concat(chunks);
  if (req.headers['content-encoding'] === 'gzip') body = await gunzipAsync(body);
  const contentType = String(req.headers['content-type'] ?? '');
  try {
    if (path === '/v1development/profiles') {
      const request = decodeProfilesRequest(body);
      profiles.push({ bytes: size, request, violations: validateProfilesRequest(request) });
      return reply(res, 200, '', 'application/x-protobuf');
    }
    if (contentType.startsWith('application/json')) {
      received.push({ contentType, bytes: size, request: traceRequestFromJson(body), byteExact: undefined });
      return reply(res, 200, '{}', 'application/json');
    }
    const request = decodeTraceRequest(body);
    const byteExact = Buffer.compare(Buffer.from(encodeTraceRequest(request)), Buffer.from(body)) === 0;
    received.push({ contentType, bytes: size, request, byteExact });
    return reply(res, 200, '', 'application/x-protobuf');
  } catch (err) {
    return reply(res, 400, isOtlpxError(err) ? `${err.code}: ${err.message}` : String(err));
  }
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
