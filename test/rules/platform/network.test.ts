import { describe, expect, it } from 'vitest';
import { raw } from '../../support/raw.js';
import { only, ref, run, statuses, unknown } from './helpers.js';

const ingress = (
  from: number,
  to: number,
  protocol: string,
  cidrs: unknown[] = ['0.0.0.0/0'],
  extra: object = {},
) => ({
  from_port: from,
  to_port: to,
  protocol,
  cidr_blocks: cidrs,
  ...extra,
});
const sg = (name: string, rules: object[], egress: object[] = []) =>
  raw('aws_security_group', name, { name, ingress: rules as never, egress: egress as never });

describe('aws-security-group-no-public-ingress', () => {
  const id = 'aws-security-group-no-public-ingress';

  it('accepts 80 and 443 from the world, and anything from private ranges', () => {
    const results = run(id, [
      sg('web', [
        ingress(443, 443, 'tcp'),
        ingress(80, 80, 'tcp'),
        ingress(0, 65535, 'tcp', ['10.0.0.0/8']),
      ]),
    ]);
    expect(statuses(results)).toEqual(['aws_security_group.web=passed']);
  });

  it('fails ranges that go beyond the allowed ports, protocol -1 with ports 0/0, and ::/0', () => {
    expect(only(run(id, [sg('a', [ingress(80, 443, 'tcp')])])).status).toBe('failed');
    const all = only(run(id, [sg('b', [ingress(0, 0, '-1')])]));
    expect(all.status).toBe('failed');
    expect(all.message).toContain('all ports');
    expect(
      only(run(id, [sg('c', [ingress(8080, 8080, 'tcp', [], { ipv6_cidr_blocks: ['::/0'] })])]))
        .status,
    ).toBe('failed');
    expect(only(run(id, [sg('d', [ingress(8, 0, 'icmp')])])).status).toBe('failed');
  });

  it('respects the publicIngressPorts setting', () => {
    expect(
      only(run(id, [sg('a', [ingress(8443, 8443, 'tcp')])], { publicIngressPorts: [8443] })).status,
    ).toBe('passed');
  });

  it('links aws_security_group_rule and aws_vpc_security_group_ingress_rule to their group', () => {
    const results = run(id, [
      sg('web', []),
      raw('aws_security_group_rule', 'ssh', {
        type: 'ingress',
        from_port: 22,
        to_port: 22,
        protocol: 'tcp',
        cidr_blocks: ['0.0.0.0/0'],
        security_group_id: ref('aws_security_group.web'),
      }),
    ]);
    expect(statuses(results)).toEqual(['aws_security_group.web=failed']);
    expect(only(results).message).toContain('aws_security_group_rule.ssh');

    const v2 = run(id, [
      sg('db', []),
      raw('aws_vpc_security_group_ingress_rule', 'pg', {
        security_group_id: ref('aws_security_group.db'),
        cidr_ipv4: '0.0.0.0/0',
        from_port: 5432,
        to_port: 5432,
        ip_protocol: 'tcp',
      }),
    ]);
    expect(statuses(v2)).toEqual(['aws_security_group.db=failed']);
  });

  it('makes groups unknown when an unlinked public rule may belong to them, and fails the rule itself', () => {
    const results = run(id, [
      sg('web', [ingress(443, 443, 'tcp')]),
      raw('aws_vpc_security_group_ingress_rule', 'all', {
        security_group_id: unknown('var.sg_id has no value'),
        cidr_ipv4: '0.0.0.0/0',
        ip_protocol: '-1',
      }),
    ]);
    expect(statuses(results)).toEqual([
      'aws_vpc_security_group_ingress_rule.all=failed',
      'aws_security_group.web=unknown',
    ]);
  });

  it('is unknown for unknown CIDRs or inline blocks, but never for a known private rule', () => {
    expect(only(run(id, [sg('a', [ingress(22, 22, 'tcp', [unknown()])])])).status).toBe('unknown');
    const dyn = raw('aws_security_group', 'dyn', {
      ingress: unknown('dynamic block over var.rules'),
    });
    expect(only(run(id, [dyn])).status).toBe('unknown');
    expect(
      only(run(id, [sg('b', [ingress(22, 22, 'tcp', ['10.0.0.0/8', unknown()])])])).status,
    ).toBe('unknown');
    expect(only(run(id, [sg('c', [ingress(22, 22, 'tcp', ['10.0.0.0/8'])])])).status).toBe(
      'passed',
    );
  });

  it('accepts a .tf.json group whose ingress is a single object', () => {
    const one = raw('aws_security_group', 'j', { ingress: ingress(22, 22, 'tcp') as never });
    expect(only(run(id, [one])).status).toBe('failed');
  });
});

describe('SSH and RDP open to the world', () => {
  it('catches port 22 inside a range and protocol -1, not port 0 alone', () => {
    const ssh = 'aws-security-group-no-public-ssh';
    expect(only(run(ssh, [sg('a', [ingress(20, 30, 'tcp')])])).status).toBe('failed');
    expect(only(run(ssh, [sg('b', [ingress(0, 0, '-1')])])).status).toBe('failed');
    expect(only(run(ssh, [sg('c', [ingress(0, 0, 'tcp')])])).status).toBe('passed');
    expect(only(run(ssh, [sg('d', [ingress(22, 22, 'udp')])])).status).toBe('passed');
    expect(only(run(ssh, [sg('e', [ingress(22, 22, 'tcp', ['203.0.113.0/24'])])])).status).toBe(
      'passed',
    );
    expect(only(run(ssh, [sg('f', [ingress(22, unknown() as never, 'tcp')])])).status).toBe(
      'unknown',
    );
  });

  it('RDP checks port 3389', () => {
    const rdp = 'aws-security-group-no-public-rdp';
    expect(only(run(rdp, [sg('a', [ingress(3389, 3389, '6')])])).status).toBe('failed');
    expect(only(run(rdp, [sg('b', [ingress(22, 22, 'tcp')])])).status).toBe('passed');
  });

  it('ignores egress rule resources', () => {
    const r = raw('aws_security_group_rule', 'out', {
      type: 'egress',
      from_port: 0,
      to_port: 0,
      protocol: '-1',
      cidr_blocks: ['0.0.0.0/0'],
      security_group_id: 'sg-123',
    });
    expect(run('aws-security-group-no-public-ssh', [r])).toEqual([]);
  });
});

describe('aws-default-security-group-restricts-all-traffic', () => {
  const id = 'aws-default-security-group-restricts-all-traffic';
  it('passes an empty default group, fails one with rules, ignores other groups', () => {
    expect(
      statuses(run(id, [raw('aws_default_security_group', 'd', { vpc_id: ref('aws_vpc.main') })])),
    ).toEqual(['aws_default_security_group.d=passed']);
    const open = raw('aws_default_security_group', 'd', { egress: [ingress(0, 0, '-1')] as never });
    expect(only(run(id, [open])).status).toBe('failed');
    expect(run(id, [sg('x', [ingress(0, 0, '-1')])])).toEqual([]);
  });
});

describe('aws-vpc-flow-logs-enabled', () => {
  const id = 'aws-vpc-flow-logs-enabled';
  it('links flow logs by reference; unknown when an unlinked flow log may cover the VPC', () => {
    const vpcs = [
      raw('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' }),
      raw('aws_vpc', 'b', { cidr_block: '10.1.0.0/16' }),
    ];
    const linked = raw('aws_flow_log', 'a', { vpc_id: ref('aws_vpc.a'), traffic_type: 'ALL' });
    expect(statuses(run(id, [...vpcs, linked]))).toEqual(['aws_vpc.a=passed', 'aws_vpc.b=failed']);
    const loose = raw('aws_flow_log', 'x', { vpc_id: unknown('var.vpc_id') });
    expect(statuses(run(id, [...vpcs, linked, loose]))).toEqual([
      'aws_vpc.a=passed',
      'aws_vpc.b=unknown',
    ]);
    // A flow log on a subnet does not cover the VPC.
    const subnet = raw('aws_flow_log', 's', { subnet_id: ref('aws_subnet.x') });
    expect(statuses(run(id, [vpcs[0]!, subnet]))).toEqual(['aws_vpc.a=failed']);
  });
});

describe('EC2 instances and launch templates', () => {
  it('IMDSv2: required or endpoint disabled pass; absent or optional fail; unknown stays unknown', () => {
    const id = 'aws-ec2-instance-imdsv2-required';
    const inst = (m?: object) => [
      raw('aws_instance', 'i', { ami: 'ami-1', ...(m ? { metadata_options: [m] } : {}) } as never),
    ];
    expect(only(run(id, inst({ http_tokens: 'required' }))).status).toBe('passed');
    expect(only(run(id, inst({ http_endpoint: 'disabled' }))).status).toBe('passed');
    expect(only(run(id, inst({ http_tokens: 'optional' }))).status).toBe('failed');
    expect(only(run(id, inst())).message).toContain('not set');
    expect(only(run(id, inst({ http_tokens: unknown() }))).status).toBe('unknown');
    const lt = raw('aws_launch_template', 't', { metadata_options: { http_tokens: 'required' } });
    expect(only(run('aws-ec2-launch-template-imdsv2-required', [lt])).status).toBe('passed');
  });

  it('public IP: explicit attribute, then the linked subnet, then the default subnet', () => {
    const id = 'aws-ec2-instance-no-public-ip';
    const subnet = (name: string, map?: boolean) =>
      raw('aws_subnet', name, {
        cidr_block: '10.0.1.0/24',
        ...(map === undefined ? {} : { map_public_ip_on_launch: map }),
      });
    const inst = (attrs: object) => raw('aws_instance', 'i', { ami: 'ami-1', ...attrs } as never);
    expect(only(run(id, [inst({ associate_public_ip_address: true })])).status).toBe('failed');
    expect(
      only(run(id, [subnet('pub', true), inst({ subnet_id: ref('aws_subnet.pub') })])).status,
    ).toBe('failed');
    expect(
      only(run(id, [subnet('priv'), inst({ subnet_id: ref('aws_subnet.priv') })])).status,
    ).toBe('passed');
    expect(only(run(id, [inst({ subnet_id: unknown('var.subnet_id') })])).status).toBe('unknown');
    expect(only(run(id, [inst({})])).status).toBe('failed');
  });

  it('launch template EBS encryption: per mapping, account default, or unknown without mappings', () => {
    const id = 'aws-ec2-launch-template-ebs-encrypted';
    const lt = (mappings?: object[]) =>
      raw('aws_launch_template', 't', {
        ...(mappings ? { block_device_mappings: mappings } : {}),
      } as never);
    expect(
      only(run(id, [lt([{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }])])).status,
    ).toBe('passed');
    const bad = only(run(id, [lt([{ device_name: '/dev/xvda', ebs: [{ volume_size: 20 }] }])]));
    expect(bad.status).toBe('failed');
    expect(bad.message).toContain('/dev/xvda');
    expect(
      only(run(id, [lt([{ device_name: '/dev/xvda', ebs: [{ encrypted: false }] }])])).status,
    ).toBe('failed');
    expect(only(run(id, [lt()])).status).toBe('unknown');
    const byDefault = raw('aws_ebs_encryption_by_default', 'on', { enabled: true });
    expect(only(run(id, [byDefault, lt([{ device_name: '/dev/xvda', ebs: [{}] }])])).status).toBe(
      'passed',
    );
  });
});

describe('instance keys and modules in links', () => {
  it('links a rule to a for_each group instance and a module-prefixed group', () => {
    const groups = [
      raw('aws_security_group', 'svc["api"]', { name: 'api' }),
      raw('aws_security_group', 'svc["web"]', { name: 'web' }),
      raw('aws_security_group', 'db', { name: 'db' }, { module: 'module.data' }),
    ];
    const open = (name: string, group: string) =>
      raw('aws_vpc_security_group_ingress_rule', name, {
        security_group_id: ref(group),
        cidr_ipv4: '0.0.0.0/0',
        from_port: 22,
        to_port: 22,
        ip_protocol: 'tcp',
      });
    const results = run('aws-security-group-no-public-ssh', [
      ...groups,
      open('api', 'aws_security_group.svc["api"]'),
      open('db', 'module.data.aws_security_group.db'),
    ]);
    expect(statuses(results)).toEqual([
      'aws_security_group.svc["api"]=failed',
      'aws_security_group.svc["web"]=passed',
      'module.data.aws_security_group.db=failed',
    ]);
  });
});

describe('launch template with EBS encryption by default set from a variable', () => {
  it('is unknown rather than failed for an unencrypted mapping', () => {
    const lt = raw('aws_launch_template', 't', {
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{}] }],
    });
    const d = raw('aws_ebs_encryption_by_default', 'd', { enabled: unknown('var.ebs_default') });
    expect(only(run('aws-ec2-launch-template-ebs-encrypted', [d, lt])).status).toBe('unknown');
    const off = raw('aws_ebs_encryption_by_default', 'd', { enabled: false });
    expect(only(run('aws-ec2-launch-template-ebs-encrypted', [off, lt])).status).toBe('failed');
  });
});

describe('instances launched from a template', () => {
  const id = 'aws-ec2-instance-imdsv2-required';
  const template = raw('aws_launch_template', 'lt', {
    name: 'app',
    metadata_options: [{ http_tokens: 'required' }],
  });

  it('take metadata options from the linked declared template', () => {
    const byId = raw('aws_instance', 'i', {
      launch_template: [{ id: ref('aws_launch_template.lt'), version: '$Latest' }],
    });
    expect(only(run(id, [template, byId])).status).toBe('passed');
    const byName = raw('aws_instance', 'i', { launch_template: { name: 'app' } });
    expect(only(run(id, [template, byName])).status).toBe('passed');
  });

  it('are unknown when the template is not in the scan, and use their own options first', () => {
    const elsewhere = raw('aws_instance', 'i', {
      launch_template: [{ id: 'lt-0123456789abcdef0' }],
    });
    expect(only(run(id, [elsewhere])).status).toBe('unknown');
    const own = raw('aws_instance', 'i', {
      launch_template: [{ id: ref('aws_launch_template.lt') }],
      metadata_options: [{ http_tokens: 'optional' }],
    });
    expect(only(run(id, [template, own])).status).toBe('failed');
  });
});
