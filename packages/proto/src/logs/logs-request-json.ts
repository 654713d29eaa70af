import {
  anyValueFromJson,
  anyValueToJson,
  keyValuesFromJson,
  keyValuesToJson,
} from '../common/common-json.js';
import { enumFromJson } from '../common/json-enum.js';
import {
  arrayField,
  expectObject,
  field,
  hexFromJson,
  hexOf,
  type JsonObject,
  parseJsonInput,
  stringFromJson,
  uint32FromJson,
  uint64FromJson,
} from '../common/json-values.js';
import {
  resourceGroupFromJson,
  resourceGroupToJson,
  scopeGroupFromJson,
  scopeGroupToJson,
} from '../common/resource-scope-groups-json.js';
import type { ExportLogsServiceRequest, LogRecord, ResourceLogs, ScopeLogs } from '../model/logs.js';
import { SeverityNumber } from '../model/logs.js';

// ExportLogsServiceRequest model <-> OTLP/JSON (the spec's JSON mapping: lowerCamelCase names,
// 64-bit integers as decimal strings, enums as numbers, trace and span ids as hex, other bytes as
// base64, default values omitted). Readers accept numbers or strings for integers, enum names
// (SEVERITY_NUMBER_INFO) and snake_case names.

const SEVERITY_NAMES = Object.keys(SeverityNumber).map((name) => `SEVERITY_NUMBER_${name}`);

/** The request as OTLP/JSON text. */
export function logsRequestToJson(request: ExportLogsServiceRequest): string {
  return JSON.stringify({ resourceLogs: request.resourceLogs.map(resourceLogsToJson) });
}

function resourceLogsToJson(rl: ResourceLogs): JsonObject {
  return resourceGroupToJson(rl.resource, 'scopeLogs', rl.scopeLogs, rl.schemaUrl, scopeLogsToJson);
}

function scopeLogsToJson(sl: ScopeLogs): JsonObject {
  return scopeGroupToJson(sl.scope, 'logRecords', sl.logRecords, sl.schemaUrl, logRecordToJson);
}

function logRecordToJson(log: LogRecord): JsonObject {
  const o: JsonObject = {};
  if (log.timeUnixNano !== 0n) o.timeUnixNano = log.timeUnixNano.toString();
  if (log.observedTimeUnixNano !== 0n) o.observedTimeUnixNano = log.observedTimeUnixNano.toString();
  if (log.severityNumber) o.severityNumber = log.severityNumber;
  if (log.severityText !== '') o.severityText = log.severityText;
  if (log.body !== undefined) o.body = anyValueToJson(log.body);
  if (log.attributes.length > 0) o.attributes = keyValuesToJson(log.attributes);
  if (log.droppedAttributesCount) o.droppedAttributesCount = log.droppedAttributesCount;
  if (log.flags) o.flags = log.flags;
  if (log.traceId.length > 0) o.traceId = hexOf(log.traceId);
  if (log.spanId.length > 0) o.spanId = hexOf(log.spanId);
  if (log.eventName !== '') o.eventName = log.eventName;
  return o;
}

// ---------------------------------------------------------------- reading

/** Reads OTLP/JSON (text, UTF-8 bytes or an already parsed object); throws OtlpxJsonError with the path. */
export function logsRequestFromJson(input: string | Uint8Array | object): ExportLogsServiceRequest {
  const o = expectObject(parseJsonInput(input), '');
  return { resourceLogs: arrayField(o, '', 'resourceLogs', 'resource_logs', resourceLogsFromJson) };
}

function resourceLogsFromJson(json: unknown, path: string): ResourceLogs {
  const { resource, groups, schemaUrl } = resourceGroupFromJson(
    json,
    path,
    ['scopeLogs', 'scope_logs'],
    scopeLogsFromJson,
  );
  const out: ResourceLogs = { scopeLogs: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function scopeLogsFromJson(json: unknown, path: string): ScopeLogs {
  const { scope, items, schemaUrl } = scopeGroupFromJson(
    json,
    path,
    ['logRecords', 'log_records'],
    logRecordFromJson,
  );
  const out: ScopeLogs = { logRecords: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
  return out;
}

function logRecordFromJson(json: unknown, path: string): LogRecord {
  const o = expectObject(json, path);
  const log: LogRecord = {
    timeUnixNano: uint64FromJson(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    observedTimeUnixNano: uint64FromJson(
      field(o, 'observedTimeUnixNano', 'observed_time_unix_nano'),
      `${path}.observedTimeUnixNano`,
    ),
    severityNumber: enumFromJson(
      field(o, 'severityNumber', 'severity_number'),
      `${path}.severityNumber`,
      SEVERITY_NAMES,
    ),
    severityText: stringFromJson(field(o, 'severityText', 'severity_text'), `${path}.severityText`),
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32FromJson(
      field(o, 'droppedAttributesCount', 'dropped_attributes_count'),
      `${path}.droppedAttributesCount`,
    ),
    flags: uint32FromJson(o.flags, `${path}.flags`),
    traceId: hexFromJson(field(o, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: hexFromJson(field(o, 'spanId', 'span_id'), `${path}.spanId`),
    eventName: stringFromJson(field(o, 'eventName', 'event_name'), `${path}.eventName`),
  };
  if (o.body !== undefined && o.body !== null) log.body = anyValueFromJson(o.body, `${path}.body`);
  return log;
}
