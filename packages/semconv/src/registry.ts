/**
 * `@otlpx/semconv/registry`: the whole semantic-conventions registry at run time, for
 * validators and tools. The data (every attribute, enum member, group and schema rename) is a
 * separate chunk loaded on the first `loadRegistry()` call, so importing this entry costs
 * nothing until then.
 */
import { SemconvRegistry } from './semconv-registry.js';

export type { RegistryData } from './registry-format.js';
export type {
  AttributeInfo,
  Deprecation,
  EnumMember,
  GroupAttribute,
  GroupInfo,
  NameResolution,
  RenameStep,
  RequirementLevel,
} from './semconv-registry.js';
export { SemconvRegistry } from './semconv-registry.js';
export { VALUE_RENAMES } from './value-renames.js';

let loading: Promise<SemconvRegistry> | undefined;

/** Loads and expands the registry once; later calls return the same instance. */
export function loadRegistry(): Promise<SemconvRegistry> {
  loading ??= import('./gen/registry-data.js').then((m) => new SemconvRegistry(m.registryData));
  return loading;
}
