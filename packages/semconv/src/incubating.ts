/**
 * `@otlpx/semconv/incubating`: everything in the main entry plus the attributes and groups that
 * are not stable yet (development, release candidate) or deprecated, and the builders that
 * depend on them. These may change in a minor release, as in the official package.
 */

export * from './gen/groups/index.js';
export * from './gen/incubating/index.js';
export * from './index.js';
export {
  type MessagingOperation,
  type MessagingSpanAttributes,
  MessagingSpanBuilder,
  type MessagingSpanOptions,
  messagingSpan,
} from './messaging-span.js';
