/**
 * EC2 instance requires IMDSv2 session tokens.
 */
import type { Ec2Instance } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { checkImdsV2 } from './platform/imds.js';

export default defineRule<Ec2Instance>({
  id: 'aws-ec2-instance-imdsv2-required',
  title: 'EC2 instance requires IMDSv2',
  severity: 'high',
  controls: ['secure-configuration'],
  kinds: ['aws.ec2.instance'],
  remediation: 'Add `metadata_options { http_tokens = "required" }` to the aws_instance.',
  description:
    'IMDSv1 answers plain GET requests, so a server-side request forgery in an application can read the instance role\'s credentials. IMDSv2 requires a session token obtained with a PUT. An instance without its own `metadata_options` is judged by its declared launch template (unknown when the template is not in the scan). Passes when `http_tokens = "required"` or the metadata endpoint is disabled; an absent `http_tokens` fails: the default is "optional" unless the AMI (ImdsSupport v2.0) or an account-level default set outside the code says otherwise, so the setting should be written down.',
  check: (entity) => checkImdsV2(entity.metadata, entity.location),
});
