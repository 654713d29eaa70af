import { invalidArg } from '../common/invalid-arg.js';
import { JsonWriter } from '../common/json-writer.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import {
  writeSchemaUrlMember,
  writeSdkAnyValueJson,
  writeSdkAttributesMember,
  writeSdkResourceJson,
  writeSdkScopeJson,
} from '../common/sdk-json.js';
import { isZeroHrTime, writeHrTimeJson } from '../common/sdk-scalars.js';
import { groupLogRecords, type SdkLogRecord } from './sdk-logs.js';

// SDK log records straight to OTLP/JSON bytes, written front to back into one buffer (no object
// tree, no string building). The same grouping and mapping as encodeLogs and the same member
// order and omissions as logsRequestToJson, so
// encodeLogsJson(r) is the UTF-8 of logsRequestToJson(decodeLogsRequest(encodeLogs(r))).

let writer = new JsonWriter();

/** Encodes SDK `ReadableLogRecord`s as one ExportLogsServiceRequest in OTLP/JSON (UTF-8). */
export function encodeLogsJson(records: readonly SdkLogRecord[]): Uint8Array {
  if (!Array.isArray(records)) invalidArg('encodeLogsJson', 'an array of ReadableLogRecord', records);
  const w = writer;
  w.reset();
  w.ascii('{"resourceLogs":[');
  let firstResource = true;
  for (const group of groupLogRecords(records).values()) {
    if (!firstResource) w.byte(0x2c);
    firstResource = false;
    w.ascii('{"resource":');
    writeSdkResourceJson(w, group.resource);
    w.ascii(',"scopeLogs":[');
    let firstScope = true;
    for (const scopeGroup of group.scopes.values()) {
      if (!firstScope) w.byte(0x2c);
      firstScope = false;
      w.ascii('{"scope":');
      writeSdkScopeJson(w, scopeGroup.scope);
      w.ascii(',"logRecords":[');
      const list = scopeGroup.records;
      for (let i = 0; i < list.length; i++) {
        if (i > 0) w.byte(0x2c);
        writeLogRecordJson(w, list[i]);
      }
      w.byte(0x5d);
      writeSchemaUrlMember(w, scopeGroup.scope.schemaUrl);
      w.byte(0x7d);
    }
    w.byte(0x5d);
    writeSchemaUrlMember(w, group.resource.schemaUrl);
    w.byte(0x7d);
  }
  w.ascii(']}');
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new JsonWriter();
  return out;
}

function writeLogRecordJson(w: JsonWriter, record: SdkLogRecord): void {
  // `c` says whether the object has a member yet: every later member starts with a comma.
  let c = false;
  w.byte(0x7b); // {
  if (!isZeroHrTime(record.hrTime)) {
    w.ascii('"timeUnixNano":');
    writeHrTimeJson(w, record.hrTime);
    c = true;
  }
  if (!isZeroHrTime(record.hrTimeObserved)) {
    w.ascii(c ? ',"observedTimeUnixNano":' : '"observedTimeUnixNano":');
    writeHrTimeJson(w, record.hrTimeObserved);
    c = true;
  }
  if (record.severityNumber) {
    w.ascii(`${c ? ',' : ''}"severityNumber":${record.severityNumber}`);
    c = true;
  }
  if (record.severityText) {
    w.ascii(c ? ',"severityText":' : '"severityText":');
    w.string(record.severityText);
    c = true;
  }
  if (record.body !== undefined) {
    w.ascii(c ? ',"body":' : '"body":');
    writeSdkAnyValueJson(w, record.body);
    c = true;
  }
  c = writeSdkAttributesMember(w, !c, 'attributes', record.attributes);
  if (record.droppedAttributesCount) {
    w.ascii(`${c ? ',' : ''}"droppedAttributesCount":${record.droppedAttributesCount}`);
    c = true;
  }
  const context = record.spanContext;
  if (context !== undefined) {
    if (context.traceFlags) {
      w.ascii(`${c ? ',' : ''}"flags":${context.traceFlags}`);
      c = true;
    }
    if (context.traceId) {
      w.ascii(c ? ',"traceId":' : '"traceId":');
      w.string(context.traceId);
      c = true;
    }
    if (context.spanId) {
      w.ascii(c ? ',"spanId":' : '"spanId":');
      w.string(context.spanId);
      c = true;
    }
  }
  if (record.eventName) {
    w.ascii(c ? ',"eventName":' : '"eventName":');
    w.string(record.eventName);
  }
  w.byte(0x7d); // }
}
