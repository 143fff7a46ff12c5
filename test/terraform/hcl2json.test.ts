import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/iac/hcl/index.js';
import { toHcl2Json } from '../../src/iac/terraform/index.js';

const source = `
variable "env" {
  default = "prod"
}

locals {
  name = "acme-\${var.env}"
  n    = -1
}

resource "aws_s3_bucket" "logs" {
  bucket = local.name
  count  = var.enabled ? 1 : 0
  tags   = { env = "prod", team = var.team }
  ports  = [80, 443]

  versioning {
    enabled = true
  }
  versioning {
    enabled = false
  }
}

resource "aws_s3_bucket" "other" {}
`;

describe('toHcl2Json', () => {
  it('gives the hcl2json shape: labelled blocks nest, bodies are lists, expressions are ${...}', () => {
    const { body } = parseHcl(source, 'main.tf');
    expect(toHcl2Json(body)).toEqual({
      variable: { env: [{ default: 'prod' }] },
      locals: [{ name: 'acme-${var.env}', n: -1 }],
      resource: {
        aws_s3_bucket: {
          logs: [
            {
              bucket: '${local.name}',
              count: '${var.enabled ? 1 : 0}',
              tags: { env: 'prod', team: '${var.team}' },
              ports: [80, 443],
              versioning: [{ enabled: true }, { enabled: false }],
            },
          ],
          other: [{}],
        },
      },
    });
  });
});
