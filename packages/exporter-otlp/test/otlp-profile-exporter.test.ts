import {
  decodeProfilesRequest,
  type ExportProfilesServiceRequest,
  encodePprof,
  gzipPprof,
  PprofBuilder,
  ProfilesDictionaryBuilder,
  profilesRequestFromJson,
} from '@otlpx/proto';
import { referenceDecode } from '@otlpx/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromPprof, OtlpProfileExporter } from '../src/otlp-profile-exporter.js';
import { DiagCapture } from './support/diag-capture.js';
import { TestReceiver } from './support/receiver.js';

let receiver: TestReceiver;
let exporter: OtlpProfileExporter | undefined;
const diag = new DiagCapture();
beforeEach(async () => {
  diag.install();
  receiver = await TestReceiver.start();
});
afterEach(async () => {
  await exporter?.shutdown();
  exporter = undefined;
  await receiver.close();
  diag.uninstall();
});

function request(): ExportProfilesServiceRequest {
  const dict = new ProfilesDictionaryBuilder();
  const fn = dict.function({ name: 'handleRequest', filename: 'app.js' });
  const loc = dict.location({ lines: [{ functionIndex: fn, line: 12, column: 3 }] } as never);
  const stack = dict.stack([loc]);
  return {
    resourceProfiles: [
      {
        resource: {
          attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }],
          droppedAttributesCount: 0,
          entityRefs: [],
        },
        scopeProfiles: [
          {
            scope: { name: 'otlpx-test', version: '1', attributes: [], droppedAttributesCount: 0 },
            profiles: [
              {
                sampleType: dict.valueType('samples', 'count'),
                samples: [
                  {
                    stackIndex: stack,
                    attributeIndices: [],
                    linkIndex: 0,
                    values: [5],
                    timestampsUnixNano: [],
                  },
                ],
                timeUnixNano: 1_700_000_000_000_000_000n,
                durationNano: 1_000_000,
                periodType: dict.valueType('cpu', 'nanoseconds'),
                period: 10_000_000,
                profileId: new Uint8Array(16).fill(7),
                droppedAttributesCount: 0,
                originalPayloadFormat: '',
                originalPayload: new Uint8Array(0),
                attributeIndices: [],
              },
            ],
            schemaUrl: '',
          },
        ],
        schemaUrl: '',
      },
    ],
    dictionary: dict.build(),
  };
}

function pprofBytes(): Uint8Array {
  const b = new PprofBuilder({
    sampleTypes: [['samples', 'count']],
    periodType: ['cpu', 'nanoseconds'],
    period: 10_000_000,
    timeNanos: 1_700_000_000_123_000_000n,
    durationNanos: 5_000_000_000,
  });
  const f = b.function({ name: 'main' });
  const l = b.location({ lines: [{ functionId: f, line: 1 }] });
  b.sample([l], [3]);
  return encodePprof(b.build());
}

describe('OtlpProfileExporter', () => {
  it('posts the profiles model as protobuf to /v1development/profiles', async () => {
    exporter = new OtlpProfileExporter({ url: receiver.url('/v1development/profiles') });
    const input = request();
    expect(await exporter.export(input)).toEqual({ code: 0 });
    const [req] = receiver.requests;
    expect(req.path).toBe('/v1development/profiles');
    expect(decodeProfilesRequest(new Uint8Array(req.body))).toEqual(input);
    const ref = referenceDecode('profiles', req.body) as {
      resourceProfiles: { scopeProfiles: { profiles: { period: string }[] }[] }[];
    };
    expect(ref.resourceProfiles[0].scopeProfiles[0].profiles[0].period).toBe('10000000');
    expect(exporter.stats()).toMatchObject({ exportsSucceeded: 1, itemsExported: 1 });
  });

  it('posts OTLP/JSON for http/json, gzip-compressed', async () => {
    exporter = new OtlpProfileExporter({ url: receiver.url(), protocol: 'http/json', compression: 'gzip' });
    const input = request();
    await exporter.export(input);
    const [req] = receiver.requests;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(profilesRequestFromJson(req.body)).toEqual(input);
  });

  it('converts pprof bytes (plain or gzipped) with pprofToProfiles, keeping them as original_payload', async () => {
    exporter = new OtlpProfileExporter({ url: receiver.url() });
    const plain = pprofBytes();
    const gz = gzipPprof(plain);
    for (const bytes of [plain, gz]) {
      expect((await exporter.export({ pprof: bytes })).code).toBe(0);
    }
    const [a, b] = receiver.requests.map((r) => decodeProfilesRequest(new Uint8Array(r.body)));
    const pa = a.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(Buffer.from(pa.originalPayload).equals(Buffer.from(plain))).toBe(true);
    expect(pa.timeUnixNano).toBe(1_700_000_000_123_000_000n);
    expect(pa.durationNano).toBe(5_000_000_000);
    expect(pa.period).toBe(10_000_000);
    expect(pa.samples.map((s) => s.values)).toEqual([[3]]);
    const strings = a.dictionary!.stringTable;
    expect(strings[pa.sampleType!.typeStrindex]).toBe('samples');
    expect(a.dictionary!.functionTable.map((f) => strings[f.nameStrindex])).toContain('main');
    const pb = b.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(Buffer.from(pb.originalPayload).equals(Buffer.from(gz))).toBe(true);
    expect(exporter.stats().itemsExported).toBe(2);
  });

  it('fails with OTLPX_ERR_EXPORT_ENCODE on bytes that are not pprof, without a request', async () => {
    exporter = new OtlpProfileExporter({ url: receiver.url() });
    const result = await exporter.export({ pprof: new Uint8Array([0xff, 0xff, 0xff]) });
    expect(result.code).toBe(1);
    expect(result.error).toMatchObject({ code: 'OTLPX_ERR_EXPORT_ENCODE' });
    expect(receiver.requests).toHaveLength(0);
    expect(diag.withCode('OTLPX_ERR_EXPORT_ENCODE')).toHaveLength(1);
  });

  it('keeps resource and scope given with pprof bytes', () => {
    const resource = { attributes: [], droppedAttributesCount: 0, entityRefs: [] };
    const req = fromPprof({
      pprof: pprofBytes(),
      resource,
      scope: { name: 's', version: '', attributes: [], droppedAttributesCount: 0 },
    });
    expect(req.resourceProfiles[0].resource).toBe(resource);
    expect(req.resourceProfiles[0].scopeProfiles[0].scope?.name).toBe('s');
  });

  it('forceFlush waits for exports in flight; export after shutdown fails', async () => {
    exporter = new OtlpProfileExporter({ url: receiver.url() });
    const pending = exporter.export(request());
    await exporter.forceFlush();
    expect(receiver.requests).toHaveLength(1);
    await pending;
    await exporter.shutdown();
    expect((await exporter.export(request())).error).toMatchObject({ code: 'OTLPX_ERR_EXPORT_SHUTDOWN' });
  });
});
