/**
 * API Gateway custom domains refuse TLS versions below 1.2.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { ApiGatewayDomainName } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<ApiGatewayDomainName>({
  id: 'aws-api-gateway-domain-tls12',
  title: 'API Gateway custom domain requires TLS 1.2 or later',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: ['aws.apigateway.domain-name'],
  remediation: 'Set `security_policy = "TLS_1_2"` (or a newer `SecurityPolicy_TLS13_*` policy).',
  description:
    'A REST API custom domain with the TLS_1_0 policy accepts TLS 1.0 and 1.1. Every other policy (TLS_1_2, the SecurityPolicy_TLS13_* and SecurityPolicy_TLS12_* families) has a TLS 1.2 minimum. An absent `security_policy` fails: the code then relies on a service default that has been TLS_1_0, so the policy should be pinned.',
  check: (d) => {
    const f = d.securityPolicy;
    const v = f.value;
    if (isUnknown(v))
      return unknown(`security_policy is not known before apply (${v.reason})`, f.location);
    if (v === undefined) return failed('security_policy is not set; pin TLS_1_2', d.location);
    return v === 'TLS_1_0'
      ? failed('security_policy = "TLS_1_0" accepts TLS 1.0 and 1.1', f.location)
      : passed(`security_policy = "${v}"`, f.location);
  },
});
