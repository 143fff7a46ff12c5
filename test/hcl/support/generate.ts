/** Generates realistic Terraform text of roughly `bytes` size for parser benchmarks. */
export function generateTerraform(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chunk = `# bucket ${i}
resource "aws_s3_bucket" "b${i}" {
  bucket        = "\${var.prefix}-logs-${i}"
  force_destroy = false
  tags = merge(local.tags, {
    Name  = "logs-${i}"
    Index = ${i}
  })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b${i}" {
  bucket = aws_s3_bucket.b${i}.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k[${i % 3}].arn
    }
    bucket_key_enabled = true
  }
}

locals {
  subnets_${i} = [for s in var.subnets : cidrsubnet(s, 8, ${i % 200}) if s != ""]
  names_${i}   = { for k, v in var.map : k => upper(v) }
  policy_${i}  = <<-EOT
    {
      "Version": "2012-10-17",
      "Resource": "\${aws_s3_bucket.b${i}.arn}/*"
    }
  EOT
  enabled_${i} = var.env == "prod" ? true : length(var.list) > ${i % 7} && !var.off
}
`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('');
}
