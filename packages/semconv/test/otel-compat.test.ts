import type { Attributes as OtelAttributes } from '@opentelemetry/api';
import { detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { httpServerSpan, k8sResourceDetector, serviceResource } from '../src/index.js';

describe('compatibility with the OpenTelemetry JS API and SDK', () => {
  it('builder output is an @opentelemetry/api Attributes object', () => {
    const attrs: OtelAttributes = httpServerSpan().method('GET').url('http://localhost/x').build();
    expect(attrs['url.path']).toBe('/x');
  });

  it('resources take builder output and the k8s detector', () => {
    const resource = resourceFromAttributes(serviceResource().name('checkout').build()).merge(
      detectResources({ detectors: [k8sResourceDetector] }),
    );
    expect(resource.attributes['service.name']).toBe('checkout');
  });
});
