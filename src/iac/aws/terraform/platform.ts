/**
 * Terraform adapter for the AWS platform domain: IAM, network filtering, compute hardening,
 * load balancers, logging and monitoring, and edge services. Input is HCL or plan JSON
 * resources (the same attribute shape); output is the typed model of `../model/platform.ts`.
 */
import type { RawResource } from '../../types.js';
import type { Entity } from '../field.js';
import { adaptIam } from './platform-iam.js';
import { adaptNetwork } from './platform-network.js';
import { adaptServices } from './platform-services.js';

export function adaptPlatformResources(resources: readonly RawResource[]): Entity[] {
  return [...adaptIam(resources), ...adaptNetwork(resources), ...adaptServices(resources)];
}
