import { writeAnyValueBody, writeKeyValues, writeResource, writeScope } from '../common/common-binary.js';
import type { ExportLogsServiceRequest, LogRecord } from '../model/logs.js';
import { ProtoWriter } from '../wire/writer.js';

// The typed model back to ExportLogsServiceRequest bytes. Fields go out in field-number order
// with proto3 defaults omitted, the rules of encodeLogs, so for bytes we produced,
// encodeLogsRequest(decodeLogsRequest(b)) is byte-identical to b.

const writer = new ProtoWriter();

export function encodeLogsRequest(request: ExportLogsServiceRequest): Uint8Array {
  const w = writer;
  w.reset();
  for (const rl of request.resourceLogs) {
    w.byte(0x0a); // 1: resource_logs (LEN)
    const start = w.fork();
    if (rl.resource !== undefined) writeResource(w, 1, rl.resource); // 1: resource (LEN)
    for (const sl of rl.scopeLogs) {
      w.byte(0x12); // 2: scope_logs (LEN)
      const s = w.fork();
      if (sl.scope !== undefined) writeScope(w, 1, sl.scope); // ScopeLogs 1: scope (LEN)
      for (const log of sl.logRecords) {
        w.byte(0x12); // ScopeLogs 2: log_records (LEN)
        const l = w.fork();
        writeLogRecord(w, log);
        w.join(l);
      }
      if (sl.schemaUrl !== '') {
        w.byte(0x1a); // ScopeLogs 3: schema_url (LEN)
        w.string(sl.schemaUrl);
      }
      w.join(s);
    }
    if (rl.schemaUrl !== '') {
      w.byte(0x1a); // 3: schema_url (LEN)
      w.string(rl.schemaUrl);
    }
    w.join(start);
  }
  return w.finish();
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
