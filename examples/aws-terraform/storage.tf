# Audit logs: encrypted through separate resources, versioned and locked.
resource "aws_s3_bucket" "audit_logs" {
  bucket              = "${local.name_prefix}-audit-logs"
  object_lock_enabled = true
  tags                = merge(local.common_tags, { DataClassification = "internal", Purpose = "audit-logs" })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit_logs" {
  bucket = aws_s3_bucket.audit_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "audit_logs" {
  bucket = aws_s3_bucket.audit_logs.id
  versioning_configuration {
    status = "Enabled"
  }
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

resource "aws_s3_bucket_public_access_block" "audit_logs" {
  bucket                  = aws_s3_bucket.audit_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Deliberate failures: a scratch bucket with no encryption, no public access block and no
# classification tag. Its missing versioning is waived until mid-2027.
# crosswalk:ignore aws-s3-bucket-versioning-enabled Scratch data is rebuilt nightly from the source system expires=2027-06-30
resource "aws_s3_bucket" "scratch" {
  bucket = "${local.name_prefix}-scratch"
  tags   = local.common_tags
}

resource "aws_db_subnet_group" "main" {
  name       = "${local.name_prefix}-db"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

# Deliberate failures: storage not encrypted, reachable from the internet, short backups.
resource "aws_db_instance" "billing" {
  identifier              = "${local.name_prefix}-billing"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  username                = "billing"
  manage_master_user_password = true
  db_subnet_group_name    = aws_db_subnet_group.main.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  storage_encrypted       = false
  publicly_accessible     = true
  backup_retention_period = 1
  skip_final_snapshot     = true
  tags                    = merge(local.common_tags, { DataClassification = "confidential" })
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
