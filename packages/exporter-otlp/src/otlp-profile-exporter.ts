/**
 * Exports OTLP profiles (profiles/v1development) to `/v1development/profiles`. It takes either
 * @otlpx/proto's ExportProfilesServiceRequest model, or pprof bytes (gzipped or not), which it
 * sends as a Profile carrying them as `original_payload` (format "pprof") with the pprof's time,
 * duration and first sample type, so a receiver that understands pprof gets the full profile.
 */
import {
  decodePprof,
  type ExportProfilesServiceRequest,
  encodeProfilesRequest,
  gunzipPprof,
  type InstrumentationScope,
  isGzip,
  type Profile,
  ProfilesDictionaryBuilder,
  profilesRequestToJson,
  type Resource,
} from '@otlpx/proto';
import type { OtlpExporterOptions } from './config.js';
import { type ExportResult, runExport, utf8 } from './export-result.js';
import { OtlpExporterBase } from './otlp-exporter-base.js';

/** pprof bytes and where they came from. */
export interface PprofExport {
  pprof: Uint8Array;
  resource?: Resource;
  scope?: InstrumentationScope;
}

export interface ProfileExporter {
  export(input: ExportProfilesServiceRequest | PprofExport): Promise<ExportResult>;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export class OtlpProfileExporter extends OtlpExporterBase implements ProfileExporter {
  readonly #encode: (request: ExportProfilesServiceRequest) => Uint8Array;

  constructor(options: OtlpExporterOptions = {}) {
    super('profiles', options);
    this.#encode =
      this.config.protocol === 'http/json'
        ? (request) => utf8(JSON.stringify(profilesRequestToJson(request)))
        : encodeProfilesRequest;
  }

  /** Sends one request. Resolves with the result; never rejects. */
  export(input: ExportProfilesServiceRequest | PprofExport): Promise<ExportResult> {
    const request = 'pprof' in input ? undefined : input;
    const encode = request ? this.#encode : (p: PprofExport) => this.#encode(fromPprof(p));
    return runExport(
      this.transport,
      encode as (i: typeof input) => Uint8Array,
      input,
      request ? countProfiles(request) : 1,
    );
  }
}

function countProfiles(request: ExportProfilesServiceRequest): number {
  let n = 0;
  for (const rp of request.resourceProfiles) for (const sp of rp.scopeProfiles) n += sp.profiles.length;
  return n;
}

/** Wraps pprof bytes in a one-profile request (original_payload), reading its header fields. */
export function fromPprof(input: PprofExport): ExportProfilesServiceRequest {
  const raw = isGzip(input.pprof) ? gunzipPprof(input.pprof) : input.pprof;
  const pprof = decodePprof(raw); // throws on bytes that are not pprof: the export fails, coded
  const dict = new ProfilesDictionaryBuilder();
  const first = pprof.sampleType[0];
  const name = (i: number) => pprof.stringTable[i] ?? '';
  const profile: Profile = {
    sampleType: first ? dict.valueType(name(first.type), name(first.unit)) : undefined,
    samples: [],
    timeUnixNano: pprof.timeNanos,
    durationNano: pprof.durationNanos,
    periodType: pprof.periodType
      ? dict.valueType(name(pprof.periodType.type), name(pprof.periodType.unit))
      : undefined,
    period: pprof.period,
    profileId: new Uint8Array(0),
    droppedAttributesCount: 0,
    originalPayloadFormat: 'pprof',
    originalPayload: input.pprof,
    attributeIndices: [],
  };
  return {
    resourceProfiles: [
      {
        resource: input.resource,
        scopeProfiles: [{ scope: input.scope, profiles: [profile], schemaUrl: '' }],
        schemaUrl: '',
      },
    ],
    dictionary: dict.build(),
  };
}
