/**
 * Every VPC has flow logs.
 */
import type { Vpc } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<Vpc>({
  id: 'aws-vpc-flow-logs-enabled',
  title: 'VPC flow logs are enabled',
  severity: 'medium',
  controls: ['audit-logging', 'security-monitoring'],
  kinds: ['aws.ec2.vpc'],
  remediation:
    'Add an `aws_flow_log` with `vpc_id` set to this VPC, delivering to CloudWatch Logs or S3.',
  description:
    "Flow logs record accepted and rejected connections in the VPC and are the main network evidence during an investigation. An `aws_flow_log` is linked to a VPC through its `vpc_id` reference; when a flow log's VPC is not known before apply and no flow log is linked, the result is unknown.",
  check: (vpc) => {
    if (vpc.flowLogs.length > 0)
      return passed(`flow log ${vpc.flowLogs.join(', ')} covers this VPC`, vpc.location);
    const maybe = vpc.unlinkedFlowLogs[0];
    if (maybe)
      return unknown(
        `no flow log is linked, but ${maybe.address} targets a VPC not known before apply (${maybe.reason})`,
        vpc.location,
      );
    return failed('no aws_flow_log has vpc_id pointing at this VPC', vpc.location);
  },
});
