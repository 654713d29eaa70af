import { performance } from 'node:perf_hooks';

/**
 * Work that can pause: a generator that yields where it may be resumed in a later event-loop
 * turn. A window's conversion is written this way so that ContinuousProfiler can spread it over
 * turns of at most a few milliseconds (`runFor`), whatever the window holds, while `stop()`,
 * `collect()` and a rotation that finds the previous conversion unfinished run it at once
 * (`runToEnd`). The yields sit inside the loops, every so many items, so a slice ends close to
 * its budget even when the code is still cold (a window's first conversion runs interpreted).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end now. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs `steps` until they end or `budgetMillis` has passed (at least one step). */
export function runFor<T>(steps: Steps<T>, budgetMillis: number): IteratorResult<void, T> {
  const until = performance.now() + budgetMillis;
  for (;;) {
    const step = steps.next();
    if (step.done || performance.now() >= until) return step;
  }
}
