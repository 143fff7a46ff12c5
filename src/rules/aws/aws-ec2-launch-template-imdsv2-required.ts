/**
 * Launch template requires IMDSv2 session tokens.
 */
import type { LaunchTemplate } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { checkImdsV2 } from './platform/imds.js';

export default defineRule<LaunchTemplate>({
  id: 'aws-ec2-launch-template-imdsv2-required',
  title: 'Launch template requires IMDSv2',
  severity: 'high',
  controls: ['secure-configuration'],
  kinds: ['aws.ec2.launch-template'],
  remediation: 'Add `metadata_options { http_tokens = "required" }` to the aws_launch_template.',
  description:
    'IMDSv1 answers plain GET requests, so a server-side request forgery in an application can read the instance role\'s credentials. IMDSv2 requires a session token obtained with a PUT. Passes when `http_tokens = "required"` or the metadata endpoint is disabled; an absent `http_tokens` fails: the default is "optional" unless the AMI (ImdsSupport v2.0) or an account-level default set outside the code says otherwise, so the setting should be written down.',
  check: (entity) => checkImdsV2(entity.metadata, entity.location),
});
