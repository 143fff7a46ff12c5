import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/iac/types.js';
import { raw } from '../../support/raw.js';
import { only, ref, run, statuses, unknown } from './helpers.js';

describe('load balancers', () => {
  const listener = (name: string, attrs: object) =>
    raw('aws_lb_listener', name, {
      load_balancer_arn: ref('aws_lb.main', 'arn'),
      ...attrs,
    } as never);

  it('accepts only TLS 1.2-minimum policies on HTTPS/TLS listeners', () => {
    const id = 'aws-lb-listener-modern-tls-policy';
    const check = (policy?: unknown) =>
      run(id, [
        listener('l', {
          protocol: 'HTTPS',
          port: 443,
          ...(policy === undefined ? {} : { ssl_policy: policy }),
        }),
      ]);
    for (const ok of [
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'ELBSecurityPolicy-TLS-1-2-2017-01',
      'ELBSecurityPolicy-FS-1-2-Res-2020-10',
      'ELBSecurityPolicy-TLS13-1-3-2021-06',
    ]) {
      expect(only(check(ok)).status, ok).toBe('passed');
    }
    for (const bad of [
      'ELBSecurityPolicy-2016-08',
      'ELBSecurityPolicy-TLS13-1-0-2021-06',
      'ELBSecurityPolicy-TLS13-1-1-2021-06',
      'ELBSecurityPolicy-FS-1-1-2019-08',
    ]) {
      expect(only(check(bad)).status, bad).toBe('failed');
    }
    expect(only(check()).status).toBe('failed');
    expect(only(check(unknown())).status).toBe('unknown');
    expect(run(id, [listener('h', { protocol: 'HTTP', port: 80 })])).toEqual([]);
  });

  it('HTTP listeners must redirect to HTTPS', () => {
    const id = 'aws-lb-listener-http-redirects-to-https';
    const redirect = listener('r', {
      port: 80,
      protocol: 'HTTP',
      default_action: [
        {
          type: 'redirect',
          redirect: [{ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }],
        },
      ],
    });
    const forward = listener('f', {
      port: 80,
      default_action: [
        { type: 'forward', target_group_arn: ref('aws_lb_target_group.app', 'arn') },
      ],
    });
    expect(statuses(run(id, [redirect, forward]))).toEqual([
      'aws_lb_listener.r=passed',
      'aws_lb_listener.f=failed',
    ]);
    const jsonShape = listener('j', {
      protocol: 'HTTP',
      default_action: { type: 'redirect', redirect: { protocol: 'HTTPS' } },
    });
    expect(only(run(id, [jsonShape])).status).toBe('passed');
    const noProtocol = listener('n', {
      protocol: 'HTTP',
      default_action: [{ type: 'redirect', redirect: [{ port: '8080' }] }],
    });
    expect(only(run(id, [noProtocol])).status).toBe('failed');
  });

  it('drop invalid headers applies to application load balancers only; access logs must be enabled', () => {
    const alb = raw('aws_lb', 'a', {
      drop_invalid_header_fields: true,
      access_logs: [{ bucket: 'logs', enabled: true }],
    });
    const nlb = raw('aws_lb', 'n', {
      load_balancer_type: 'network',
      access_logs: [{ bucket: 'logs' }],
    });
    expect(statuses(run('aws-lb-drops-invalid-headers', [alb, nlb]))).toEqual(['aws_lb.a=passed']);
    expect(statuses(run('aws-lb-access-logging-enabled', [alb, nlb]))).toEqual([
      'aws_lb.a=passed',
      'aws_lb.n=failed',
    ]);
  });
});

describe('CloudWatch log groups', () => {
  it('retention: 0 and absent never expire; below the setting fails', () => {
    const id = 'aws-cloudwatch-log-group-retention-sufficient';
    const g = (days?: unknown) =>
      raw(
        'aws_cloudwatch_log_group',
        'g',
        days === undefined ? {} : { retention_in_days: days as number },
      );
    expect(only(run(id, [g()])).status).toBe('passed');
    expect(only(run(id, [g(0)])).status).toBe('passed');
    expect(only(run(id, [g(400)])).status).toBe('passed');
    expect(only(run(id, [g(365)])).status).toBe('failed');
    expect(only(run(id, [g(365)], { minLogRetentionDays: 365 })).status).toBe('passed');
    expect(only(run(id, [g(unknown())])).status).toBe('unknown');
  });

  it('KMS: a key reference passes, a variable without value is unknown, absent fails', () => {
    const id = 'aws-cloudwatch-log-group-kms-encrypted';
    expect(
      only(
        run(id, [
          raw('aws_cloudwatch_log_group', 'g', { kms_key_id: ref('aws_kms_key.logs', 'arn') }),
        ]),
      ).status,
    ).toBe('passed');
    expect(
      only(run(id, [raw('aws_cloudwatch_log_group', 'g', { kms_key_id: unknown() })])).status,
    ).toBe('unknown');
    expect(only(run(id, [raw('aws_cloudwatch_log_group', 'g', {})])).status).toBe('failed');
  });
});

describe('CloudTrail', () => {
  const good = raw('aws_cloudtrail', 't', {
    is_multi_region_trail: true,
    enable_log_file_validation: true,
    kms_key_id: ref('aws_kms_key.trail', 'arn'),
    cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*',
  });
  const bare = raw('aws_cloudtrail', 'b', { enable_logging: false });
  it.each([
    ['aws-cloudtrail-logging-enabled'],
    ['aws-cloudtrail-multi-region'],
    ['aws-cloudtrail-log-file-validation-enabled'],
    ['aws-cloudtrail-kms-encrypted'],
    ['aws-cloudtrail-cloudwatch-logs-integrated'],
  ])('%s passes a complete trail and fails a bare one', (id) => {
    expect(statuses(run(id, [good, bare]))).toEqual([
      'aws_cloudtrail.t=passed',
      'aws_cloudtrail.b=failed',
    ]);
  });
});

describe('GuardDuty and AWS Config', () => {
  it('GuardDuty detector defaults to enabled', () => {
    const id = 'aws-guardduty-detector-enabled';
    expect(
      statuses(
        run(id, [
          raw('aws_guardduty_detector', 'a', {}),
          raw('aws_guardduty_detector', 'b', { enable: false }),
        ]),
      ),
    ).toEqual(['aws_guardduty_detector.a=passed', 'aws_guardduty_detector.b=failed']);
  });

  it('recorder status links by reference or literal name; unlinked status makes it unknown', () => {
    const id = 'aws-config-recorder-enabled';
    const rec = raw('aws_config_configuration_recorder', 'main', {
      name: 'main',
      role_arn: ref('aws_iam_role.config', 'arn'),
    });
    const byRef = raw('aws_config_configuration_recorder_status', 's', {
      name: ref('aws_config_configuration_recorder.main', 'name'),
      is_enabled: true,
    });
    const byName = raw('aws_config_configuration_recorder_status', 's', {
      name: 'main',
      is_enabled: false,
    });
    const loose = raw('aws_config_configuration_recorder_status', 's', {
      name: unknown(),
      is_enabled: true,
    });
    expect(only(run(id, [rec, byRef])).status).toBe('passed');
    expect(only(run(id, [rec, byName])).status).toBe('failed');
    expect(only(run(id, [rec, loose])).status).toBe('unknown');
    expect(only(run(id, [rec])).status).toBe('failed');
  });

  it('recorder records all supported types by default', () => {
    const id = 'aws-config-recorder-records-all-resources';
    const rec = (group?: Record<string, Value>) =>
      raw('aws_config_configuration_recorder', 'r', group ? { recording_group: [group] } : {});
    expect(only(run(id, [rec()])).status).toBe('passed');
    expect(
      only(run(id, [rec({ all_supported: false, resource_types: ['AWS::S3::Bucket'] })])).status,
    ).toBe('failed');
    expect(
      only(
        run(id, [
          rec({
            all_supported: false,
            recording_strategy: [{ use_only: 'INCLUSION_BY_RESOURCE_TYPES' }],
          }),
        ]),
      ).status,
    ).toBe('failed');
  });
});

describe('API Gateway and CloudFront', () => {
  it('stage access logs and domain TLS policy', () => {
    const stages = [
      raw('aws_api_gateway_stage', 'prod', {
        access_log_settings: [
          {
            destination_arn: ref('aws_cloudwatch_log_group.api', 'arn'),
            format: '$context.requestId',
          },
        ],
      }),
      raw('aws_apigatewayv2_stage', 'http', {}),
    ];
    expect(statuses(run('aws-api-gateway-stage-access-logging-enabled', stages))).toEqual([
      'aws_api_gateway_stage.prod=passed',
      'aws_apigatewayv2_stage.http=failed',
    ]);
    const domains = [
      raw('aws_api_gateway_domain_name', 'a', {
        domain_name: 'a.example.com',
        security_policy: 'TLS_1_2',
      }),
      raw('aws_api_gateway_domain_name', 'b', {
        domain_name: 'b.example.com',
        security_policy: 'TLS_1_0',
      }),
      raw('aws_api_gateway_domain_name', 'c', { domain_name: 'c.example.com' }),
    ];
    expect(statuses(run('aws-api-gateway-domain-tls12', domains))).toEqual([
      'aws_api_gateway_domain_name.a=passed',
      'aws_api_gateway_domain_name.b=failed',
      'aws_api_gateway_domain_name.c=failed',
    ]);
  });

  it('CloudFront: every behaviour HTTPS, TLS 1.2 minimum, default certificate fails', () => {
    const dist = (name: string, attrs: object) =>
      raw('aws_cloudfront_distribution', name, attrs as never);
    const good = dist('good', {
      default_cache_behavior: [{ viewer_protocol_policy: 'redirect-to-https' }],
      ordered_cache_behavior: [{ path_pattern: '/api/*', viewer_protocol_policy: 'https-only' }],
      viewer_certificate: [
        {
          acm_certificate_arn: 'arn:aws:acm:us-east-1:1:certificate/x',
          minimum_protocol_version: 'TLSv1.2_2021',
        },
      ],
      web_acl_id: ref('aws_wafv2_web_acl.edge', 'arn'),
    });
    const bad = dist('bad', {
      default_cache_behavior: [{ viewer_protocol_policy: 'redirect-to-https' }],
      ordered_cache_behavior: [{ path_pattern: '/img/*', viewer_protocol_policy: 'allow-all' }],
      viewer_certificate: [{ cloudfront_default_certificate: true }],
    });
    expect(statuses(run('aws-cloudfront-viewer-https-only', [good, bad]))).toEqual([
      'aws_cloudfront_distribution.good=passed',
      'aws_cloudfront_distribution.bad=failed',
    ]);
    expect(run('aws-cloudfront-viewer-https-only', [bad])[0]?.message).toContain('/img/*');
    expect(statuses(run('aws-cloudfront-minimum-tls12', [good, bad]))).toEqual([
      'aws_cloudfront_distribution.good=passed',
      'aws_cloudfront_distribution.bad=failed',
    ]);
    const old = dist('old', {
      viewer_certificate: [{ acm_certificate_arn: 'x', minimum_protocol_version: 'TLSv1.1_2016' }],
    });
    expect(only(run('aws-cloudfront-minimum-tls12', [old])).status).toBe('failed');
    expect(statuses(run('aws-cloudfront-waf-attached', [good, bad]))).toEqual([
      'aws_cloudfront_distribution.good=passed',
      'aws_cloudfront_distribution.bad=failed',
    ]);
  });
});

describe('.tf.json block shapes', () => {
  it('reads single-object blocks for CloudFront, Config and load balancers', () => {
    const dist = raw('aws_cloudfront_distribution', 'd', {
      default_cache_behavior: { viewer_protocol_policy: 'allow-all' },
      viewer_certificate: { acm_certificate_arn: 'x', minimum_protocol_version: 'TLSv1.2_2021' },
    });
    expect(only(run('aws-cloudfront-viewer-https-only', [dist])).status).toBe('failed');
    expect(only(run('aws-cloudfront-minimum-tls12', [dist])).status).toBe('passed');
    const rec = raw('aws_config_configuration_recorder', 'r', {
      recording_group: { all_supported: false },
    });
    expect(only(run('aws-config-recorder-records-all-resources', [rec])).status).toBe('failed');
    const lb = raw('aws_lb', 'l', { access_logs: { bucket: 'b', enabled: true } });
    expect(only(run('aws-lb-access-logging-enabled', [lb])).status).toBe('passed');
  });
});

describe('aws-cloudfront-origin-https-only', () => {
  const id = 'aws-cloudfront-origin-https-only';
  const dist = (origins: Value[]) => raw('aws_cloudfront_distribution', 'd', { origin: origins });
  it('checks custom origins only', () => {
    const s3 = {
      origin_id: 's3',
      domain_name: 'b.s3.amazonaws.com',
      s3_origin_config: [{ origin_access_identity: 'x' }],
    };
    const custom = (policy: Value) => ({
      origin_id: 'api',
      domain_name: 'api.example.com',
      custom_origin_config: [
        {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: policy,
          origin_ssl_protocols: ['TLSv1.2'],
        },
      ],
    });
    expect(only(run(id, [dist([s3, custom('https-only')])])).status).toBe('passed');
    const bad = only(run(id, [dist([s3, custom('match-viewer')])]));
    expect(bad.status).toBe('failed');
    expect(bad.message).toContain('"api"');
    expect(only(run(id, [dist([custom(unknown())])])).status).toBe('unknown');
  });
});
