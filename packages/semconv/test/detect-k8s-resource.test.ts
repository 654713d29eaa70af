import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectK8sResource, k8sResourceDetector, parseCgroup, parseMountinfo } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'semconv-k8s-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ID = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'b'.repeat(8);
const POD = '5f8d2c1e-1b2a-4c3d-9e8f-0a1b2c3d4e5f';
const missing = join(dir, 'missing');

describe('detectK8sResource', () => {
  it('reads downward-API variables, the namespace file and the cgroup', () => {
    const attrs = detectK8sResource({
      env: {
        K8S_POD_NAME: 'cart-1',
        NODE_NAME: 'node-a',
        K8S_CONTAINER_NAME: 'cart',
        K8S_CLUSTER_NAME: ' prod ',
      },
      namespaceFile: file('namespace', 'shop\n'),
      cgroupFile: file('cgroup-v1', `12:memory:/kubepods/burstable/pod${POD}/${ID}\n1:name=systemd:/\n`),
      mountinfoFile: missing,
    });
    expect(attrs).toEqual({
      'k8s.pod.name': 'cart-1',
      'k8s.node.name': 'node-a',
      'k8s.container.name': 'cart',
      'k8s.cluster.name': 'prod',
      'k8s.namespace.name': 'shop',
      'container.id': ID,
      'k8s.pod.uid': POD,
    });
  });

  it('prefers variables over files and falls back to HOSTNAME and mountinfo', () => {
    const attrs = detectK8sResource({
      env: {
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        HOSTNAME: 'web-5',
        POD_NAMESPACE: 'ns-env',
        K8S_POD_UID: 'uid-env',
      },
      namespaceFile: file('namespace2', 'ns-file'),
      cgroupFile: file('cgroup-v2', '0::/\n'),
      mountinfoFile: file(
        'mountinfo',
        `100 90 0:50 / / rw - overlay overlay rw\n200 100 8:1 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/x/hostname /etc/hostname rw\n201 100 8:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw\n`,
      ),
    });
    expect(attrs).toEqual({
      'k8s.namespace.name': 'ns-env',
      'k8s.pod.uid': 'uid-env',
      'k8s.pod.name': 'web-5',
      'container.id': ID,
    });
  });

  it('returns nothing outside Kubernetes', () => {
    expect(
      detectK8sResource({ env: { HOSTNAME: 'laptop' }, namespaceFile: missing, cgroupFile: missing }),
    ).toEqual({});
    expect(k8sResourceDetector.detect()).toHaveProperty('attributes');
  });
});

describe('cgroup parsing', () => {
  it('handles the systemd driver, cri-o and docker', () => {
    const uid = POD.replace(/-/g, '_');
    expect(
      parseCgroup(
        `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid}.slice/cri-containerd-${ID}.scope`,
      ),
    ).toEqual({ containerId: ID, podUid: POD });
    expect(parseCgroup(`0::/kubepods.slice/crio-${ID}.scope`).containerId).toBe(ID);
    expect(parseCgroup(`4:cpu:/docker/${ID}`).containerId).toBe(ID);
    expect(parseCgroup('0::/user.slice/session-1.scope')).toEqual({});
    expect(parseMountinfo('nothing here')).toBeUndefined();
  });
});
