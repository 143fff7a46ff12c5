/**
 * Network and compute from Terraform: security groups with their inline and separate rules,
 * VPCs with their flow logs, EC2 instances and launch templates.
 */
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../../types.js';
import { field, type Entity, type Field } from '../field.js';
import type {
  Ec2Instance,
  InstanceMetadataOptions,
  LaunchTemplate,
  LaunchTemplateVolume,
  SecurityGroup,
  SecurityGroupRule,
  StandaloneSecurityGroupRule,
  Vpc,
} from '../model/platform.js';
import {
  blockList,
  blockPath,
  boolField,
  entityBase,
  linkTo,
  numberField,
  stringField,
  withBlockLists,
} from './platform-support.js';

const managed = (resources: readonly RawResource[], ...types: string[]): RawResource[] =>
  resources.filter((r) => r.mode === 'managed' && types.includes(r.type));

function present(resource: RawResource, path: readonly (string | number)[]): boolean {
  const v = field<Value>(resource, path).value;
  if (v === undefined || v === false) return false;
  return !(Array.isArray(v) && v.length === 0) && v !== '';
}

/**
 * Terraform 0.11 code wraps a list variable in a list (`["${var.cidrs}"]`), which that
 * version flattened: nested lists are flattened the same way. Any other element that is not
 * a string becomes unknown, so a source that cannot be read never passes silently.
 */
function collectCidrs(value: Value, out: (string | Unknown)[]): void {
  if (value === null) return;
  if (isUnknown(value) || typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectCidrs(item, out);
  else out.push(new Unknown('a CIDR block is not a string'));
}

/** Joins IPv4 and IPv6 CIDR attributes into one field. */
function cidrField(
  resource: RawResource,
  base: readonly (string | number)[],
  keys: readonly string[],
): Field<readonly (string | Unknown)[]> {
  const out: (string | Unknown)[] = [];
  let seen = false;
  for (const key of keys) {
    const f = field<Value>(resource, [...base, key]);
    const v = f.value;
    if (v === undefined) continue;
    seen = true;
    if (isUnknown(v)) return { value: v, location: f.location };
    collectCidrs(v, out);
  }
  const location = locate(resource, [...base, keys[0] ?? '']);
  return { value: seen ? out : undefined, location };
}

function inlineRule(
  resource: RawResource,
  direction: 'ingress' | 'egress',
  i: number,
): SecurityGroupRule {
  const base = [direction, i];
  return {
    direction,
    protocol: stringField(resource, [...base, 'protocol']),
    fromPort: numberField(resource, [...base, 'from_port']),
    toPort: numberField(resource, [...base, 'to_port']),
    cidrs: cidrField(resource, base, ['cidr_blocks', 'ipv6_cidr_blocks']),
    hasNonCidrPeer:
      present(resource, [...base, 'security_groups']) ||
      present(resource, [...base, 'prefix_list_ids']) ||
      present(resource, [...base, 'self']),
    address: resource.address,
    location: locate(resource, base),
  };
}

/** A separate rule resource: `aws_security_group_rule` or `aws_vpc_security_group_*_rule`. */
function separateRule(resource: RawResource): SecurityGroupRule | undefined {
  if (resource.type === 'aws_security_group_rule') {
    const type = resource.attributes['type'];
    if (type !== 'ingress' && type !== 'egress') return undefined;
    return {
      direction: type,
      protocol: stringField(resource, ['protocol']),
      fromPort: numberField(resource, ['from_port']),
      toPort: numberField(resource, ['to_port']),
      cidrs: cidrField(resource, [], ['cidr_blocks', 'ipv6_cidr_blocks']),
      hasNonCidrPeer:
        present(resource, ['source_security_group_id']) ||
        present(resource, ['prefix_list_ids']) ||
        present(resource, ['self']),
      address: resource.address,
      location: resource.location,
    };
  }
  const direction = resource.type === 'aws_vpc_security_group_ingress_rule' ? 'ingress' : 'egress';
  return {
    direction,
    protocol: stringField(resource, ['ip_protocol']),
    fromPort: numberField(resource, ['from_port']),
    toPort: numberField(resource, ['to_port']),
    cidrs: cidrField(resource, [], ['cidr_ipv4', 'cidr_ipv6']),
    hasNonCidrPeer:
      present(resource, ['referenced_security_group_id']) || present(resource, ['prefix_list_id']),
    address: resource.address,
    location: resource.location,
  };
}

function adaptSecurityGroups(resources: readonly RawResource[]): Entity[] {
  const groups = managed(resources, 'aws_security_group', 'aws_default_security_group').map(
    (resource) => ({
      resource,
      read: withBlockLists(resource, ['ingress', 'egress']),
      rules: [] as SecurityGroupRule[],
      sources: [] as RawResource[],
      unknown: undefined as Unknown | undefined,
    }),
  );
  for (const g of groups) {
    for (const direction of ['ingress', 'egress'] as const) {
      const list = blockList(g.read, [direction]);
      if (isUnknown(list)) g.unknown ??= list;
      else list.forEach((_, i) => g.rules.push(inlineRule(g.read, direction, i)));
    }
  }
  const out: Entity[] = [];
  const unlinked: SecurityGroupRule[] = [];
  const ruleTypes = [
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
  ];
  for (const r of managed(resources, ...ruleTypes)) {
    const rule = separateRule(r);
    if (!rule) continue;
    const link = linkTo(r.attributes['security_group_id'], groups, ['id']);
    if (link.kind === 'linked') {
      for (const g of link.owners) {
        g.rules.push(rule);
        g.sources.push(r);
      }
      continue;
    }
    if (link.kind === 'unknown') unlinked.push(rule);
    const standalone: StandaloneSecurityGroupRule = {
      ...entityBase(r, 'aws.ec2.security-group-rule'),
      group: stringField(r, ['security_group_id']),
      rule,
    };
    out.push(standalone);
  }
  for (const g of groups) {
    const entity: SecurityGroup = {
      ...entityBase(g.resource, 'aws.ec2.security-group', g.sources),
      isDefault: g.resource.type === 'aws_default_security_group',
      rules: g.rules,
      ...(g.unknown ? { inlineRulesUnknown: g.unknown } : {}),
      unlinkedRules: unlinked,
    };
    out.push(entity);
  }
  return out;
}

function adaptVpcs(resources: readonly RawResource[]): Entity[] {
  const vpcs = managed(resources, 'aws_vpc', 'aws_default_vpc').map((resource) => ({
    resource,
    flowLogs: [] as string[],
    sources: [] as RawResource[],
  }));
  const unlinked: { address: string; reason: string }[] = [];
  for (const r of managed(resources, 'aws_flow_log')) {
    const link = linkTo(r.attributes['vpc_id'], vpcs, ['id']);
    if (link.kind === 'linked') {
      for (const v of link.owners) {
        v.flowLogs.push(r.address);
        v.sources.push(r);
      }
    } else if (link.kind === 'unknown') {
      unlinked.push({ address: r.address, reason: link.reason });
    }
  }
  return vpcs.map((v): Vpc => ({
    ...entityBase(v.resource, 'aws.ec2.vpc', v.sources),
    flowLogs: v.flowLogs,
    unlinkedFlowLogs: unlinked,
  }));
}

function metadataOptions(resource: RawResource): InstanceMetadataOptions {
  return {
    httpTokens: stringField(resource, ['metadata_options', 0, 'http_tokens']),
    httpEndpoint: stringField(resource, ['metadata_options', 0, 'http_endpoint']),
  };
}

/** `aws_ebs_encryption_by_default.enabled`, which defaults to true on that resource. */
function encryptionByDefault(resource: RawResource | undefined): Field<boolean> | undefined {
  if (!resource) return undefined;
  const f = boolField(resource, ['enabled']);
  return f.value === undefined ? { value: true, location: resource.location } : f;
}

/**
 * An instance without its own `metadata_options` takes them from its launch template: the
 * declared template's settings, or Unknown when the template is not in the scan.
 */
function instanceMetadata(
  instance: RawResource,
  templates: readonly { readonly resource: RawResource }[],
): InstanceMetadataOptions {
  const own = metadataOptions(instance);
  const hasOwn = field<Value>(instance, ['metadata_options']).value !== undefined;
  const spec = blockPath(instance, ['launch_template', 'id']);
  const lt = field<Value>(instance, spec.slice(0, -1)).value;
  if (hasOwn || lt === undefined) return own;
  const id = field<Value>(instance, spec).value;
  const name = field<Value>(instance, [...spec.slice(0, -1), 'name']).value;
  const link = id !== undefined ? linkTo(id, templates, ['id']) : linkTo(name, templates, ['name']);
  const template = link.kind === 'linked' ? link.owners[0]?.resource : undefined;
  if (template) return metadataOptions(template);
  const location = locate(instance, ['launch_template']);
  const reason = new Unknown(
    'metadata options come from a launch template that is not in the scan',
  );
  return { httpTokens: { value: reason, location }, httpEndpoint: { value: reason, location } };
}

function adaptCompute(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  const subnets = managed(resources, 'aws_subnet', 'aws_default_subnet').map((resource) => ({
    resource,
  }));
  const templates = managed(resources, 'aws_launch_template').map((resource) => ({
    resource: withBlockLists(resource, ['metadata_options']),
  }));
  for (const original of managed(resources, 'aws_instance')) {
    const r = withBlockLists(original, ['metadata_options']);
    const link = linkTo(r.attributes['subnet_id'], subnets, ['id']);
    const subnet =
      link.kind === 'linked' && link.owners.length === 1 ? link.owners[0]?.resource : undefined;
    const subnetMapsPublicIp: Field<boolean> | undefined = subnet
      ? subnet.type === 'aws_default_subnet' &&
        subnet.attributes['map_public_ip_on_launch'] === undefined
        ? { value: true, location: subnet.location } // default subnets map public IPs
        : boolField(subnet, ['map_public_ip_on_launch'])
      : undefined;
    const entity: Ec2Instance = {
      ...entityBase(original, 'aws.ec2.instance', subnet ? [subnet] : []),
      metadata: instanceMetadata(r, templates),
      associatePublicIp: boolField(r, ['associate_public_ip_address']),
      subnetId: stringField(r, ['subnet_id']),
      ...(subnetMapsPublicIp ? { subnetMapsPublicIp } : {}),
      hasNetworkInterfaces: present(r, ['network_interface']),
    };
    out.push(entity);
  }

  const defaults = managed(resources, 'aws_ebs_encryption_by_default');
  const byDefault = encryptionByDefault(defaults[0]);
  for (const original of managed(resources, 'aws_launch_template')) {
    const r = withBlockLists(original, ['metadata_options', 'block_device_mappings']);
    const list = blockList(r, ['block_device_mappings']);
    const volumes: Field<readonly LaunchTemplateVolume[]> = isUnknown(list)
      ? { value: list, location: locate(r, ['block_device_mappings']) }
      : {
          value: list.map((_, i) => {
            const ebs = field<Value>(r, ['block_device_mappings', i, 'ebs']).value;
            const ebsPath = Array.isArray(ebs)
              ? ['block_device_mappings', i, 'ebs', 0]
              : ['block_device_mappings', i, 'ebs'];
            return {
              deviceName: stringField(r, ['block_device_mappings', i, 'device_name']),
              isEbs: ebs !== undefined && ebs !== null && !(Array.isArray(ebs) && ebs.length === 0),
              encrypted: boolField(r, [...ebsPath, 'encrypted']),
              location: locate(r, ['block_device_mappings', i]),
            };
          }),
          location: locate(r, ['block_device_mappings']),
        };
    const entity: LaunchTemplate = {
      ...entityBase(original, 'aws.ec2.launch-template', defaults),
      metadata: metadataOptions(r),
      volumes,
      ebsEncryptionByDefault: byDefault ?? { value: undefined, location: r.location },
    };
    out.push(entity);
  }
  return out;
}

export function adaptNetwork(resources: readonly RawResource[]): Entity[] {
  return [...adaptSecurityGroups(resources), ...adaptVpcs(resources), ...adaptCompute(resources)];
}
