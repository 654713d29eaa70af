import { AttributeBuilder } from './attribute-builder.js';
import type { DeploymentResourceAttributes } from './gen/groups/deployment.js';
import type {
  ServiceInstanceResourceAttributes,
  ServiceNamespaceResourceAttributes,
  ServiceResourceAttributes,
} from './gen/groups/service.js';
import { SERVICE_RESOURCE_REQUIRED } from './gen/groups/service.js';
import type { TelemetrySdkResourceAttributes } from './gen/groups/telemetry.js';

/** `entity.service`, `.instance`, `.namespace`, `entity.deployment` and `entity.telemetry.sdk`. */
export type ServiceResourceBuilderAttributes = ServiceResourceAttributes &
  Partial<ServiceInstanceResourceAttributes> &
  Partial<ServiceNamespaceResourceAttributes> &
  DeploymentResourceAttributes &
  Partial<TelemetrySdkResourceAttributes>;

/** Builder for a service's resource attributes; `build()` requires `service.name`. */
export class ServiceResourceBuilder extends AttributeBuilder<ServiceResourceBuilderAttributes> {
  constructor() {
    super('entity.service', SERVICE_RESOURCE_REQUIRED);
  }

  name(name: string): this {
    return this.set('service.name', name);
  }

  version(version: string): this {
    return this.set('service.version', version);
  }

  namespace(namespace: string): this {
    return this.set('service.namespace', namespace);
  }

  instanceId(id: string): this {
    return this.set('service.instance.id', id);
  }

  /** `deployment.environment.name` (`production`, `staging`, `test`, `development`, or yours). */
  environment(name: ServiceResourceBuilderAttributes['deployment.environment.name'] & string): this {
    return this.set('deployment.environment.name', name);
  }

  /** `telemetry.sdk.name`, `.language` and `.version` together (the SDK entity requires all three). */
  telemetrySdk(sdk: {
    name: string;
    language: TelemetrySdkResourceAttributes['telemetry.sdk.language'];
    version: string;
  }): this {
    return this.set('telemetry.sdk.name', sdk.name)
      .set('telemetry.sdk.language', sdk.language)
      .set('telemetry.sdk.version', sdk.version);
  }
}

/**
 * Service resource attributes.
 *
 * ```ts
 * serviceResource().name('checkout').version('1.4.2').environment('production').build();
 * ```
 */
export function serviceResource(): ServiceResourceBuilder {
  return new ServiceResourceBuilder();
}
