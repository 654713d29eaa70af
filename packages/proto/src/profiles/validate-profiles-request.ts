import type { AnyValue } from '../model/common.js';
import type {
  ExportProfilesServiceRequest,
  ProfilesDictionary,
  ProfileValueType,
} from '../model/profiles.js';
import {
  attributeKey,
  functionKey,
  isZeroBytes,
  linkKey,
  locationKey,
  mappingKey,
  stackKey,
} from './dictionary-keys.js';
import { sampleIdentity } from './merge-samples.js';

/** One broken rule of the OTLP Profiles spec, found by validateProfilesRequest(). */
export interface ProfilesViolation {
  /** Where, as a model path: `dictionary.stackTable[3].locationIndices[1]`. */
  path: string;
  /** The rule: 'zero-element' | 'duplicate' | 'index-range' | 'sample-values' | 'sample-shape' | 'duplicate-sample' | 'attribute-keys' | 'id-length' | 'payload' | 'function-name' | 'int-range' | 'missing-dictionary'. */
  rule: string;
  message: string;
}

type Table = keyof ProfilesDictionary;

/**
 * Checks a request against the spec's rules and returns every violation (empty when valid):
 * element 0 of every table is the zero value; no table holds duplicates; every index points
 * into its table; each sample has values or timestamps (the same number when both); attribute
 * keys are unique per attribute list; ids have their lengths; numbers the model keeps as JS
 * numbers are safe integers.
 */
export function validateProfilesRequest(request: ExportProfilesServiceRequest): ProfilesViolation[] {
  const out: ProfilesViolation[] = [];
  const d = request.dictionary;
  if (d === undefined) {
    const hasProfiles = request.resourceProfiles.some((rp) =>
      rp.scopeProfiles.some((sp) => sp.profiles.length > 0),
    );
    if (hasProfiles) {
      out.push({
        path: 'dictionary',
        rule: 'missing-dictionary',
        message: 'profiles need a dictionary: every index points into it',
      });
    }
    return out;
  }
  const add = (path: string, rule: string, message: string): void => {
    out.push({ path, rule, message });
  };
  const index = (path: string, value: number, table: Table): void => {
    const size = d[table].length;
    if (!Number.isInteger(value) || value < 0 || value >= size) {
      add(path, 'index-range', `index ${value} is out of range: ${table} has ${size} entries`);
    }
  };
  const indices = (path: string, list: number[], table: Table): void => {
    for (let i = 0; i < list.length; i++) index(`${path}[${i}]`, list[i], table);
  };
  const u64 = (path: string, value: bigint): void => {
    if (value < 0n || value > 0xffffffffffffffffn) add(path, 'int-range', `${value} is not a uint64`);
  };
  const safe = (path: string, value: number): void => {
    if (!Number.isSafeInteger(value))
      add(path, 'int-range', `${value} is not an integer within +-(2^53 - 1)`);
  };
  const attributeList = (path: string, list: number[]): void => {
    indices(path, list, 'attributeTable');
    const seen = new Set<number>();
    for (let i = 0; i < list.length; i++) {
      const key = d.attributeTable[list[i]]?.keyStrindex;
      if (key === undefined) continue;
      if (seen.has(key))
        add(
          `${path}[${i}]`,
          'attribute-keys',
          `attribute key "${d.stringTable[key] ?? key}" appears twice in one attribute list`,
        );
      seen.add(key);
    }
  };
  const valueType = (path: string, vt: ProfileValueType | undefined): void => {
    if (vt === undefined) return;
    index(`${path}.typeStrindex`, vt.typeStrindex, 'stringTable');
    index(`${path}.unitStrindex`, vt.unitStrindex, 'stringTable');
  };

  checkTables(d, add);

  d.mappingTable.forEach((m, i) => {
    const p = `dictionary.mappingTable[${i}]`;
    index(`${p}.filenameStrindex`, m.filenameStrindex, 'stringTable');
    u64(`${p}.memoryStart`, m.memoryStart);
    u64(`${p}.memoryLimit`, m.memoryLimit);
    u64(`${p}.fileOffset`, m.fileOffset);
    attributeList(`${p}.attributeIndices`, m.attributeIndices);
  });
  d.locationTable.forEach((loc, i) => {
    const p = `dictionary.locationTable[${i}]`;
    index(`${p}.mappingIndex`, loc.mappingIndex, 'mappingTable');
    u64(`${p}.address`, loc.address);
    loc.lines.forEach((line, j) => {
      index(`${p}.lines[${j}].functionIndex`, line.functionIndex, 'functionTable');
      safe(`${p}.lines[${j}].line`, line.line);
      safe(`${p}.lines[${j}].column`, line.column);
    });
    attributeList(`${p}.attributeIndices`, loc.attributeIndices);
  });
  d.functionTable.forEach((f, i) => {
    const p = `dictionary.functionTable[${i}]`;
    index(`${p}.nameStrindex`, f.nameStrindex, 'stringTable');
    index(`${p}.systemNameStrindex`, f.systemNameStrindex, 'stringTable');
    index(`${p}.filenameStrindex`, f.filenameStrindex, 'stringTable');
    safe(`${p}.startLine`, f.startLine);
    if (i > 0 && f.nameStrindex === 0 && f.systemNameStrindex === 0 && f.filenameStrindex === 0) {
      add(p, 'function-name', 'a function needs at least one of name, system name or filename');
    }
  });
  d.linkTable.forEach((link, i) => {
    if (i === 0) return;
    const p = `dictionary.linkTable[${i}]`;
    if (link.traceId.length !== 16)
      add(`${p}.traceId`, 'id-length', `trace id has ${link.traceId.length} bytes, expected 16`);
    if (link.spanId.length !== 8)
      add(`${p}.spanId`, 'id-length', `span id has ${link.spanId.length} bytes, expected 8`);
  });
  d.attributeTable.forEach((kv, i) => {
    const p = `dictionary.attributeTable[${i}]`;
    index(`${p}.keyStrindex`, kv.keyStrindex, 'stringTable');
    index(`${p}.unitStrindex`, kv.unitStrindex, 'stringTable');
    if (kv.value !== undefined)
      anyValueStrindices(`${p}.value`, kv.value, (path, v) => index(path, v, 'stringTable'));
  });
  for (let i = 0; i < d.stackTable.length; i++) {
    indices(`dictionary.stackTable[${i}].locationIndices`, d.stackTable[i].locationIndices, 'locationTable');
  }

  request.resourceProfiles.forEach((rp, r) => {
    rp.scopeProfiles.forEach((sp, s) => {
      sp.profiles.forEach((profile, n) => {
        const p = `resourceProfiles[${r}].scopeProfiles[${s}].profiles[${n}]`;
        valueType(`${p}.sampleType`, profile.sampleType);
        valueType(`${p}.periodType`, profile.periodType);
        u64(`${p}.timeUnixNano`, profile.timeUnixNano);
        safe(`${p}.durationNano`, profile.durationNano);
        if (profile.durationNano < 0)
          add(`${p}.durationNano`, 'int-range', 'duration is a uint64: it cannot be negative');
        safe(`${p}.period`, profile.period);
        attributeList(`${p}.attributeIndices`, profile.attributeIndices);
        if (profile.profileId.length !== 0 && profile.profileId.length !== 16) {
          add(
            `${p}.profileId`,
            'id-length',
            `profile id has ${profile.profileId.length} bytes, expected 16 or none`,
          );
        }
        if ((profile.originalPayloadFormat === '') !== (profile.originalPayload.length === 0)) {
          add(
            `${p}.originalPayload`,
            'payload',
            'originalPayloadFormat and originalPayload must be set together or both left unset',
          );
        }
        const identities = new Map<string, number>();
        let shape = -1;
        profile.samples.forEach((sample, k) => {
          const q = `${p}.samples[${k}]`;
          index(`${q}.stackIndex`, sample.stackIndex, 'stackTable');
          attributeList(`${q}.attributeIndices`, sample.attributeIndices);
          index(`${q}.linkIndex`, sample.linkIndex, 'linkTable');
          const nv = sample.values.length;
          const nt = sample.timestampsUnixNano.length;
          if (nv === 0 && nt === 0) add(q, 'sample-values', 'a sample needs at least one value or timestamp');
          else if (nv !== 0 && nt !== 0 && nv !== nt) {
            add(
              q,
              'sample-values',
              `${nv} values but ${nt} timestamps: when both are set they pair up one to one`,
            );
          }
          // One shape per profile: 1 timestamps only, 2 aggregated values, 3 a value per timestamp.
          const sampleShape = (nt > 0 ? 1 : 0) + (nv > 0 ? 2 : 0);
          if (shape === -1 && sampleShape !== 0) shape = sampleShape;
          else if (sampleShape !== 0 && sampleShape !== shape) {
            add(
              q,
              'sample-shape',
              'samples of one profile should share one shape (timestamps only, aggregated values, or a value per timestamp)',
            );
          }
          const identity = sampleIdentity(sample);
          const first = identities.get(identity);
          if (first === undefined) identities.set(identity, k);
          else
            add(
              q,
              'duplicate-sample',
              `same stack, attributes and link as samples[${first}]: combine them into one sample`,
            );
          for (let v = 0; v < nv; v++) safe(`${q}.values[${v}]`, sample.values[v]);
          for (let t = 0; t < nt; t++) u64(`${q}.timestampsUnixNano[${t}]`, sample.timestampsUnixNano[t]);
        });
      });
    });
  });
  return out;
}

function checkTables(
  d: ProfilesDictionary,
  add: (path: string, rule: string, message: string) => void,
): void {
  const zero = (table: Table, isZero: boolean, what: string): void => {
    if (d[table].length === 0)
      add(`dictionary.${table}`, 'zero-element', `${table}[0] must be present and be ${what}`);
    else if (!isZero) add(`dictionary.${table}[0]`, 'zero-element', `${table}[0] must be ${what}`);
  };
  const [m0, l0, f0, k0, s0, a0, t0] = [
    d.mappingTable[0],
    d.locationTable[0],
    d.functionTable[0],
    d.linkTable[0],
    d.stringTable[0],
    d.attributeTable[0],
    d.stackTable[0],
  ];
  zero('mappingTable', m0 !== undefined && mappingKey(m0) === '0|0|0|0|', 'Mapping{}');
  zero('locationTable', l0 !== undefined && locationKey(l0) === '0|0||', 'Location{}');
  zero('functionTable', f0 !== undefined && functionKey(f0) === '0|0|0|0', 'Function{}');
  zero(
    'linkTable',
    k0 !== undefined && isZeroBytes(k0.traceId) && isZeroBytes(k0.spanId),
    'a zero Link (16 + 8 zero bytes)',
  );
  zero('stringTable', s0 === '', '""');
  zero('attributeTable', a0 !== undefined && attributeKey(a0) === '0|0|', 'KeyValueAndUnit{}');
  zero('stackTable', t0 !== undefined && t0.locationIndices.length === 0, 'Stack{}');

  const dupes = <T>(table: Table, list: T[], key: (item: T) => string): void => {
    const seen = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const k = key(list[i]);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else add(`dictionary.${table}[${i}]`, 'duplicate', `${table}[${i}] duplicates ${table}[${first}]`);
    }
  };
  dupes('mappingTable', d.mappingTable, mappingKey);
  dupes('locationTable', d.locationTable, locationKey);
  dupes('functionTable', d.functionTable, functionKey);
  dupes('linkTable', d.linkTable, linkKey);
  dupes('stringTable', d.stringTable, (s) => s);
  dupes('attributeTable', d.attributeTable, attributeKey);
  dupes('stackTable', d.stackTable, stackKey);
}

/** Calls `visit` for every stringValueStrindex inside an AnyValue. */
function anyValueStrindices(path: string, v: AnyValue, visit: (path: string, index: number) => void): void {
  if ('stringValueStrindex' in v) {
    visit(`${path}.stringValueStrindex`, v.stringValueStrindex);
  } else if ('arrayValue' in v) {
    const values = v.arrayValue.values;
    for (let i = 0; i < values.length; i++)
      anyValueStrindices(`${path}.arrayValue.values[${i}]`, values[i], visit);
  } else if ('kvlistValue' in v) {
    const values = v.kvlistValue.values;
    for (let i = 0; i < values.length; i++) {
      const value = values[i].value;
      if (value !== undefined) anyValueStrindices(`${path}.kvlistValue.values[${i}].value`, value, visit);
    }
  }
}
