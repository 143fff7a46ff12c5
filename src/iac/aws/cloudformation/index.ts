/**
 * The typed AWS model from CloudFormation resources (plain templates, SAM and CDK output):
 * the same entity kinds and field shapes the Terraform adapters produce, so the AWS rules
 * run unchanged.
 */
import type { RawResource } from '../../types.js';
import type { Entity } from '../field.js';
import { adaptCfnData } from './data.js';
import { adaptCfnPlatform } from './platform.js';

export function adaptCloudFormation(resources: readonly RawResource[]): Entity[] {
  const cfn = resources.filter((r) => r.format === 'cloudformation' && r.mode === 'managed');
  return [...adaptCfnData(cfn), ...adaptCfnPlatform(cfn)];
}
