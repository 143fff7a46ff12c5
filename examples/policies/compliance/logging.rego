# policies/compliance/logging.rego
#
# The original plan's main.rego imports data.compliance.logging but never shows it;
# this module is crosswalk's, written in the same (Rego v0) style.
package compliance.logging

# METADATA
# title: Audit Logging
# description: CloudTrail covers every region and validates its log files; log groups keep 12 months
# custom:
#   controls: [audit-logging, log-retention, log-protection]

deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_cloudtrail"
  resource.change.after.is_multi_region_trail != true

  msg := sprintf(
    "HIGH: CloudTrail '%s' must be multi-region (PCI-DSS:Req10.2.1)",
    [resource.address]
  )
}

deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_cloudtrail"
  resource.change.after.enable_log_file_validation != true

  msg := sprintf(
    "MEDIUM: CloudTrail '%s' must enable log file validation (PCI-DSS:Req10.3.4)",
    [resource.address]
  )
}

# PCI DSS 10.5.1: at least 12 months of audit log history
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_cloudwatch_log_group"
  retention := object.get(resource.change.after, "retention_in_days", 0)
  retention != 0
  retention < 365

  msg := sprintf(
    "MEDIUM: Log group '%s' keeps logs %d days; at least 365 are required (PCI-DSS:Req10.5.1)",
    [resource.address, retention]
  )
}
