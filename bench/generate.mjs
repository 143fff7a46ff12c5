#!/usr/bin/env node
// Writes a large synthetic Terraform tree for the scan benchmark: about 10,000 resources
// in about 1,000 files, with a local module called through for_each, locals, variables
// and split S3 resources. Usage: node bench/generate.mjs [outDir] [files]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'bench/out/tree';
const fileCount = Number(process.argv[3] ?? 1000);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'modules/service'), { recursive: true });

writeFileSync(
  join(out, 'modules/service/main.tf'),
  `variable "name" { type = string }
variable "tier" { type = string }
variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = "svc-\${var.name}"
  tags   = { DataClassification = var.tier }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/svc/\${var.name}"
  retention_in_days = 400
}

resource "aws_security_group" "this" {
  name = "svc-\${var.name}"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

output "bucket_arn" { value = aws_s3_bucket.this.arn }
`,
);

writeFileSync(
  join(out, 'variables.tf'),
  `variable "environment" {
  type    = string
  default = "bench"
}
variable "services" {
  type    = list(string)
  default = [${Array.from({ length: 50 }, (_, i) => `"svc${i}"`).join(', ')}]
}
locals {
  prefix = "acme-\${var.environment}"
  tags   = { Environment = var.environment, Owner = "bench" }
}
resource "aws_kms_key" "shared" {
  description         = "shared"
  enable_key_rotation = true
}
module "service" {
  source      = "./modules/service"
  for_each    = { for s in var.services : s => upper(s) }
  name        = each.key
  tier        = each.value
  kms_key_arn = aws_kms_key.shared.arn
}
`,
);

let resources = 1 + 50 * 4;
const templates = [
  (n) => `resource "aws_s3_bucket" "b${n}" {
  bucket = "\${local.prefix}-bucket-${n}"
  tags   = merge(local.tags, { DataClassification = "internal" })
}

resource "aws_s3_bucket_versioning" "b${n}" {
  bucket = aws_s3_bucket.b${n}.id
  versioning_configuration {
    status = ${n % 3 === 0 ? '"Suspended"' : '"Enabled"'}
  }
}

resource "aws_s3_bucket_public_access_block" "b${n}" {
  bucket                  = aws_s3_bucket.b${n}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = ${n % 5 !== 0}
}
`,
  (n) => `resource "aws_security_group" "sg${n}" {
  name        = "\${local.prefix}-sg-${n}"
  description = "Service group ${n}"

  dynamic "ingress" {
    for_each = [443, ${n % 7 === 0 ? 22 : 8443}]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [ingress.value == 443 ? "0.0.0.0/0" : "10.0.0.0/8"]
    }
  }
}

resource "aws_cloudwatch_log_group" "lg${n}" {
  name              = "/app/\${var.environment}/${n}"
  retention_in_days = ${n % 4 === 0 ? 30 : 400}
  kms_key_id        = aws_kms_key.shared.arn
}
`,
  (n) => `resource "aws_iam_policy" "p${n}" {
  name = "\${local.prefix}-policy-${n}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ${n % 11 === 0 ? '"*"' : '["s3:GetObject", "s3:PutObject"]'}
      Resource = ${n % 11 === 0 ? '"*"' : `"arn:aws:s3:::acme-bucket-${n}/*"`}
    }]
  })
}

resource "aws_db_instance" "db${n}" {
  identifier          = "\${local.prefix}-db-${n}"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  storage_encrypted   = ${n % 6 !== 0}
  publicly_accessible = false
  backup_retention_period = 7
  tags                = merge(local.tags, { DataClassification = "confidential" })
}

resource "aws_kms_key" "k${n}" {
  description         = "key ${n}"
  enable_key_rotation = ${n % 9 !== 0}
}
`,
];
const perTemplate = [3, 2, 3];

let n = 0;
for (let f = 0; f < fileCount; f++) {
  const parts = [];
  for (let k = 0; k < 4; k++) {
    const t = (f + k) % templates.length;
    parts.push(templates[t](n++));
    resources += perTemplate[t];
  }
  writeFileSync(join(out, `stack_${String(f).padStart(4, '0')}.tf`), parts.join('\n'));
}

console.log(`wrote ${fileCount + 2} files, about ${resources} resources, to ${out}`);
