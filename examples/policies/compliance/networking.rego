# policies/compliance/networking.rego
#
# The original plan's main.rego imports data.compliance.networking but never shows it;
# this module is crosswalk's, written in the same (Rego v0) style.
package compliance.networking

# METADATA
# title: Network Security
# description: No administrative ports open to the internet; no publicly accessible databases
# custom:
#   controls: [firewall-configuration, network-segmentation]

admin_ports := {22, 3389}

# Inline ingress blocks of a security group open to the internet on SSH or RDP
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_security_group"
  ingress := resource.change.after.ingress[_]
  ingress.cidr_blocks[_] == "0.0.0.0/0"
  port := admin_ports[_]
  ingress.from_port <= port
  ingress.to_port >= port

  msg := sprintf(
    "HIGH: Security group '%s' allows port %d from 0.0.0.0/0 (PCI-DSS:Req1.3.1)",
    [resource.address, port]
  )
}

# Databases reachable from the internet
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_db_instance"
  resource.change.after.publicly_accessible == true

  msg := sprintf(
    "HIGH: RDS instance '%s' must not be publicly accessible (PCI-DSS:Req1.4.4)",
    [resource.address]
  )
}
