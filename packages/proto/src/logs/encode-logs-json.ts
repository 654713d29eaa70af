import {
  jsonString,
  schemaUrlMember,
  sdkAnyValueJson,
  sdkAttributesMember,
  sdkResourceJson,
  sdkScopeJson,
} from '../common/sdk-json.js';
import { hrTimeToNanosString, isZeroHrTime } from '../common/sdk-scalars.js';
import { groupLogRecords, type SdkLogRecord } from './sdk-logs.js';

// SDK log records straight to OTLP/JSON text, one string built front to back (no object tree).
// The same grouping and mapping as encodeLogs and the same member order and omissions as
// logsRequestToJson, so encodeLogsJson(r) === logsRequestToJson(decodeLogsRequest(encodeLogs(r))).

/** Encodes SDK `ReadableLogRecord`s as one ExportLogsServiceRequest in OTLP/JSON (UTF-8). */
export function encodeLogsJson(records: readonly SdkLogRecord[]): Uint8Array {
  let out = '{"resourceLogs":[';
  let firstResource = true;
  for (const group of groupLogRecords(records).values()) {
    if (!firstResource) out += ',';
    firstResource = false;
    out += `{"resource":${sdkResourceJson(group.resource)},"scopeLogs":[`;
    let firstScope = true;
    for (const scopeGroup of group.scopes.values()) {
      if (!firstScope) out += ',';
      firstScope = false;
      out += `{"scope":${sdkScopeJson(scopeGroup.scope)},"logRecords":[`;
      const list = scopeGroup.records;
      for (let i = 0; i < list.length; i++) {
        if (i > 0) out += ',';
        out += logRecordJson(list[i]);
      }
      out += `]${schemaUrlMember(scopeGroup.scope.schemaUrl)}}`;
    }
    out += `]${schemaUrlMember(group.resource.schemaUrl)}}`;
  }
  return Buffer.from(`${out}]}`, 'utf8');
}

function logRecordJson(record: SdkLogRecord): string {
  let out = '';
  if (!isZeroHrTime(record.hrTime)) out += `,"timeUnixNano":"${hrTimeToNanosString(record.hrTime)}"`;
  if (!isZeroHrTime(record.hrTimeObserved)) {
    out += `,"observedTimeUnixNano":"${hrTimeToNanosString(record.hrTimeObserved)}"`;
  }
  if (record.severityNumber) out += `,"severityNumber":${record.severityNumber}`;
  if (record.severityText) out += `,"severityText":${jsonString(record.severityText)}`;
  if (record.body !== undefined) out += `,"body":${sdkAnyValueJson(record.body)}`;
  out += sdkAttributesMember('attributes', record.attributes);
  if (record.droppedAttributesCount) out += `,"droppedAttributesCount":${record.droppedAttributesCount}`;
  const context = record.spanContext;
  if (context !== undefined) {
    if (context.traceFlags) out += `,"flags":${context.traceFlags}`;
    if (context.traceId) out += `,"traceId":${jsonString(context.traceId)}`;
    if (context.spanId) out += `,"spanId":${jsonString(context.spanId)}`;
  }
  if (record.eventName) out += `,"eventName":${jsonString(record.eventName)}`;
  return `{${out.slice(1)}}`;
}
