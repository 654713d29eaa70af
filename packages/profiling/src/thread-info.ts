import { isMainThread, threadId } from 'node:worker_threads';

/** Profile attributes of the current thread: `thread.id` (0 on the main thread), `thread.name`, `process.pid`. */
export function threadAttributes(threadName?: string): Record<string, string | number> {
  return {
    'thread.id': threadId,
    'thread.name': threadName ?? (isMainThread ? 'main' : `worker-${threadId}`),
    'process.pid': process.pid,
  };
}
