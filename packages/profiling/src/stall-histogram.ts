/** The last 1,024 rotation stalls (ms), for max and p99. */
export class StallHistogram {
  readonly #values = new Float64Array(1024);
  #count = 0;
  last = 0;
  max = 0;

  add(millis: number): void {
    this.#values[this.#count % this.#values.length] = millis;
    this.#count++;
    this.last = millis;
    if (millis > this.max) this.max = millis;
  }

  get count(): number {
    return this.#count;
  }

  /** Quantile q (0..1) over the retained values, nearest rank. */
  quantile(q: number): number {
    const n = Math.min(this.#count, this.#values.length);
    if (n === 0) return 0;
    const sorted = this.#values.slice(0, n).sort();
    return sorted[Math.min(n - 1, Math.ceil(q * n) - 1)];
  }
}
