/**
 * The typed AWS model, filled from raw resources by the per-format adapters.
 */
import type { RawResource } from '../types.js';
import type { Entity } from './field.js';
import { adaptDataResources } from './terraform/data.js';
import { adaptPlatformResources } from './terraform/platform.js';

/** Builds AWS entities from Terraform (HCL or plan JSON) resources. */
export function adaptTerraform(resources: readonly RawResource[]): Entity[] {
  const aws = resources.filter((r) => r.type.startsWith('aws_'));
  return [...adaptDataResources(aws), ...adaptPlatformResources(aws)];
}

export type { Entity, Field } from './field.js';
