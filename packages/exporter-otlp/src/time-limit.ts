/**
 * Time limits on work the exporter does not control (the user's option functions, resource
 * detectors), one mechanism for all of them: a promise raced against a timer that rejects with
 * a RequestTimeout, like the request timeouts they sit beside.
 */
import { RequestTimeout } from './http-request.js';

/** `fn()` as a promise: a synchronous throw becomes a rejection. */
export function attempt<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * `promise`, or a rejection with a RequestTimeout once `timeoutMillis` have passed. The timer is
 * unref'd: it only bounds a wait, so it must not keep an application alive that has nothing else
 * left to do (a resource detector that never settles, a user's function that never returns).
 */
export function within<T>(promise: Promise<T>, timeoutMillis: number): Promise<T> {
  if (timeoutMillis === Number.POSITIVE_INFINITY) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RequestTimeout(timeoutMillis)), Math.max(0, timeoutMillis));
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * `first` within `timeoutMillis`, then `next` with the time that is left (a RequestTimeout when
 * none is): a request whose headers or Agent come first, all under one limit.
 */
export async function withinThen<A, B>(
  timeoutMillis: number,
  first: (timeoutMillis: number) => Promise<A>,
  next: (value: A, timeoutMillis: number) => Promise<B>,
): Promise<B> {
  const started = Date.now();
  const value = await first(timeoutMillis);
  const left = timeoutMillis - (Date.now() - started);
  if (left <= 0) throw new RequestTimeout(timeoutMillis);
  return next(value, left);
}
