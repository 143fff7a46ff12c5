# policies/compliance/encryption.rego
package compliance.encryption

# METADATA
# title: Encryption at Rest
# description: Ensure all data stores use encryption at rest
# custom:
#   controls: [encryption-at-rest, key-management]
#   frameworks:
#     soc2: [CC6.1]
#     hipaa: ["164.312(a)(2)(iv)"]
#     pci-dss: ["3.5.1"]
#     gdpr: ["32(1)(a)"]

# Deny S3 buckets without encryption
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_s3_bucket"
  not has_bucket_encryption(resource.address)

  msg := sprintf(
    "CRITICAL: S3 bucket '%s' must have encryption enabled (SOC2:CC6.1, HIPAA:164.312(a)(2)(iv))",
    [resource.address]
  )
}

has_bucket_encryption(bucket_address) {
  encryption_resource := input.resource_changes[_]
  encryption_resource.type == "aws_s3_bucket_server_side_encryption_configuration"
  startswith(encryption_resource.address, bucket_address)
}

# Deny RDS without encryption
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_db_instance"
  resource.change.after.storage_encrypted != true

  msg := sprintf(
    "CRITICAL: RDS instance '%s' must enable storage_encrypted (HIPAA:164.312(a)(2)(iv), PCI-DSS:Req3.5.1)",
    [resource.address]
  )
}

# Require KMS encryption (not default)
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_s3_bucket_server_side_encryption_configuration"
  rule := resource.change.after.rule[_]
  encryption := rule.apply_server_side_encryption_by_default
  encryption.sse_algorithm != "aws:kms"

  msg := sprintf(
    "HIGH: Bucket '%s' must use KMS encryption, not default AES256 (SOC2:CC6.1)",
    [resource.address]
  )
}

# Require key rotation for KMS keys
deny[msg] {
  resource := input.resource_changes[_]
  resource.type == "aws_kms_key"
  resource.change.after.enable_key_rotation != true

  msg := sprintf(
    "MEDIUM: KMS key '%s' must have rotation enabled (PCI-DSS:Req3.7.4)",
    [resource.address]
  )
}
