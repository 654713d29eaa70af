import type { Attributes, AttributeValue } from './attribute-value.js';
import { OtlpxMissingAttributesError } from './errors.js';

/**
 * Collects the attributes of one registry group. Setters are typed by the group's generated
 * interface (`HttpClientSpanAttributes`, ...); `build()` returns plain `Attributes` and throws
 * `OtlpxMissingAttributesError` naming every required key that is still unset.
 */
export class AttributeBuilder<T extends object> {
  readonly group: string;
  readonly #required: readonly string[];
  readonly #attributes: Attributes = {};

  constructor(group: string, required: readonly (keyof T & string)[] | readonly string[]) {
    this.group = group;
    this.#required = required;
  }

  /** Sets `key`; `undefined` or `null` removes it, so optional values can be passed through. */
  set<K extends keyof T & string>(key: K, value: T[K] | undefined | null): this {
    return this.setValue(key, value as AttributeValue | undefined | null);
  }

  /** Untyped `set()`: for template keys (`k8s.pod.label.<key>`) and keys shared across groups. */
  setValue(key: string, value: AttributeValue | undefined | null): this {
    if (value === undefined || value === null) delete this.#attributes[key];
    else this.#attributes[key] = value;
    return this;
  }

  /** Sets every defined value of `values`. */
  setAll(values: Partial<T>): this {
    for (const key of Object.keys(values) as (keyof T & string)[]) this.set(key, values[key]);
    return this;
  }

  get<K extends keyof T & string>(key: K): T[K] | undefined {
    return this.#attributes[key] as T[K] | undefined;
  }

  /**
   * The registry group the attributes are checked against and its required keys. Builders whose
   * group depends on the values (messaging: operation and system) override it.
   */
  protected requirement(): { group: string; required: readonly string[] } {
    return { group: this.group, required: this.#required };
  }

  /** Required keys that have no value yet, in registry order. */
  missing(): string[] {
    const { required } = this.requirement();
    const missing: string[] = [];
    for (let i = 0; i < required.length; i++) {
      const key = required[i];
      if (this.#attributes[key] === undefined) missing.push(key);
    }
    return missing;
  }

  /** A copy of the attributes; throws `OtlpxMissingAttributesError` if a required one is unset. */
  build(): Attributes & T {
    const missing = this.missing();
    if (missing.length > 0) throw new OtlpxMissingAttributesError(this.requirement().group, missing);
    return { ...this.#attributes } as Attributes & T;
  }

  /** The attributes set so far, without the required check (for spans still in progress). */
  partial(): Attributes & Partial<T> {
    return { ...this.#attributes } as Attributes & Partial<T>;
  }
}
