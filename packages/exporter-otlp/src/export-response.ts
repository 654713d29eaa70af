/**
 * Reading what an OTLP/HTTP receiver answers. A 2xx body is an Export<Signal>ServiceResponse whose
 * only field is `partial_success = 1` { rejected_<items> (int64) = 1; error_message = 2 } for all
 * four signals; a failure body is a google.rpc.Status { code = 1; message = 2; details = 3 }.
 * Both arrive as protobuf or as OTLP/JSON, matching the request's protocol. A body that cannot be
 * read is not an error of the export: it is reported at debug level and ignored.
 */
import { diag } from '@opentelemetry/api';
import { ProtoReader, WireType } from '@otlpx/proto/wire';
import type { Protocol, Signal } from './config.js';

export interface PartialSuccess {
  /** Items the receiver rejected (spans, data points, log records, profiles). */
  readonly rejected: number;
  readonly errorMessage: string;
}

const JSON_REJECTED: Record<Signal, string> = {
  traces: 'rejectedSpans',
  metrics: 'rejectedDataPoints',
  logs: 'rejectedLogRecords',
  profiles: 'rejectedProfiles',
};

/** The partial success of a 2xx body, or undefined when the receiver reported full success. */
export function readPartialSuccess(
  signal: Signal,
  protocol: Protocol,
  body: Uint8Array,
): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  let result: PartialSuccess | undefined;
  try {
    result = protocol === 'http/json' ? fromJson(signal, body) : fromProto(body);
  } catch (err) {
    diag.debug(`OTLP response body not understood, ignored: ${(err as Error).message}`);
    return undefined;
  }
  // An empty partial_success (or one with only zeros and no message) means full success.
  if (!result || (result.rejected === 0 && result.errorMessage === '')) return undefined;
  return result;
}

function fromProto(body: Uint8Array): PartialSuccess | undefined {
  const r = new ProtoReader(body);
  let out: PartialSuccess | undefined;
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag !== ((1 << 3) | WireType.LengthDelimited)) {
      r.skip(tag);
      continue;
    }
    const end = r.enter();
    let rejected = 0;
    let errorMessage = '';
    while (r.pos < end) {
      const t = r.tag();
      if (t === ((1 << 3) | WireType.Varint)) rejected = Number(r.int64());
      else if (t === ((2 << 3) | WireType.LengthDelimited)) errorMessage = r.string();
      else r.skip(t);
    }
    r.leave(end);
    out = { rejected, errorMessage };
  }
  return out;
}

function fromJson(signal: Signal, body: Uint8Array): PartialSuccess | undefined {
  const parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8')) as {
    partialSuccess?: Record<string, unknown>;
  };
  const ps = parsed?.partialSuccess;
  if (!ps || typeof ps !== 'object') return undefined;
  const raw = ps[JSON_REJECTED[signal]];
  const rejected = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : 0;
  const message = ps.errorMessage;
  return {
    rejected: Number.isFinite(rejected) ? rejected : 0,
    errorMessage: typeof message === 'string' ? message : '',
  };
}

/** The `message` of a google.rpc.Status failure body, or '' when there is none or it is unreadable. */
export function readStatusMessage(contentType: string | undefined, body: Uint8Array): string {
  if (body.length === 0) return '';
  try {
    if (contentType?.includes('json')) {
      const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { message?: unknown };
      return typeof parsed?.message === 'string' ? parsed.message : '';
    }
    if (contentType?.includes('protobuf')) {
      const r = new ProtoReader(body);
      let message = '';
      while (r.pos < r.end) {
        const tag = r.tag();
        if (tag === ((2 << 3) | WireType.LengthDelimited)) message = r.string();
        else r.skip(tag);
      }
      return message;
    }
    // Plain text from a proxy or a non-OTLP server: a short excerpt helps the operator.
    return Buffer.from(body.subarray(0, 200)).toString('utf8').trim();
  } catch {
    return '';
  }
}
