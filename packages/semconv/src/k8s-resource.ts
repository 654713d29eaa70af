import { AttributeBuilder } from './attribute-builder.js';
import type { ContainerResourceAttributes } from './gen/groups/container.js';
import { CONTAINER_RESOURCE_REQUIRED } from './gen/groups/container.js';
import type {
  K8sClusterResourceAttributes,
  K8sContainerResourceAttributes,
  K8sCronjobResourceAttributes,
  K8sDaemonsetResourceAttributes,
  K8sDeploymentResourceAttributes,
  K8sJobResourceAttributes,
  K8sNamespaceResourceAttributes,
  K8sNodeResourceAttributes,
  K8sPodResourceAttributes,
  K8sReplicasetResourceAttributes,
  K8sStatefulsetResourceAttributes,
} from './gen/groups/k8s.js';
import {
  K8S_CLUSTER_RESOURCE_REQUIRED,
  K8S_CONTAINER_RESOURCE_REQUIRED,
  K8S_NAMESPACE_RESOURCE_REQUIRED,
  K8S_NODE_RESOURCE_REQUIRED,
  K8S_POD_RESOURCE_REQUIRED,
} from './gen/groups/k8s.js';
import { ATTR_K8S_POD_ANNOTATION, ATTR_K8S_POD_LABEL } from './gen/stable/k8s.js';

/** The Kubernetes entities a workload's resource describes, plus `container.*`. */
export type K8sResourceAttributes = K8sClusterResourceAttributes &
  K8sNodeResourceAttributes &
  K8sNamespaceResourceAttributes &
  K8sPodResourceAttributes &
  K8sContainerResourceAttributes &
  K8sDeploymentResourceAttributes &
  K8sReplicasetResourceAttributes &
  K8sStatefulsetResourceAttributes &
  K8sDaemonsetResourceAttributes &
  K8sJobResourceAttributes &
  K8sCronjobResourceAttributes &
  ContainerResourceAttributes;

/** Builder for a Kubernetes workload's resource attributes (`entity.k8s.*`, `entity.container`). */
export class K8sResourceBuilder extends AttributeBuilder<K8sResourceAttributes> {
  constructor() {
    super('entity.k8s.*', [
      ...K8S_CLUSTER_RESOURCE_REQUIRED,
      ...K8S_NODE_RESOURCE_REQUIRED,
      ...K8S_NAMESPACE_RESOURCE_REQUIRED,
      ...K8S_POD_RESOURCE_REQUIRED,
      ...K8S_CONTAINER_RESOURCE_REQUIRED,
      ...CONTAINER_RESOURCE_REQUIRED,
    ]);
  }

  /** `<entity>.name` and, when given, `<entity>.uid` (an unset uid keeps one set earlier). */
  #named(entity: string, name: string, uid: string | undefined): this {
    this.setValue(`${entity}.name`, name);
    return uid === undefined ? this : this.setValue(`${entity}.uid`, uid);
  }

  cluster(name: string, uid?: string): this {
    return this.#named('k8s.cluster', name, uid);
  }

  node(name: string, uid?: string): this {
    return this.#named('k8s.node', name, uid);
  }

  namespace(name: string): this {
    return this.set('k8s.namespace.name', name);
  }

  pod(name: string, uid?: string): this {
    return this.#named('k8s.pod', name, uid);
  }

  /** `k8s.pod.label.<key>`. */
  podLabel(key: string, value: string): this {
    return this.setValue(ATTR_K8S_POD_LABEL(key), value);
  }

  /** `k8s.pod.annotation.<key>`. */
  podAnnotation(key: string, value: string): this {
    return this.setValue(ATTR_K8S_POD_ANNOTATION(key), value);
  }

  /** `k8s.container.name` and, when given, `k8s.container.restart_count`. */
  container(name: string, restartCount?: number): this {
    this.set('k8s.container.name', name);
    return restartCount === undefined ? this : this.set('k8s.container.restart_count', restartCount);
  }

  /** `container.id` (from the cgroup, see `detectK8sResource()`). */
  containerId(id: string): this {
    return this.set('container.id', id);
  }

  deployment(name: string, uid?: string): this {
    return this.#named('k8s.deployment', name, uid);
  }

  replicaSet(name: string, uid?: string): this {
    return this.#named('k8s.replicaset', name, uid);
  }

  statefulSet(name: string, uid?: string): this {
    return this.#named('k8s.statefulset', name, uid);
  }

  daemonSet(name: string, uid?: string): this {
    return this.#named('k8s.daemonset', name, uid);
  }

  job(name: string, uid?: string): this {
    return this.#named('k8s.job', name, uid);
  }

  cronJob(name: string, uid?: string): this {
    return this.#named('k8s.cronjob', name, uid);
  }
}

/**
 * Kubernetes resource attributes.
 *
 * ```ts
 * k8sResource().namespace('shop').pod('cart-7d9f', uid).container('cart').build();
 * ```
 */
export function k8sResource(): K8sResourceBuilder {
  return new K8sResourceBuilder();
}
