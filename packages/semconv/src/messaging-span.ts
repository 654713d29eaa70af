import type {
  MessagingCreateProducerSpanAttributes,
  MessagingKafkaProcessConsumerSpanAttributes,
  MessagingProcessConsumerSpanAttributes,
  MessagingRabbitmqProcessConsumerSpanAttributes,
  MessagingReceiveClientSpanAttributes,
  MessagingSendClientSpanAttributes,
  MessagingSendProducerSpanAttributes,
  MessagingSettleClientSpanAttributes,
} from './gen/groups/messaging.js';
import * as groups from './gen/groups/messaging.js';
import { SpanBuilder } from './span-builder.js';
import { checkSize } from './value-checks.js';

/** Every key a messaging span may carry (the six operation spans plus Kafka and RabbitMQ). */
export type MessagingSpanAttributes = Partial<
  MessagingCreateProducerSpanAttributes &
    MessagingSendProducerSpanAttributes &
    MessagingSendClientSpanAttributes &
    MessagingReceiveClientSpanAttributes &
    MessagingProcessConsumerSpanAttributes &
    MessagingSettleClientSpanAttributes &
    MessagingKafkaProcessConsumerSpanAttributes &
    MessagingRabbitmqProcessConsumerSpanAttributes
>;

/** `messaging.operation.type` values that have a span definition, and that span's kind. */
const SPAN_KINDS = {
  create: 'producer',
  send: 'producer',
  receive: 'client',
  process: 'consumer',
  settle: 'client',
} as const;

export type MessagingOperation = keyof typeof SPAN_KINDS;

export interface MessagingSpanOptions {
  /** `send` only: `client` when a separate "create" span carries the creation context. */
  kind?: 'producer' | 'client';
}

const registryGroups = groups as unknown as Record<string, readonly string[] | undefined>;

/**
 * Builder for the messaging spans (`messaging.{create,send,receive,process,settle}.*`). The
 * required keys come from the registry's span for the operation, refined for the system when
 * the registry refines it (`kafka`, `rabbitmq`, `rocketmq`, `aws_sqs`, `gcp_pubsub`, ...).
 */
export class MessagingSpanBuilder extends SpanBuilder<MessagingSpanAttributes> {
  readonly #operation: MessagingOperation;
  readonly #kind: string;

  constructor(operation: MessagingOperation, options: MessagingSpanOptions = {}) {
    const kind = operation === 'send' && options.kind === 'client' ? 'client' : SPAN_KINDS[operation];
    super(`messaging.${operation}.${kind}`, []);
    this.#operation = operation;
    this.#kind = kind;
    this.set('messaging.operation.type', operation);
  }

  protected override requirement(): { group: string; required: readonly string[] } {
    const suffix = `${this.#operation}_${this.#kind}_SPAN_REQUIRED`.toUpperCase();
    const system = this.get('messaging.system');
    const refined = system
      ? registryGroups[`MESSAGING_${String(system).toUpperCase().replace(/\W/g, '_')}_${suffix}`]
      : undefined;
    if (refined) return { group: `${this.group} (${system})`, required: refined };
    return { group: this.group, required: registryGroups[`MESSAGING_${suffix}`] ?? [] };
  }

  /** `messaging.system` (`kafka`, `rabbitmq`, `aws_sqs`, ...). */
  system(system: NonNullable<MessagingSpanAttributes['messaging.system']>): this {
    return this.set('messaging.system', system);
  }

  /** `messaging.operation.name`: the system-specific name (`send`, `publish`, `ack`). */
  operationName(name: string): this {
    return this.set('messaging.operation.name', name);
  }

  /** `messaging.destination.name` and, when given, its low-cardinality `template`. */
  destination(name: string, template?: string): this {
    this.set('messaging.destination.name', name);
    return this.set('messaging.destination.template', template);
  }

  /** `messaging.destination.partition.id`. */
  partition(id: string | number): this {
    return this.set('messaging.destination.partition.id', String(id));
  }

  /** `messaging.message.id`. */
  messageId(id: string): this {
    return this.set('messaging.message.id', id);
  }

  /** `messaging.message.conversation_id`. */
  conversationId(id: string): this {
    return this.set('messaging.message.conversation_id', id);
  }

  /** `messaging.message.body.size` in bytes. */
  bodySize(bytes: number): this {
    return this.set('messaging.message.body.size', checkSize(bytes));
  }

  /** `messaging.batch.message_count` for batch operations. */
  batchCount(count: number): this {
    return this.set('messaging.batch.message_count', checkSize(count));
  }

  /** `messaging.client.id`. */
  clientId(id: string): this {
    return this.set('messaging.client.id', id);
  }

  /** `messaging.consumer.group.name` (Kafka consumer group, RocketMQ group, ...). */
  consumerGroup(name: string): this {
    return this.set('messaging.consumer.group.name', name);
  }

  /** Kafka specifics: message key, offset, tombstone (only recorded when `true`), cluster id. */
  kafka(values: { key?: string; offset?: number; tombstone?: boolean; clusterId?: string }): this {
    this.set('messaging.kafka.message.key', values.key);
    this.set('messaging.kafka.offset', values.offset);
    this.set('messaging.kafka.message.tombstone', values.tombstone === true ? true : undefined);
    return this.set('messaging.kafka.cluster.id', values.clusterId);
  }

  /** RabbitMQ specifics: routing key and delivery tag. */
  rabbitmq(values: { routingKey?: string; deliveryTag?: number }): this {
    this.set('messaging.rabbitmq.destination.routing_key', values.routingKey);
    return this.set('messaging.rabbitmq.message.delivery_tag', values.deliveryTag);
  }
}

/**
 * Attributes of a messaging span; `messaging.operation.type` is set from `operation`.
 *
 * ```ts
 * messagingSpan('send').system('kafka').operationName('send').destination('orders').build();
 * ```
 */
export function messagingSpan(
  operation: MessagingOperation,
  options?: MessagingSpanOptions,
): MessagingSpanBuilder {
  return new MessagingSpanBuilder(operation, options);
}
