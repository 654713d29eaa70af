/**
 * Exports OTLP profiles (profiles/v1development) to `/v1development/profiles`. It takes either
 * @otlpx/proto's ExportProfilesServiceRequest model, or pprof bytes (gzipped or not), converted with
 * @otlpx/proto's `pprofToProfiles` and kept as `original_payload` too.
 */
import {
  decodePprof,
  type ExportProfilesServiceRequest,
  encodeProfilesRequest,
  gunzipPprof,
  type InstrumentationScope,
  isGzip,
  pprofToProfiles,
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
    let request: ExportProfilesServiceRequest;
    try {
      request = 'pprof' in input ? fromPprof(input) : input;
    } catch (err) {
      // Not pprof: reported through the same path as any batch that cannot be encoded.
      const fail = (): Uint8Array => {
        throw err;
      };
      return runExport(this.transport, fail, input, 1);
    }
    return runExport(this.transport, this.#encode, request, countProfiles(request));
  }
}

function countProfiles(request: ExportProfilesServiceRequest): number {
  let n = 0;
  for (const rp of request.resourceProfiles) for (const sp of rp.scopeProfiles) n += sp.profiles.length;
  return n;
}

/**
 * pprof bytes (gzipped or not) as an OTLP request: @otlpx/proto's `pprofToProfiles` (one Profile per
 * sample type, by the pprof semantic conventions), the bytes kept as the first Profile's
 * `original_payload`. Throws OtlpxDecodeError on bytes that are not pprof (the export fails, coded).
 */
export function fromPprof(input: PprofExport): ExportProfilesServiceRequest {
  const raw = isGzip(input.pprof) ? gunzipPprof(input.pprof) : input.pprof;
  return pprofToProfiles(decodePprof(raw), {
    resource: input.resource,
    scope: input.scope,
    originalPayload: input.pprof,
  });
}
