import type { Attributes } from './attribute-value.js';
import { k8sResource } from './k8s-resource.js';

export interface DetectK8sResourceOptions {
  /** Environment to read. Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default: `/var/run/secrets/kubernetes.io/serviceaccount/namespace`. */
  namespaceFile?: string;
  /** Default: `/proc/self/cgroup`. */
  cgroupFile?: string;
  /** Default: `/proc/self/mountinfo` (cgroup v2 with a private cgroup namespace shows `0::/`). */
  mountinfoFile?: string;
}

export const SERVICE_ACCOUNT_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/**
 * Downward-API variables read per attribute, first set wins. The `K8S_*` names are ours (set
 * them with `fieldRef` in the pod spec); the others are what the OpenTelemetry Operator and
 * common charts inject.
 */
export const K8S_ENV_VARS: Readonly<Record<string, readonly string[]>> = {
  'k8s.pod.name': ['K8S_POD_NAME', 'OTEL_RESOURCE_ATTRIBUTES_POD_NAME', 'POD_NAME'],
  'k8s.pod.uid': ['K8S_POD_UID', 'OTEL_RESOURCE_ATTRIBUTES_POD_UID', 'POD_UID'],
  'k8s.namespace.name': ['K8S_NAMESPACE_NAME', 'K8S_NAMESPACE', 'POD_NAMESPACE'],
  'k8s.node.name': ['K8S_NODE_NAME', 'OTEL_RESOURCE_ATTRIBUTES_NODE_NAME', 'NODE_NAME'],
  'k8s.container.name': ['K8S_CONTAINER_NAME', 'CONTAINER_NAME'],
  'k8s.deployment.name': ['K8S_DEPLOYMENT_NAME'],
  'k8s.cluster.name': ['K8S_CLUSTER_NAME'],
};

/**
 * Reads a small text file, or `undefined` when it is missing or unreadable. `node:fs` comes
 * from `process.getBuiltinModule` (Node >= 20.16) instead of a static import, so the main entry
 * stays importable by browser bundlers.
 */
function readText(path: string): string | undefined {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  try {
    return fs?.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const CONTAINER_ID = /^[0-9a-f]{64}$/;

/**
 * Container id and pod uid from `/proc/self/cgroup`. Handles cgroup v1 and v2 paths of the
 * cgroupfs and systemd drivers: `/kubepods/burstable/pod<uid>/<id>`,
 * `/kubepods.slice/...-pod<uid_with_underscores>.slice/cri-containerd-<id>.scope`, `crio-<id>`,
 * `docker-<id>.scope`, `/docker/<id>`.
 */
export function parseCgroup(text: string): { containerId?: string; podUid?: string } {
  const result: { containerId?: string; podUid?: string } = {};
  for (const line of text.split('\n')) {
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    const segments = path.split('/');
    for (const segment of segments) {
      const pod = /pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/.exec(
        segment,
      );
      if (pod && result.podUid === undefined) result.podUid = pod[1].replace(/_/g, '-');
    }
    const last = (segments[segments.length - 1] ?? '').replace(/\.scope$/, '');
    const id = last.slice(last.lastIndexOf('-') + 1);
    if (result.containerId === undefined && CONTAINER_ID.test(id)) result.containerId = id;
  }
  return result;
}

/** Container id from `/proc/self/mountinfo` (`.../containers/<id>/hostname`), for cgroup v2 `0::/`. */
export function parseMountinfo(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /\/containers\/([0-9a-f]{64})\/(?:hostname|resolv\.conf|hosts)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Kubernetes resource attributes of the current process: the downward-API variables
 * (`K8S_ENV_VARS`), the service-account namespace file, and `container.id` (plus `k8s.pod.uid`
 * when no variable gives it) from the cgroup. Returns `{}` outside Kubernetes. Reads files
 * synchronously, once: call it at startup, not per request.
 */
export function detectK8sResource(options: DetectK8sResourceOptions = {}): Attributes {
  const env = options.env ?? globalThis.process?.env ?? {};
  const builder = k8sResource();
  let found = false;
  for (const [key, names] of Object.entries(K8S_ENV_VARS)) {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) {
        builder.setValue(key, value);
        found = true;
        break;
      }
    }
  }
  if (builder.get('k8s.namespace.name') === undefined) {
    const namespace = readText(options.namespaceFile ?? SERVICE_ACCOUNT_NAMESPACE_FILE)?.trim();
    if (namespace) {
      builder.namespace(namespace);
      found = true;
    }
  }
  const inCluster = found || env.KUBERNETES_SERVICE_HOST !== undefined;
  if (!inCluster) return {};
  if (builder.get('k8s.pod.name') === undefined && env.HOSTNAME) builder.pod(env.HOSTNAME);
  const cgroup = parseCgroup(readText(options.cgroupFile ?? '/proc/self/cgroup') ?? '');
  const containerId =
    cgroup.containerId ?? parseMountinfo(readText(options.mountinfoFile ?? '/proc/self/mountinfo') ?? '');
  if (containerId) builder.containerId(containerId);
  if (builder.get('k8s.pod.uid') === undefined && cgroup.podUid) builder.set('k8s.pod.uid', cgroup.podUid);
  return builder.build();
}

/**
 * `detectK8sResource()` in the shape of an `@opentelemetry/resources` `ResourceDetector`:
 * `resourceFromAttributes({})` users can pass it to `detectResources({ detectors: [...] })`.
 */
export const k8sResourceDetector = {
  detect(): { attributes: Attributes } {
    return { attributes: detectK8sResource() };
  },
};
