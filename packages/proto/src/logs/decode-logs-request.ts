import { readAnyValue, readKeyValue } from '../common/common-binary.js';
import { invalidArg } from '../common/invalid-arg.js';
import { readResourceGroup, readScopeGroup } from '../common/resource-scope-groups.js';
import type { ExportLogsServiceRequest, LogRecord, ResourceLogs, ScopeLogs } from '../model/logs.js';
import { ProtoReader, type ReaderLimits } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';

// ExportLogsServiceRequest bytes to the typed model (opentelemetry-proto v1.11.0). Unknown
// fields are skipped; a field with the wrong wire type, a truncated or overlong length, invalid
// UTF-8 or nesting past `limits.maxDepth` throws OtlpxDecodeError with the byte offset.

const { Varint, Fixed64, LengthDelimited, Fixed32 } = WireType;

/** Decodes an ExportLogsServiceRequest (also the bytes of a LogsData, which has the same shape). */
export function decodeLogsRequest(bytes: Uint8Array, limits?: ReaderLimits): ExportLogsServiceRequest {
  if (!(bytes instanceof Uint8Array)) invalidArg('decodeLogsRequest', 'a Uint8Array', bytes);
  const r = new ProtoReader(bytes, limits);
  const request: ExportLogsServiceRequest = { resourceLogs: [] };
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LengthDelimited); // 1: resource_logs
      request.resourceLogs.push(readResourceLogs(r));
    } else r.skip(tag);
  }
  return request;
}

function readResourceLogs(r: ProtoReader): ResourceLogs {
  const { resource, groups, schemaUrl } = readResourceGroup(r, readScopeLogs); // 1 resource, 2 scope_logs, 3 schema_url
  const out: ResourceLogs = { scopeLogs: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function readScopeLogs(r: ProtoReader): ScopeLogs {
  const { scope, items, schemaUrl } = readScopeGroup(r, readLogRecord); // 1 scope, 2 log_records, 3 schema_url
  const out: ScopeLogs = { logRecords: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
  return out;
}

function readLogRecord(r: ProtoReader): LogRecord {
  const end = r.enter();
  const log: LogRecord = {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: new Uint8Array(0),
    spanId: new Uint8Array(0),
    eventName: '',
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        log.timeUnixNano = r.fixed64();
        break;
      case 2: // severity_number (VARINT enum)
        r.expect(tag, Varint);
        log.severityNumber = r.int32();
        break;
      case 3: // severity_text (LEN)
        r.expect(tag, LengthDelimited);
        log.severityText = r.string();
        break;
      case 5: // body (LEN AnyValue)
        r.expect(tag, LengthDelimited);
        log.body = readAnyValue(r);
        break;
      case 6: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        log.attributes.push(readKeyValue(r));
        break;
      case 7: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        log.droppedAttributesCount = r.uint32();
        break;
      case 8: // flags (I32 fixed32)
        r.expect(tag, Fixed32);
        log.flags = r.fixed32();
        break;
      case 9: // trace_id (LEN)
        r.expect(tag, LengthDelimited);
        log.traceId = r.bytes();
        break;
      case 10: // span_id (LEN)
        r.expect(tag, LengthDelimited);
        log.spanId = r.bytes();
        break;
      case 11: // observed_time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        log.observedTimeUnixNano = r.fixed64();
        break;
      case 12: // event_name (LEN)
        r.expect(tag, LengthDelimited);
        log.eventName = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return log;
}
