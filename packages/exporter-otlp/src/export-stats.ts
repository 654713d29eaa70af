/**
 * Self-telemetry of an exporter (and, with the processor's fields, of FastSpanProcessor): plain
 * counters, incremented in place, read through `stats()` as a copy.
 */
export interface ExportStats {
  /** Export calls that delivered their batch (2xx, partial success included). */
  exportsSucceeded: number;
  /** Export calls that did not. */
  exportsFailed: number;
  /** Items (spans, data points' metrics, log records, profiles) in succeeded exports. */
  itemsExported: number;
  /** Items in failed exports. */
  itemsFailed: number;
  /** Items the receiver rejected in partial-success answers. */
  itemsRejected: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Requests that were retries. */
  retries: number;
  /** Body bytes sent, after codec and compression, retries included. */
  bytesSent: number;
  /** Batches re-sent as plain OTLP because the receiver refused the codec. */
  codecFallbacks: number;
  /** Items written to the durable spool instead of failing. */
  itemsSpooled: number;
  /** Spooled items delivered later (also counted in itemsExported). */
  itemsReplayed: number;
}

export function newExportStats(): ExportStats {
  return {
    exportsSucceeded: 0,
    exportsFailed: 0,
    itemsExported: 0,
    itemsFailed: 0,
    itemsRejected: 0,
    requests: 0,
    retries: 0,
    bytesSent: 0,
    codecFallbacks: 0,
    itemsSpooled: 0,
    itemsReplayed: 0,
  };
}
