locals {
  name_prefix = "acme-${var.environment}"
  common_tags = {
    Environment = var.environment
    Owner       = "platform-team"
  }
}

resource "aws_kms_key" "data" {
  description             = "Customer data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.common_tags
}

resource "aws_kms_key" "logs" {
  description         = "Audit log encryption"
  enable_key_rotation = true
  tags                = local.common_tags
}

module "data_buckets" {
  source   = "./modules/data-bucket"
  for_each = { for name, cfg in var.data_buckets : name => cfg if name != "archive" }

  name           = "${local.name_prefix}-${each.key}"
  classification = each.value.classification
  versioning     = each.value.versioning
  kms_key_arn    = aws_kms_key.data.arn
}
