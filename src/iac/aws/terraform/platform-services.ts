/**
 * Managed services from Terraform: load balancers and listeners, CloudWatch log groups,
 * CloudTrail, GuardDuty, AWS Config, API Gateway and CloudFront.
 */
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../../types.js';
import { field, type Entity, type Field } from '../field.js';
import type {
  ApiGatewayDomainName,
  ApiGatewayStage,
  CloudFrontCacheBehavior,
  CloudFrontDistribution,
  CloudFrontOrigin,
  ConfigRecorder,
  GuardDutyDetector,
  ListenerAction,
  LoadBalancer,
  LoadBalancerListener,
  LogGroup,
  Trail,
} from '../model/platform.js';
import {
  blockList,
  blockPath,
  boolField,
  entityBase,
  linkTo,
  numberField,
  stringField,
} from './platform-support.js';

const managed = (resources: readonly RawResource[], ...types: string[]): RawResource[] =>
  resources.filter((r) => r.mode === 'managed' && types.includes(r.type));

/** A field read through single nested blocks in either shape. */
const str = (r: RawResource, ...steps: string[]): Field<string> =>
  stringField(r, blockPath(r, steps));
const bool = (r: RawResource, ...steps: string[]): Field<boolean> =>
  boolField(r, blockPath(r, steps));

function adaptLoadBalancers(resources: readonly RawResource[]): Entity[] {
  const lbs = managed(resources, 'aws_lb', 'aws_alb').map((resource) => ({ resource }));
  const out: Entity[] = lbs.map(({ resource: r }): LoadBalancer => ({
    ...entityBase(r, 'aws.elb.load-balancer'),
    type: str(r, 'load_balancer_type'),
    dropInvalidHeaderFields: bool(r, 'drop_invalid_header_fields'),
    accessLogsEnabled: bool(r, 'access_logs', 'enabled'),
    accessLogsBucket: str(r, 'access_logs', 'bucket'),
  }));
  for (const r of managed(resources, 'aws_lb_listener', 'aws_alb_listener')) {
    const link = linkTo(r.attributes['load_balancer_arn'], lbs, ['arn']);
    const lb =
      link.kind === 'linked' && link.owners.length === 1 ? link.owners[0]?.resource : undefined;
    const list = blockList(r, ['default_action']);
    const actions: Field<readonly ListenerAction[]> = isUnknown(list)
      ? { value: list, location: locate(r, ['default_action']) }
      : {
          value: list.map((_, i) => {
            const base = Array.isArray(r.attributes['default_action'])
              ? ['default_action', i]
              : ['default_action'];
            return {
              type: stringField(r, [...base, 'type']),
              redirectProtocol: stringField(r, blockPath(r, [...base, 'redirect', 'protocol'])),
              location: locate(r, base),
            };
          }),
          location: locate(r, ['default_action']),
        };
    const entity: LoadBalancerListener = {
      ...entityBase(r, 'aws.elb.listener', lb ? [lb] : []),
      protocol: stringField(r, ['protocol']),
      port: numberField(r, ['port']),
      sslPolicy: stringField(r, ['ssl_policy']),
      defaultActions: actions,
      ...(lb ? { loadBalancerType: str(lb, 'load_balancer_type') } : {}),
    };
    out.push(entity);
  }
  return out;
}

function adaptLogging(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  for (const r of managed(resources, 'aws_cloudwatch_log_group')) {
    const entity: LogGroup = {
      ...entityBase(r, 'aws.logs.log-group'),
      retentionInDays: numberField(r, ['retention_in_days']),
      kmsKeyId: stringField(r, ['kms_key_id']),
    };
    out.push(entity);
  }
  for (const r of managed(resources, 'aws_cloudtrail')) {
    const entity: Trail = {
      ...entityBase(r, 'aws.cloudtrail.trail'),
      enableLogging: boolField(r, ['enable_logging']),
      isMultiRegion: boolField(r, ['is_multi_region_trail']),
      logFileValidation: boolField(r, ['enable_log_file_validation']),
      kmsKeyId: stringField(r, ['kms_key_id']),
      cloudWatchLogsGroupArn: stringField(r, ['cloud_watch_logs_group_arn']),
    };
    out.push(entity);
  }
  for (const r of managed(resources, 'aws_guardduty_detector')) {
    const entity: GuardDutyDetector = {
      ...entityBase(r, 'aws.guardduty.detector'),
      enable: boolField(r, ['enable']),
    };
    out.push(entity);
  }
  return out;
}

function adaptConfig(resources: readonly RawResource[]): Entity[] {
  const recorders = managed(resources, 'aws_config_configuration_recorder').map((resource) => ({
    resource,
    statuses: [] as RawResource[],
  }));
  const unlinked: string[] = [];
  for (const r of managed(resources, 'aws_config_configuration_recorder_status')) {
    const link = linkTo(r.attributes['name'], recorders, ['name', 'id']);
    if (link.kind === 'linked') for (const o of link.owners) o.statuses.push(r);
    else if (link.kind === 'unknown') unlinked.push(r.address);
  }
  return recorders.map(({ resource: r, statuses }): ConfigRecorder => {
    const status = statuses[0];
    return {
      ...entityBase(r, 'aws.config.recorder', statuses),
      allSupported: bool(r, 'recording_group', 'all_supported'),
      recordingStrategy: str(r, 'recording_group', 'recording_strategy', 'use_only'),
      isEnabled: status
        ? boolField(status, ['is_enabled'])
        : { value: undefined, location: r.location },
      unlinkedStatuses: unlinked,
    };
  });
}

function adaptEdge(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  for (const r of managed(resources, 'aws_api_gateway_stage', 'aws_apigatewayv2_stage')) {
    const entity: ApiGatewayStage = {
      ...entityBase(r, 'aws.apigateway.stage'),
      api: r.type === 'aws_api_gateway_stage' ? 'rest' : 'http',
      accessLogDestination: str(r, 'access_log_settings', 'destination_arn'),
    };
    out.push(entity);
  }
  for (const r of managed(resources, 'aws_api_gateway_domain_name')) {
    const entity: ApiGatewayDomainName = {
      ...entityBase(r, 'aws.apigateway.domain-name'),
      securityPolicy: stringField(r, ['security_policy']),
    };
    out.push(entity);
  }
  for (const r of managed(resources, 'aws_cloudfront_distribution')) {
    out.push(distribution(r));
  }
  return out;
}

function distribution(r: RawResource): CloudFrontDistribution {
  const behaviors: CloudFrontCacheBehavior[] = [];
  let unknown: Unknown | undefined;
  const defaultPath = blockPath(r, ['default_cache_behavior', 'viewer_protocol_policy']);
  const defaultBlock = field<Value>(r, ['default_cache_behavior']).value;
  if (isUnknown(defaultBlock)) unknown = defaultBlock;
  else if (defaultBlock !== undefined) {
    behaviors.push({
      viewerProtocolPolicy: stringField(r, defaultPath),
      location: locate(r, defaultPath.slice(0, -1)),
    });
  }
  const ordered = blockList(r, ['ordered_cache_behavior']);
  if (isUnknown(ordered)) unknown ??= ordered;
  else {
    const asList = Array.isArray(r.attributes['ordered_cache_behavior']);
    ordered.forEach((_, i) => {
      const base = asList ? ['ordered_cache_behavior', i] : ['ordered_cache_behavior'];
      const pattern = field<Value>(r, [...base, 'path_pattern']).value;
      behaviors.push({
        ...(typeof pattern === 'string' ? { pathPattern: pattern } : {}),
        viewerProtocolPolicy: stringField(r, [...base, 'viewer_protocol_policy']),
        location: locate(r, base),
      });
    });
  }
  const originList = blockList(r, ['origin']);
  const origins: Field<readonly CloudFrontOrigin[]> = isUnknown(originList)
    ? { value: originList, location: locate(r, ['origin']) }
    : {
        value: originList.map((_, i) => {
          const base = Array.isArray(r.attributes['origin']) ? ['origin', i] : ['origin'];
          const id = field<Value>(r, [...base, 'origin_id']).value;
          const custom = field<Value>(r, [...base, 'custom_origin_config']).value;
          const policyPath = blockPath(r, [
            ...base,
            'custom_origin_config',
            'origin_protocol_policy',
          ]);
          return {
            ...(typeof id === 'string' ? { originId: id } : {}),
            isCustom: custom !== undefined && !(Array.isArray(custom) && custom.length === 0),
            protocolPolicy: stringField(r, policyPath),
            location: locate(r, base),
          };
        }),
        location: locate(r, ['origin']),
      };
  return {
    ...entityBase(r, 'aws.cloudfront.distribution'),
    origins,
    cacheBehaviors: unknown
      ? { value: unknown, location: r.location }
      : { value: behaviors, location: locate(r, ['default_cache_behavior']) },
    defaultCertificate: bool(r, 'viewer_certificate', 'cloudfront_default_certificate'),
    minimumProtocolVersion: str(r, 'viewer_certificate', 'minimum_protocol_version'),
    webAclId: stringField(r, ['web_acl_id']),
  };
}

export function adaptServices(resources: readonly RawResource[]): Entity[] {
  return [
    ...adaptLoadBalancers(resources),
    ...adaptLogging(resources),
    ...adaptConfig(resources),
    ...adaptEdge(resources),
  ];
}
