/**
 * EC2 instances do not get public IP addresses.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { Ec2Instance } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<Ec2Instance>({
  id: 'aws-ec2-instance-no-public-ip',
  title: 'EC2 instance has no public IP address',
  severity: 'medium',
  controls: ['network-segmentation'],
  kinds: ['aws.ec2.instance'],
  remediation:
    'Set `associate_public_ip_address = false` and place the instance in a private subnet; publish services through a load balancer.',
  description:
    "An instance with a public IP is reachable from the internet whenever a security group allows it. `associate_public_ip_address` decides when set; otherwise the subnet's `map_public_ip_on_launch` does (false for new subnets, true for default subnets). Without `subnet_id` the instance goes to the default subnet, which maps public IPs. Instances wired through `network_interface` blocks give unknown.",
  check: (i) => {
    const f = i.associatePublicIp;
    if (isUnknown(f.value))
      return unknown(
        `associate_public_ip_address is not known before apply (${f.value.reason})`,
        f.location,
      );
    if (f.value === true) return failed('associate_public_ip_address = true', f.location);
    if (f.value === false) return passed('associate_public_ip_address = false', f.location);
    if (i.hasNetworkInterfaces)
      return unknown('the public IP is decided by the attached network interface', i.location);
    const subnet = i.subnetId.value;
    if (subnet === undefined) {
      return failed(
        'no subnet_id or associate_public_ip_address: the instance launches in a default subnet, which assigns public IPs',
        i.location,
      );
    }
    const maps = i.subnetMapsPublicIp;
    if (!maps)
      return unknown(
        'the public IP depends on a subnet that is not declared in the scan',
        i.subnetId.location,
      );
    if (isUnknown(maps.value))
      return unknown(
        `the subnet's map_public_ip_on_launch is not known (${maps.value.reason})`,
        maps.location,
      );
    return maps.value === true
      ? failed(
          'associate_public_ip_address is not set and the subnet has map_public_ip_on_launch = true',
          maps.location,
        )
      : passed('the subnet does not map public IPs on launch', i.subnetId.location);
  },
});
