import { writeAnyValueBody, writeKeyValues } from '../common/common-binary.js';
import { invalidArg, isObject } from '../common/invalid-arg.js';
import { writeResourceGroup, writeScopeGroup } from '../common/resource-scope-groups.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import type { ExportLogsServiceRequest, LogRecord, ScopeLogs } from '../model/logs.js';
import { ProtoWriter } from '../wire/writer.js';

// The typed model back to ExportLogsServiceRequest bytes. Fields go out in field-number order
// with proto3 defaults omitted, the rules of encodeLogs, so for bytes we produced,
// encodeLogsRequest(decodeLogsRequest(b)) is byte-identical to b.

let writer = new ProtoWriter();

export function encodeLogsRequest(request: ExportLogsServiceRequest): Uint8Array {
  if (!isObject(request) || !Array.isArray(request.resourceLogs)) {
    invalidArg('encodeLogsRequest', 'an ExportLogsServiceRequest model ({ resourceLogs: [...] })', request);
  }
  const w = writer;
  w.reset();
  for (const rl of request.resourceLogs) {
    writeResourceGroup(w, rl.resource, rl.scopeLogs, rl.schemaUrl, writeScopeLogs); // 1: resource_logs
  }
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new ProtoWriter();
  return out;
}

function writeScopeLogs(w: ProtoWriter, sl: ScopeLogs): void {
  writeScopeGroup(w, sl.scope, sl.logRecords, sl.schemaUrl, writeLogRecord); // 1 scope, 2 log_records, 3 schema_url
}

function writeLogRecord(w: ProtoWriter, log: LogRecord): void {
  if (log.timeUnixNano !== 0n) {
    w.byte(0x09); // 1: time_unix_nano (I64 fixed64)
    w.fixed64Value(log.timeUnixNano);
  }
  if (log.severityNumber) {
    w.byte(0x10); // 2: severity_number (VARINT enum)
    w.int32(log.severityNumber);
  }
  if (log.severityText !== '') {
    w.byte(0x1a); // 3: severity_text (LEN)
    w.string(log.severityText);
  }
  if (log.body !== undefined) {
    w.byte(0x2a); // 5: body (LEN AnyValue)
    const b = w.fork();
    writeAnyValueBody(w, log.body);
    w.join(b);
  }
  writeKeyValues(w, 6, log.attributes); // 6: attributes (LEN)
  if (log.droppedAttributesCount) {
    w.byte(0x38); // 7: dropped_attributes_count (VARINT)
    w.uint32(log.droppedAttributesCount);
  }
  if (log.flags) {
    w.byte(0x45); // 8: flags (I32 fixed32)
    w.fixed32(log.flags);
  }
  if (log.traceId.length > 0) {
    w.byte(0x4a); // 9: trace_id (LEN)
    w.bytes(log.traceId);
  }
  if (log.spanId.length > 0) {
    w.byte(0x52); // 10: span_id (LEN)
    w.bytes(log.spanId);
  }
  if (log.observedTimeUnixNano !== 0n) {
    w.byte(0x59); // 11: observed_time_unix_nano (I64 fixed64)
    w.fixed64Value(log.observedTimeUnixNano);
  }
  if (log.eventName !== '') {
    w.byte(0x62); // 12: event_name (LEN)
    w.string(log.eventName);
  }
}
