locals {
  # Every bucket of this stack, for the settings they all share.
  buckets = {
    audit_logs  = aws_s3_bucket.audit_logs
    scratch     = aws_s3_bucket.scratch
    access_logs = aws_s3_bucket.access_logs
  }
}

# Audit logs: encrypted through separate resources, versioned and locked.
resource "aws_s3_bucket" "audit_logs" {
  bucket              = "${local.name_prefix}-audit-logs"
  object_lock_enabled = true
  tags                = merge(local.common_tags, { DataClassification = "internal", Purpose = "audit-logs" })
}

resource "aws_s3_bucket_object_lock_configuration" "audit_logs" {
  bucket = aws_s3_bucket.audit_logs.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 400
    }
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "${local.name_prefix}-scratch"
  tags   = merge(local.common_tags, { DataClassification = "internal" })
}

# Server access logs of the other buckets land here.
resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.name_prefix}-access-logs"
  tags   = merge(local.common_tags, { DataClassification = "internal", Purpose = "access-logs" })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "all" {
  for_each = local.buckets
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "all" {
  for_each = local.buckets
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "all" {
  for_each                = local.buckets
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "all" {
  for_each      = local.buckets
  bucket        = each.value.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket_lifecycle_configuration" "all" {
  for_each = local.buckets
  bucket   = each.value.id
  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 400
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  for_each = local.buckets
  bucket   = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [each.value.arn, "${each.value.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_db_subnet_group" "main" {
  name       = "${local.name_prefix}-db"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

resource "aws_db_instance" "billing" {
  identifier                          = "${local.name_prefix}-billing"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  username                            = "billing"
  manage_master_user_password         = true
  db_subnet_group_name                = aws_db_subnet_group.main.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data.arn
  publicly_accessible                 = false
  multi_az                            = true
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${local.name_prefix}-billing-final"
  tags                                = merge(local.common_tags, { DataClassification = "confidential" })
}

resource "aws_dynamodb_table" "sessions" {
  name         = "${local.name_prefix}-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = merge(local.common_tags, { DataClassification = "internal" })
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
