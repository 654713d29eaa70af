import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/registry.js';

describe('loadRegistry', () => {
  it('loads once and describes attributes with enum members', async () => {
    const registry = await loadRegistry();
    expect(await loadRegistry()).toBe(registry);
    expect(registry.version).toBe('1.44.0');
    expect(registry.schemaVersion).toBe('1.44.0');
    const method = registry.attribute('http.request.method');
    expect(method).toMatchObject({ type: 'enum[string]', stability: 'stable' });
    expect(method?.members?.find((m) => m.value === '_OTHER')).toEqual({
      id: 'other',
      value: '_OTHER',
      stability: 'stable',
    });
    const op = registry.attribute('messaging.operation.type');
    expect(op?.members?.find((m) => m.value === 'publish')?.deprecated).toEqual({
      reason: 'renamed',
      renamedTo: 'send',
    });
    expect(registry.attribute('http.request.header.x-id')?.name).toBe('http.request.header');
    expect(registry.attribute('http.request.header')?.type).toBe('template[string[]]');
    expect(registry.attribute('http.request.headerx')).toBeUndefined();
    expect(registry.attribute('no.such.thing')).toBeUndefined();
  });

  it('describes groups with requirement levels and conditions', async () => {
    const registry = await loadRegistry();
    const client = registry.group('span.http.client');
    expect(client).toMatchObject({
      type: 'span',
      spanKind: 'client',
      stability: 'stable',
      base: 'attributes.http.client',
      syntax: 1,
    });
    const level = (name: string) => client?.attributes.find((a) => a.name === name);
    expect(level('http.request.method')).toEqual({ name: 'http.request.method', requirement: 'required' });
    expect(level('url.scheme')?.requirement).toBe('opt_in');
    expect(level('http.response.status_code')).toEqual({
      name: 'http.response.status_code',
      requirement: 'conditionally_required',
      condition: 'If and only if one was received/sent.',
    });
    const kafka = registry.group('span.messaging.kafka.send.producer');
    expect(kafka).toMatchObject({ syntax: 2, base: 'messaging.send.producer', spanKind: 'producer' });
    expect(kafka?.attributes.find((a) => a.name === 'messaging.system')?.requirement).toBe('required');
    expect(kafka?.attributes.find((a) => a.name === 'server.address')).toBeDefined();
    const metric = registry.group('metric.http.server.request.duration');
    expect(metric).toMatchObject({
      type: 'metric',
      name: 'http.server.request.duration',
      instrument: 'histogram',
      unit: 's',
    });
    expect(registry.group('entity.service')?.attributes[0]).toEqual({
      name: 'service.name',
      requirement: 'required',
    });
  });

  it('follows renames through deprecations and the schema history', async () => {
    const registry = await loadRegistry();
    expect(registry.resolveName('db.statement')).toEqual({
      name: 'db.query.text',
      current: true,
      steps: [{ from: 'db.statement', to: 'db.query.text', source: 'deprecated' }],
    });
    const protocol = registry.resolveName('messaging.protocol');
    expect(protocol.name).toBe('network.protocol.name');
    expect(protocol.current).toBe(true);
    expect(protocol.steps.map((s) => s.to)).toEqual([
      'net.app.protocol.name',
      'net.protocol.name',
      'network.protocol.name',
    ]);
    expect(registry.resolveName('telemetry.auto.version').name).toBe('telemetry.distro.version');
    expect(registry.resolveName('db.user')).toEqual({ name: 'db.user', current: false, steps: [] });
    expect(registry.resolveName('service.name')).toEqual({ name: 'service.name', current: true, steps: [] });
    expect(registry.renames.some((r) => r.applyTo !== undefined)).toBe(true);
    expect(registry.metricRenames.find((r) => r.from === 'v8js.memory.heap.limit')?.to).toBe(
      'v8js.memory.heap.space.size',
    );
  });

  it('maps old values to the current name and value', async () => {
    const registry = await loadRegistry();
    expect(registry.mapValue('db.system', 'mssql')).toEqual({
      name: 'db.system.name',
      value: 'microsoft.sql_server',
      mapped: true,
    });
    expect(registry.mapValue('db.system', 'postgresql')).toEqual({
      name: 'db.system.name',
      value: 'postgresql',
      mapped: true,
    });
    expect(registry.mapValue('db.system', 'cloudscape')).toEqual({
      name: 'db.system.name',
      value: 'other_sql',
      mapped: true,
    });
    expect(registry.mapValue('db.system', 'sybase')).toEqual({
      name: 'db.system.name',
      value: 'sybase',
      mapped: false,
    });
    expect(registry.mapValue('messaging.operation.type', 'publish')).toEqual({
      name: 'messaging.operation.type',
      value: 'send',
      mapped: true,
    });
    expect(registry.mapValue('messaging.operation', 'deliver').value).toBe('process');
    expect(registry.mapValue('net.transport', 'ip_tcp')).toEqual({
      name: 'network.transport',
      value: 'tcp',
      mapped: true,
    });
    expect(registry.mapValue('url.path', '/x')).toEqual({ name: 'url.path', value: '/x', mapped: true });
  });
});
