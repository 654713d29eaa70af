/** Package version, reported as the instrumentation scope version. */
export const VERSION = '0.0.0';
