import { describe, expect, it } from 'vitest';
import { k8sResource, serviceResource } from '../src/index.js';

describe('k8sResource', () => {
  it('sets every workload entity', () => {
    const attrs = k8sResource()
      .cluster('prod', 'c-uid')
      .node('node-1')
      .namespace('shop')
      .pod('cart-1', 'p-uid')
      .podLabel('app', 'cart')
      .podAnnotation('team', 'a')
      .container('cart', 2)
      .containerId('abc')
      .deployment('cart')
      .replicaSet('cart-7d9f')
      .statefulSet('s')
      .daemonSet('d')
      .job('j')
      .cronJob('cj')
      .build();
    expect(attrs).toMatchObject({
      'k8s.cluster.name': 'prod',
      'k8s.cluster.uid': 'c-uid',
      'k8s.node.name': 'node-1',
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'cart-1',
      'k8s.pod.uid': 'p-uid',
      'k8s.pod.label.app': 'cart',
      'k8s.pod.annotation.team': 'a',
      'k8s.container.name': 'cart',
      'k8s.container.restart_count': 2,
      'container.id': 'abc',
      'k8s.deployment.name': 'cart',
      'k8s.replicaset.name': 'cart-7d9f',
      'k8s.statefulset.name': 's',
      'k8s.daemonset.name': 'd',
      'k8s.job.name': 'j',
      'k8s.cronjob.name': 'cj',
    });
    expect('k8s.node.uid' in attrs).toBe(false);
  });
});

describe('serviceResource', () => {
  it('requires service.name and sets the SDK triple', () => {
    expect(() => serviceResource().version('1').build()).toThrow(
      "entity.service requires attribute 'service.name'",
    );
    const attrs = serviceResource()
      .name('checkout')
      .version('1.4.2')
      .namespace('shop')
      .instanceId('i-1')
      .environment('production')
      .telemetrySdk({ name: 'opentelemetry', language: 'nodejs', version: '2.0.0' })
      .setAll({ 'service.version': '1.4.3', 'service.namespace': undefined })
      .build();
    expect(attrs).toEqual({
      'service.name': 'checkout',
      'service.version': '1.4.3',
      'service.instance.id': 'i-1',
      'deployment.environment.name': 'production',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.version': '2.0.0',
    });
  });
});
