import type { InstrumentationScope, KeyValue, Resource } from '../model/common.js';
import type { PprofProfile } from '../model/pprof.js';
import type { ExportProfilesServiceRequest, Profile, ProfileSample } from '../model/profiles.js';
import { mergeSamples } from './merge-samples.js';
import { ProfilesDictionaryBuilder } from './profiles-dictionary-builder.js';

export interface PprofToProfilesOptions {
  resource?: Resource;
  /** The scope of the profiles; pprof's default sample type and order are added to its attributes. */
  scope?: InstrumentationScope;
  schemaUrl?: string;
  /** The pprof bytes the profile was decoded from, kept as `originalPayload` of the first Profile. */
  originalPayload?: Uint8Array;
  /** Label keys whose hex string values become the sample's Link. Default `['trace_id', 'trace id']`. */
  traceIdLabels?: readonly string[];
  /** Default `['span_id', 'span id']`. */
  spanIdLabels?: readonly string[];
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Converts a pprof Profile to an OTLP ExportProfilesServiceRequest the way the spec's pprof
 * semantic conventions describe: one Profile per sample type sharing one deduplicated dictionary;
 * ids become table indices; string labels become attributes and numeric labels int attributes
 * with their unit; trace/span id labels (hex) become the sample's Link; mapping flags, folded
 * locations, comments, drop/keep frames, doc URL and the default sample type become `pprof.*`
 * attributes; a mapping's build id becomes `process.executable.build_id.gnu` (hex) or `.go`.
 * pprof samples with the same stack, labels and link are merged (their values added), as the
 * spec asks of samples with the same identity.
 */
export function pprofToProfiles(
  pprof: PprofProfile,
  options: PprofToProfilesOptions = {},
): ExportProfilesServiceRequest {
  const d = new ProfilesDictionaryBuilder();
  const str = (index: number): string => pprof.stringTable[index] ?? '';
  const traceKeys = new Set(options.traceIdLabels ?? ['trace_id', 'trace id']);
  const spanKeys = new Set(options.spanIdLabels ?? ['span_id', 'span id']);

  const functions = new Map<number, number>();
  for (const f of pprof.function) {
    const input = {
      name: str(f.name),
      systemName: str(f.systemName),
      filename: str(f.filename),
      startLine: f.startLine,
    };
    functions.set(f.id, input.name || input.systemName || input.filename ? d.function(input) : 0);
  }
  const mappings = new Map<number, number>();
  for (const m of pprof.mapping) {
    const flags: Record<string, boolean | string> = {};
    const buildId = str(m.buildId);
    if (buildId)
      flags[HEX.test(buildId) ? 'process.executable.build_id.gnu' : 'process.executable.build_id.go'] =
        buildId;
    if (m.hasFunctions) flags['pprof.mapping.has_functions'] = true;
    if (m.hasFilenames) flags['pprof.mapping.has_filenames'] = true;
    if (m.hasLineNumbers) flags['pprof.mapping.has_line_numbers'] = true;
    if (m.hasInlineFrames) flags['pprof.mapping.has_inline_frames'] = true;
    mappings.set(
      m.id,
      d.mapping({
        memoryStart: m.memoryStart,
        memoryLimit: m.memoryLimit,
        fileOffset: m.fileOffset,
        filename: str(m.filename),
        attributeIndices: d.attributes(flags),
      }),
    );
  }
  const locations = new Map<number, number>();
  for (const loc of pprof.location) {
    locations.set(
      loc.id,
      d.location({
        mappingIndex: mappings.get(loc.mappingId) ?? 0,
        address: loc.address,
        lines: loc.line.map((l) => ({
          functionIndex: functions.get(l.functionId) ?? 0,
          line: l.line,
          column: l.column,
        })),
        attributeIndices: loc.isFolded ? d.attributes({ 'pprof.location.is_folded': true }) : [],
      }),
    );
  }

  // The parts of a sample every Profile shares: stack, attributes, link.
  const shared = pprof.sample.map((s) => {
    const stackIndex = d.stack(s.locationId.map((id) => locations.get(id) ?? 0));
    // A Link needs both ids; a lone trace or span id label stays an attribute.
    let traceLabel = -1;
    let spanLabel = -1;
    s.label.forEach((label, i) => {
      const key = str(label.key);
      const value = str(label.str);
      if (traceKeys.has(key) && value.length === 32 && HEX.test(value)) traceLabel = i;
      else if (spanKeys.has(key) && value.length === 16 && HEX.test(value)) spanLabel = i;
    });
    const linked = traceLabel >= 0 && spanLabel >= 0;
    const attributeIndices: number[] = [];
    const seen = new Set<string>();
    s.label.forEach((label, i) => {
      const key = str(label.key);
      if ((linked && (i === traceLabel || i === spanLabel)) || seen.has(key)) return;
      // Attribute keys must be unique per sample: the first label of a key wins.
      seen.add(key);
      attributeIndices.push(
        label.str !== 0
          ? d.attribute(key, str(label.str))
          : d.attribute(key, { intValue: label.num }, str(label.numUnit)),
      );
    });
    const linkIndex = linked
      ? d.link(
          Uint8Array.from(Buffer.from(str(s.label[traceLabel].str), 'hex')),
          Uint8Array.from(Buffer.from(str(s.label[spanLabel].str), 'hex')),
        )
      : 0;
    return { stackIndex, attributeIndices, linkIndex };
  });

  const profileAttributes: Record<string, string | string[]> = {};
  if (pprof.comment.length > 0) profileAttributes['pprof.profile.comment'] = pprof.comment.map(str);
  if (pprof.dropFrames) profileAttributes['pprof.profile.drop_frames'] = str(pprof.dropFrames);
  if (pprof.keepFrames) profileAttributes['pprof.profile.keep_frames'] = str(pprof.keepFrames);
  if (pprof.docUrl) profileAttributes['pprof.profile.doc_url'] = str(pprof.docUrl);
  const period = pprof.periodType;
  const profiles: Profile[] = pprof.sampleType.map((type, t) => {
    const samples: ProfileSample[] = mergeSamples(
      pprof.sample.map((s, i) => ({
        stackIndex: shared[i].stackIndex,
        attributeIndices: shared[i].attributeIndices,
        linkIndex: shared[i].linkIndex,
        values: [s.value[t] ?? 0],
        timestampsUnixNano: [],
      })),
    );
    return d.profile({
      sampleType: [str(type.type), str(type.unit)],
      samples,
      timeUnixNano: pprof.timeNanos < 0n ? 0n : pprof.timeNanos,
      durationNano: Math.max(0, pprof.durationNanos),
      periodType: period ? [str(period.type), str(period.unit)] : undefined,
      period: pprof.period,
      attributes: profileAttributes,
      originalPayload:
        t === 0 && options.originalPayload ? { format: 'pprof', bytes: options.originalPayload } : undefined,
    });
  });

  const scopeAttributes: KeyValue[] = [...(options.scope?.attributes ?? [])];
  if (pprof.defaultSampleType) {
    scopeAttributes.push({
      key: 'pprof.scope.default_sample_type',
      value: { stringValue: str(pprof.defaultSampleType) },
    });
  }
  const scope: InstrumentationScope = {
    name: options.scope?.name ?? '',
    version: options.scope?.version ?? '',
    attributes: scopeAttributes,
    droppedAttributesCount: options.scope?.droppedAttributesCount ?? 0,
  };
  return d.request(profiles, {
    resource: options.resource,
    scope: options.scope || scopeAttributes.length > 0 ? scope : undefined,
    schemaUrl: options.schemaUrl,
  });
}
