resource "aws_cloudtrail" "main" {
  name                          = "${local.name_prefix}-trail"
  s3_bucket_name                = aws_s3_bucket.audit_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  kms_key_id                    = aws_kms_key.logs.arn
  # Deliberate failure: log file integrity validation is off.
  enable_log_file_validation = false
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/acme/${var.environment}/cloudtrail"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.logs.arn
}

# Deliberate failure: 30 days is far short of PCI DSS 10.5.1's twelve months, and the
# group is not encrypted with a customer-managed key.
resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/acme/${var.environment}/vpc-flow-logs"
  retention_in_days = 30
}

resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_role.config.arn
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
