import { invalidArg } from '../common/invalid-arg.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import { writeSdkAnyValueBody, writeSdkAttributes } from '../common/sdk-attributes.js';
import {
  writeSchemaUrlField,
  writeSdkResourceField,
  writeSdkScopeGroup,
} from '../common/sdk-resource-scope.js';
import { isZeroHrTime, writeHexBytes, writeHrTimeFixed64 } from '../common/sdk-scalars.js';
import { ProtoWriter } from '../wire/writer.js';
import { groupLogRecords, type SdkLogRecord } from './sdk-logs.js';

// SDK log records straight to ExportLogsServiceRequest bytes, grouped by resource and scope and
// mapped like the official ProtobufLogsSerializer (otlp-transformer 0.223): a body that is not
// undefined is written (null becomes an empty AnyValue), the span context gives flags, trace and
// span ids. Fields go out in field-number order with proto3 defaults omitted, the rules of
// encodeLogsRequest, so decoding and re-encoding our bytes gives the same bytes.

let writer = new ProtoWriter();

/** Encodes SDK `ReadableLogRecord`s (sdk-logs 0.223.x) as one ExportLogsServiceRequest. */
export function encodeLogs(records: readonly SdkLogRecord[]): Uint8Array {
  if (!Array.isArray(records)) invalidArg('encodeLogs', 'an array of ReadableLogRecord', records);
  const w = writer;
  w.reset();
  for (const group of groupLogRecords(records).values()) {
    w.byte(0x0a); // ExportLogsServiceRequest 1: resource_logs (LEN)
    const start = w.fork();
    writeSdkResourceField(w, group.resource); // 1: resource (LEN)
    for (const scopeGroup of group.scopes.values()) {
      writeSdkScopeGroup(w, scopeGroup.scope, scopeGroup.records, writeLogRecord); // 2: scope_logs
    }
    writeSchemaUrlField(w, group.resource.schemaUrl); // 3: schema_url (LEN)
    w.join(start);
  }
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new ProtoWriter();
  return out;
}

function writeLogRecord(w: ProtoWriter, record: SdkLogRecord): void {
  if (!isZeroHrTime(record.hrTime)) {
    w.byte(0x09); // 1: time_unix_nano (I64 fixed64)
    writeHrTimeFixed64(w, record.hrTime);
  }
  const severity = record.severityNumber;
  if (severity) {
    w.byte(0x10); // 2: severity_number (VARINT enum)
    w.int32(severity);
  }
  if (record.severityText) {
    w.byte(0x1a); // 3: severity_text (LEN)
    w.string(record.severityText);
  }
  if (record.body !== undefined) {
    w.byte(0x2a); // 5: body (LEN AnyValue)
    const b = w.fork();
    writeSdkAnyValueBody(w, record.body);
    w.join(b);
  }
  writeSdkAttributes(w, 6, record.attributes); // 6: attributes (LEN)
  if (record.droppedAttributesCount) {
    w.byte(0x38); // 7: dropped_attributes_count (VARINT)
    w.uint32(record.droppedAttributesCount);
  }
  const context = record.spanContext;
  if (context !== undefined) {
    if (context.traceFlags) {
      w.byte(0x45); // 8: flags (I32 fixed32)
      w.fixed32(context.traceFlags);
    }
    if (context.traceId) {
      w.byte(0x4a); // 9: trace_id (LEN)
      writeHexBytes(w, context.traceId);
    }
    if (context.spanId) {
      w.byte(0x52); // 10: span_id (LEN)
      writeHexBytes(w, context.spanId);
    }
  }
  if (!isZeroHrTime(record.hrTimeObserved)) {
    w.byte(0x59); // 11: observed_time_unix_nano (I64 fixed64)
    writeHrTimeFixed64(w, record.hrTimeObserved);
  }
  if (record.eventName) {
    w.byte(0x62); // 12: event_name (LEN)
    w.string(record.eventName);
  }
}
