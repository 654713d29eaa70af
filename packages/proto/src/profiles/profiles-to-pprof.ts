import { OtlpxError } from '../errors.js';
import type { AnyValue } from '../model/common.js';
import type { PprofProfile } from '../model/pprof.js';
import type { ExportProfilesServiceRequest, Profile } from '../model/profiles.js';
import { PprofBuilder, type PprofLabelValue } from '../pprof/pprof-builder.js';

export interface ProfilesToPprofOptions {
  /** Which ResourceProfiles entry. Default 0. */
  resource?: number;
  /** Which ScopeProfiles entry of it. Default 0. */
  scope?: number;
  /** Which of its Profiles become sample types (in this order). Default all. */
  profiles?: readonly number[];
  /** Label keys for a sample's Link. Default 'trace_id' and 'span_id'. */
  traceIdLabel?: string;
  spanIdLabel?: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/**
 * Converts OTLP Profiles of one scope to one pprof Profile (for `go tool pprof` and other pprof
 * tools): each selected Profile becomes a sample type; samples with the same stack, attributes
 * and link are merged into one pprof sample whose values are, per type, the sum of `values` (or
 * the number of timestamps for timestamp-only samples). String, bool and double attributes
 * become string labels, int attributes numeric labels with their unit, the Link `trace_id` /
 * `span_id` hex labels. Stack entries pointing at the zero location are dropped. The request's
 * indices must be valid (validateProfilesRequest).
 */
export function profilesToPprof(
  request: ExportProfilesServiceRequest,
  options: ProfilesToPprofOptions = {},
): PprofProfile {
  const d = request.dictionary;
  const scope = request.resourceProfiles[options.resource ?? 0]?.scopeProfiles[options.scope ?? 0];
  if (d === undefined || scope === undefined) {
    throw new OtlpxError(
      'OTLPX_ERR_INVALID_ARG',
      'the request has no dictionary or no such resource/scope to convert',
    );
  }
  const selected: Profile[] = (options.profiles ?? scope.profiles.map((_, i) => i)).map((i) => {
    const p = scope.profiles[i];
    if (p === undefined) throw new OtlpxError('OTLPX_ERR_INVALID_ARG', `the scope has no profile ${i}`);
    return p;
  });
  const s = (index: number): string => d.stringTable[index] ?? '';
  const first = selected[0];
  const b = new PprofBuilder({
    sampleTypes: selected.map(
      (p) => [s(p.sampleType?.typeStrindex ?? 0), s(p.sampleType?.unitStrindex ?? 0)] as const,
    ),
    periodType: first?.periodType
      ? [s(first.periodType.typeStrindex), s(first.periodType.unitStrindex)]
      : undefined,
    period: first?.period ?? 0,
    timeNanos: first ? BigInt.asIntN(64, first.timeUnixNano) : 0n,
    durationNanos: first?.durationNano ?? 0,
  });

  const mappingIds = new Map<number, number>();
  const mappingId = (index: number): number => {
    if (index === 0) return 0;
    let id = mappingIds.get(index);
    if (id === undefined) {
      const m = d.mappingTable[index];
      id = b.mapping({
        memoryStart: m.memoryStart,
        memoryLimit: m.memoryLimit,
        fileOffset: m.fileOffset,
        filename: s(m.filenameStrindex),
      });
      mappingIds.set(index, id);
    }
    return id;
  };
  const functionIds = new Map<number, number>();
  const functionId = (index: number): number => {
    let id = functionIds.get(index);
    if (id === undefined) {
      const f = d.functionTable[index];
      const name = s(f.nameStrindex) || s(f.systemNameStrindex) || s(f.filenameStrindex) || '(unknown)';
      id = b.function({
        name,
        systemName: s(f.systemNameStrindex),
        filename: s(f.filenameStrindex),
        startLine: f.startLine,
      });
      functionIds.set(index, id);
    }
    return id;
  };
  const locationIds = new Map<number, number>();
  const locationId = (index: number): number => {
    let id = locationIds.get(index);
    if (id === undefined) {
      const loc = d.locationTable[index];
      id = b.location({
        mappingId: mappingId(loc.mappingIndex),
        address: loc.address,
        lines: loc.lines.map((l) => ({
          functionId: functionId(l.functionIndex),
          line: l.line,
          column: l.column,
        })),
      });
      locationIds.set(index, id);
    }
    return id;
  };

  // Merge samples by identity across the selected profiles: one value slot per profile.
  const merged = new Map<string, { stack: number; attributes: number[]; link: number; values: number[] }>();
  selected.forEach((profile, t) => {
    for (const sample of profile.samples) {
      const attributes = sample.attributeIndices.slice().sort((x, y) => x - y);
      const key = `${sample.stackIndex}|${attributes.join(',')}|${sample.linkIndex}`;
      let entry = merged.get(key);
      if (entry === undefined) {
        entry = {
          stack: sample.stackIndex,
          attributes: sample.attributeIndices,
          link: sample.linkIndex,
          values: selected.map(() => 0),
        };
        merged.set(key, entry);
      }
      let total = sample.values.length === 0 ? sample.timestampsUnixNano.length : 0;
      for (const v of sample.values) total += v;
      entry.values[t] += total;
    }
  });
  for (const entry of merged.values()) {
    const stack = d.stackTable[entry.stack].locationIndices.filter((i) => i !== 0).map(locationId);
    const labels: Record<string, PprofLabelValue> = {};
    for (const a of entry.attributes) {
      const kv = d.attributeTable[a];
      const label = kv.value === undefined ? undefined : toLabel(kv.value, s(kv.unitStrindex), s);
      if (label !== undefined) labels[s(kv.keyStrindex)] = label;
    }
    if (entry.link !== 0) {
      labels[options.traceIdLabel ?? 'trace_id'] = hex(d.linkTable[entry.link].traceId);
      labels[options.spanIdLabel ?? 'span_id'] = hex(d.linkTable[entry.link].spanId);
    }
    b.sample(stack, entry.values, labels);
  }
  return b.build();
}

function toLabel(v: AnyValue, unit: string, s: (index: number) => string): PprofLabelValue | undefined {
  if ('intValue' in v) return { num: v.intValue, unit };
  if ('stringValue' in v) return v.stringValue;
  if ('stringValueStrindex' in v) return s(v.stringValueStrindex);
  if ('boolValue' in v) return String(v.boolValue);
  if ('doubleValue' in v) return String(v.doubleValue);
  return undefined; // arrays, kvlists and bytes have no pprof label form
}
