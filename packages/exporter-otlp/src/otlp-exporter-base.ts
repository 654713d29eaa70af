/**
 * What the four signal exporters share besides `export()`: the transport they own, and the
 * lifecycle and counters that are the transport's. One small base class rather than four copies.
 */
import { type OtlpExporterOptions, type ResolvedConfig, resolveConfig, type Signal } from './config.js';
import type { ExportStats } from './export-stats.js';
import { HttpTransport } from './http-transport.js';

export abstract class OtlpExporterBase {
  protected readonly transport: HttpTransport;

  protected constructor(signal: Signal, options: OtlpExporterOptions) {
    this.transport = new HttpTransport(resolveConfig(signal, options));
  }

  /** The resolved, frozen configuration. */
  get config(): ResolvedConfig {
    return this.transport.config;
  }

  /** Resolves when no export is in flight. */
  forceFlush(): Promise<void> {
    return this.transport.idle();
  }

  /** Refuses new exports, waits for those in flight, closes the sockets. */
  shutdown(): Promise<void> {
    return this.transport.shutdown();
  }

  /** A copy of the counters. */
  stats(): ExportStats {
    return { ...this.transport.stats };
  }
}
