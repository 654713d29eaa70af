import { Session } from 'node:inspector';
import { OtlpxProfilingError } from './errors.js';

/**
 * A `node:inspector` Session on the current thread (main thread or worker: each isolate has its
 * own inspector, so a worker profiles itself), with synchronous calls. Same-thread sessions
 * answer inside `post()`; if one ever answers later, the call fails with a coded error instead
 * of blocking the event loop.
 */
export class InspectorSession {
  readonly #session = new Session();
  #connected = false;

  connect(): void {
    if (this.#connected) return;
    try {
      this.#session.connect();
    } catch (cause) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_SESSION',
        `cannot open an inspector session on this thread: ${(cause as Error).message}`,
        { cause },
      );
    }
    this.#connected = true;
  }

  get connected(): boolean {
    return this.#connected;
  }

  post<T = unknown>(method: string, params?: object): T {
    if (!this.#connected) {
      throw new OtlpxProfilingError('OTLPX_ERR_PROFILING_SESSION', `inspector session is closed (${method})`);
    }
    let done = false;
    let error: Error | null = null;
    let result: unknown;
    try {
      this.#session.post(method, params ?? {}, (err, res) => {
        done = true;
        error = err;
        result = res;
      });
    } catch (cause) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_SESSION',
        `${method} failed: ${(cause as Error).message}`,
        { cause },
      );
    }
    if (!done) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_SESSION',
        `${method} did not answer synchronously: not a same-thread inspector session`,
      );
    }
    if (error) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_SESSION',
        `${method} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return result as T;
  }

  on(event: string, listener: (message: { params: unknown }) => void): void {
    this.#session.on(event, listener);
  }

  off(event: string, listener: (message: { params: unknown }) => void): void {
    this.#session.off(event, listener);
  }

  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    try {
      this.#session.disconnect();
    } catch {
      // the thread is going away: nothing left to release
    }
  }
}
