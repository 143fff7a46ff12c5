/**
 * API Gateway stages write access logs.
 */
import type { ApiGatewayStage } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectSet } from './platform/checks.js';

export default defineRule<ApiGatewayStage>({
  id: 'aws-api-gateway-stage-access-logging-enabled',
  title: 'API Gateway stage access logging is enabled',
  severity: 'medium',
  controls: ['audit-logging'],
  kinds: ['aws.apigateway.stage'],
  remediation:
    'Add `access_log_settings { destination_arn = <log group ARN> format = ... }` to the stage.',
  description:
    'Access logs record who called which route, from where and with what result. Checks REST (`aws_api_gateway_stage`) and HTTP/WebSocket (`aws_apigatewayv2_stage`) stages for `access_log_settings.destination_arn`; without it no access log is written.',
  check: (s) =>
    expectSet(
      s.accessLogDestination,
      'access_log_settings.destination_arn',
      'no access log is written',
    ),
});
