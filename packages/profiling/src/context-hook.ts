import { type AsyncHook, createHook } from 'node:async_hooks';
/** What the hook feeds at each span switch: a SpanTimeline, or an engine's own context. */
export interface SpanSink {
  record(span: unknown): void;
}

/**
 * Feeds SpanTimelines with every switch of the active OTel span, without the user doing
 * anything beyond starting a profiler, whether the tracer provider registered its context manager
 * before or after (NodeTracerProvider#register(), NodeSDK, context.setGlobalContextManager()).
 *
 * - Synchronous switches (`context.with`, `startActiveSpan`): the global ContextManager is
 *   wrapped; `with()` records the span on entry and the restored one on exit.
 * - Asynchronous switches (continuations after `await`, timers, I/O callbacks): an async_hooks
 *   `before` hook records the span of the context the callback resumes in. It is enabled only
 *   while a profiler records spans.
 *
 * The manager lives in the API's global registry, `globalThis[Symbol.for('opentelemetry.js.api.1')]`
 * (shared by every copy of @opentelemetry/api 1.x), as `.context`. That property is replaced with
 * an accessor: reads return the wrapper, writes (registration) wrap the new manager. When the
 * registry object does not exist yet, an accessor on globalThis catches its creation.
 */

const API_KEY = Symbol.for('opentelemetry.js.api.1');
/** The API's span context key (`createContextKey` is `Symbol.for(description)`). */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');
const kTracking = Symbol('otlpx.profiling.tracking');

interface Context {
  getValue(key: symbol): unknown;
}

export interface ContextManagerLike {
  active(): Context;
  with(context: Context, fn: (...args: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown;
  bind<T>(context: Context, target: T): T;
  enable(): ContextManagerLike;
  disable(): ContextManagerLike;
}

const timelines: SpanSink[] = [];
let inner: ContextManagerLike | undefined;
/** The AsyncLocalStorage of an AsyncLocalStorageContextManager (read directly: one call less per switch). */
let store: { getStore(): Context | undefined } | undefined;
let asyncHook: AsyncHook | undefined;
/** The context and span last noted: most resumptions stay in the same context and return at once. */
let lastContext: unknown;
let current: unknown;

function note(span: unknown): void {
  if (span === current) return;
  current = span;
  for (let i = 0; i < timelines.length; i++) timelines[i].record(span);
}

// The async_hooks `before` hook: the span of the context the callback resumes in. Counted on the
// async HTTP benchmark (8 keep-alive clients, a span per request on both sides): 31 resumptions
// per request (22 of them nextTick callbacks), of which 10 change the active context, always with
// its span. So the hook compares the context first (the ALS store, one property read) and only on
// a change reads the span and records it.
function recordActive(): void {
  const context = store !== undefined ? store.getStore() : inner?.active();
  if (context === lastContext) return;
  lastContext = context;
  note(context?.getValue(SPAN_KEY));
}

function setInner(manager: ContextManagerLike | undefined): void {
  inner = manager;
  lastContext = undefined;
  current = undefined;
  const als = (manager as unknown as { _asyncLocalStorage?: { getStore?: unknown } } | undefined)
    ?._asyncLocalStorage;
  store = typeof als?.getStore === 'function' ? (als as { getStore(): Context | undefined }) : undefined;
}

/** The wrapper registered in place of the user's context manager; it forwards everything. */
class TrackingContextManager implements ContextManagerLike {
  readonly [kTracking] = true;
  readonly #inner: ContextManagerLike;

  constructor(manager: ContextManagerLike) {
    this.#inner = manager;
  }

  active(): Context {
    return this.#inner.active();
  }

  with(
    context: Context,
    fn: (...args: unknown[]) => unknown,
    thisArg?: unknown,
    ...args: unknown[]
  ): unknown {
    if (context !== lastContext) {
      lastContext = context;
      note(context?.getValue(SPAN_KEY));
    }
    try {
      return this.#inner.with(context, fn, thisArg, ...args);
    } finally {
      recordActive();
    }
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return this.#inner.bind(context, target);
    // The inner manager's bound functions would call its own with(), bypassing the record.
    const self = this;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]) {
      return self.with(context, fn, this, ...args);
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound as unknown as T;
  }

  enable(): this {
    this.#inner.enable();
    return this;
  }

  disable(): this {
    this.#inner.disable();
    return this;
  }
}

function wrap(manager: ContextManagerLike | undefined): ContextManagerLike | undefined {
  if (manager === undefined || manager === null) return undefined;
  if ((manager as unknown as Record<symbol, unknown>)[kTracking]) return manager;
  return new TrackingContextManager(manager);
}

/** The wrapper that the registry's `context` accessor returns. */
let wrapper: ContextManagerLike | undefined;

// One getter and one setter for every registry object hooked: V8 shares a map transition only
// between identical accessor pairs, and an object that gets another pair where a transition has
// one becomes a dictionary (seen with %HasFastProperties after a stop and a start).
function getContextManager(): ContextManagerLike | undefined {
  return wrapper;
}
(getContextManager as unknown as Record<symbol, unknown>)[kTracking] = true;

function setContextManager(manager: ContextManagerLike | undefined): void {
  setInner(manager);
  wrapper = wrap(manager);
}

const contextAccessor: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get: getContextManager,
  set: setContextManager,
};

function hookRegistry(api: Record<string, unknown>): void {
  const desc = Object.getOwnPropertyDescriptor(api, 'context');
  if (desc?.get && (desc.get as unknown as Record<symbol, unknown>)[kTracking]) return;
  const current = (desc ? (desc.get ? desc.get.call(api) : desc.value) : undefined) as
    | ContextManagerLike
    | undefined;
  const unwrapped =
    current && (current as unknown as Record<symbol, unknown>)[kTracking] ? undefined : current;
  setInner(unwrapped ?? inner);
  wrapper = wrap(inner);
  if (desc === undefined) Object.defineProperty(api, 'context', contextAccessor);
  else replaceRegistry(api, contextAccessor);
}

/**
 * Installs a copy of the registry `api` (same properties, same order) with its `context` entry
 * defined as `context`. Turning the existing `context` data property into an accessor in place,
 * or deleting it, drops the registry object into V8's dictionary mode (slow properties) for good,
 * and every API call reads it (`getGlobal`: its `version`, then the entry); a new object that
 * gets its properties one by one stays fast. Callgrind (benchmarks/profiler-overhead, light HTTP
 * workload, 4 registry reads per request): about 1k fewer instructions per request, of ~30k for
 * the tracking. The API reads `globalThis[Symbol.for('opentelemetry.js.api.1')]` at every call,
 * so the copy takes over at once; the old object keeps its entries.
 */
function replaceRegistry(api: Record<string, unknown>, context: PropertyDescriptor | undefined): void {
  const fresh: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(api)) {
    const desc = key === 'context' ? context : Object.getOwnPropertyDescriptor(api, key);
    if (desc) Object.defineProperty(fresh, key, desc); // context: undefined drops the entry
  }
  (globalThis as unknown as Record<symbol, unknown>)[API_KEY] = fresh;
}

function hookGlobal(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const api = g[API_KEY];
  if (typeof api === 'object' && api !== null) {
    hookRegistry(api as Record<string, unknown>);
    return;
  }
  const desc = Object.getOwnPropertyDescriptor(g, API_KEY);
  if (desc?.set) return; // already waiting for the registry
  Object.defineProperty(g, API_KEY, {
    configurable: true,
    enumerable: false,
    get: () => undefined,
    set(value: unknown) {
      Object.defineProperty(g, API_KEY, { configurable: true, enumerable: false, writable: true, value });
      if (typeof value === 'object' && value !== null) hookRegistry(value as Record<string, unknown>);
    },
  });
}

function unhookGlobal(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const desc = Object.getOwnPropertyDescriptor(g, API_KEY);
  if (desc?.set) {
    delete g[API_KEY];
    return;
  }
  const api = g[API_KEY] as Record<string, unknown> | undefined;
  if (!api) return;
  const apiDesc = Object.getOwnPropertyDescriptor(api, 'context');
  if (apiDesc?.get && (apiDesc.get as unknown as Record<symbol, unknown>)[kTracking]) {
    const restored =
      inner === undefined
        ? undefined
        : { configurable: true, enumerable: true, writable: true, value: inner };
    replaceRegistry(api, restored);
    // and in place, for whoever holds the registry object
    delete api.context;
    if (inner !== undefined) api.context = inner;
  }
  setInner(undefined);
}

/** Starts feeding `timeline` (and re-installs the hook if the API unregistered it meanwhile). */
export function attachTimeline(timeline: SpanSink): void {
  if (!timelines.includes(timeline)) timelines.push(timeline);
  hookGlobal();
  if (!asyncHook) asyncHook = createHook({ before: recordActive });
  if (timelines.length === 1) asyncHook.enable();
  lastContext = undefined;
  current = undefined;
  recordActive();
  timeline.record(current);
}

/** Re-installs the hook if `context.disable()` removed it (called at each profile window). */
export function refreshHook(): void {
  if (timelines.length > 0) hookGlobal();
}

export function detachTimeline(timeline: SpanSink): void {
  const at = timelines.indexOf(timeline);
  if (at < 0) return;
  timelines.splice(at, 1);
  if (timelines.length === 0) {
    asyncHook?.disable();
    unhookGlobal();
  }
}
