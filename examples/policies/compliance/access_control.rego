# policies/compliance/access_control.rego
package compliance.access_control

# METADATA
# title: Access Control
# description: Enforce least privilege and MFA requirements
# custom:
#   controls: [least-privilege, multi-factor-authentication, firewall-configuration]
#   frameworks:
#     soc2: [CC6.1, CC6.3]
#     pci-dss: ["7.2.2", "8.4.1"]

# Deny IAM policies with wildcard resources
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_iam_policy"
  policy := json.unmarshal(resource.change.after.policy)
  statement := policy.Statement[_]
  statement.Resource == "*"
  statement.Effect == "Allow"
  not is_allowed_wildcard_action(statement.Action)

  msg := sprintf(
    "HIGH: IAM policy '%s' grants overly broad permissions with Resource='*' (SOC2:CC6.3)",
    [resource.address]
  )
}

is_allowed_wildcard_action(actions) {
  # Allow specific read-only wildcards
  allowed := {"s3:List*", "ec2:Describe*", "cloudwatch:Get*"}
  actions[_] == allowed[_]
}

# Require MFA for privileged roles
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_iam_role"
  is_privileged_role(resource)
  policy := json.unmarshal(resource.change.after.assume_role_policy)
  not requires_mfa(policy)

  msg := sprintf(
    "CRITICAL: Privileged role '%s' must require MFA (PCI-DSS:Req8.4.1)",
    [resource.address]
  )
}

is_privileged_role(resource) {
  # Define what constitutes a privileged role
  privileged_keywords := ["admin", "power", "elevated"]
  contains(lower(resource.name), privileged_keywords[_])
}

requires_mfa(policy) {
  statement := policy.Statement[_]
  statement.Condition.Bool["aws:MultiFactorAuthPresent"] == "true"
}

# Deny overly permissive security groups
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_security_group_rule"
  resource.change.after.type == "ingress"
  resource.change.after.cidr_blocks[_] == "0.0.0.0/0"
  resource.change.after.from_port != 443
  resource.change.after.from_port != 80

  msg := sprintf(
    "HIGH: Security group rule '%s' allows ingress from 0.0.0.0/0 on non-standard port (PCI-DSS:Req1.3.1)",
    [resource.address]
  )
}
