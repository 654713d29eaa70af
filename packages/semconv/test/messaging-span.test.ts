import { describe, expect, it } from 'vitest';
import { messagingSpan, OtlpxMissingAttributesError } from '../src/incubating.js';

describe('messagingSpan', () => {
  it('builds a Kafka send span', () => {
    const attrs = messagingSpan('send')
      .system('kafka')
      .operationName('send')
      .destination('orders', 'orders')
      .partition(3)
      .messageId('m-1')
      .conversationId('c-1')
      .bodySize(128)
      .clientId('client-1')
      .server('broker', 9092)
      .kafka({ key: 'k', offset: 42, tombstone: false, clusterId: 'cl' })
      .build();
    expect(attrs).toEqual({
      'messaging.operation.type': 'send',
      'messaging.system': 'kafka',
      'messaging.operation.name': 'send',
      'messaging.destination.name': 'orders',
      'messaging.destination.template': 'orders',
      'messaging.destination.partition.id': '3',
      'messaging.message.id': 'm-1',
      'messaging.message.conversation_id': 'c-1',
      'messaging.message.body.size': 128,
      'messaging.client.id': 'client-1',
      'server.address': 'broker',
      'server.port': 9092,
      'messaging.kafka.message.key': 'k',
      'messaging.kafka.offset': 42,
      'messaging.kafka.cluster.id': 'cl',
    });
  });

  it('uses the refined span of the system for required attributes', () => {
    const rabbit = messagingSpan('process').system('rabbitmq').operationName('deliver');
    expect(rabbit.missing()).toEqual(['messaging.destination.name']);
    expect(() => rabbit.build()).toThrow(OtlpxMissingAttributesError);
    try {
      rabbit.build();
    } catch (err) {
      expect((err as OtlpxMissingAttributesError).group).toBe('messaging.process.consumer (rabbitmq)');
    }
    const ok = rabbit
      .destination('q')
      .rabbitmq({ routingKey: 'rk', deliveryTag: 7 })
      .consumerGroup('g')
      .build();
    expect(ok['messaging.rabbitmq.destination.routing_key']).toBe('rk');
    expect(ok['messaging.rabbitmq.message.delivery_tag']).toBe(7);
    expect(messagingSpan('receive').system('rocketmq').operationName('r').missing()).toEqual([
      'messaging.rocketmq.namespace',
      'messaging.consumer.group.name',
    ]);
  });

  it('requires system and operation name, picks the span by operation and kind', () => {
    expect(messagingSpan('create').missing()).toEqual(['messaging.system', 'messaging.operation.name']);
    expect(messagingSpan('send', { kind: 'client' }).group).toBe('messaging.send.client');
    expect(messagingSpan('settle').group).toBe('messaging.settle.client');
    expect(
      messagingSpan('send').system('my-own').operationName('x').batchCount(3).error('timeout').build(),
    ).toMatchObject({
      'messaging.batch.message_count': 3,
      'error.type': 'timeout',
    });
    expect(
      messagingSpan('send').kafka({ tombstone: true }).partial()['messaging.kafka.message.tombstone'],
    ).toBe(true);
  });
});
