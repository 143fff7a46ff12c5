/** Placing a Rego result on a resource: named field, address in the message, the document. */
import { describe, expect, it } from 'vitest';
import type { RawResource } from '../../src/iac/types.js';
import { attach, type PolicyDocument } from '../../src/policy/index.js';

const resource = (address: string, line: number): RawResource => ({
  format: 'plan',
  type: address.split('.').slice(-2)[0]!,
  name: address.split('.').pop()!,
  address,
  mode: 'managed',
  module: '',
  attributes: {},
  location: { file: 'main.tf', startLine: line, endLine: line + 2 },
  attributeLocations: new Map(),
});

const resources = [
  resource('aws_s3_bucket.logs', 1),
  resource('aws_s3_bucket.logs_archive', 5),
  resource('module.net["a"].aws_security_group.web', 9),
];
const document: PolicyDocument = {
  file: 'plan.json',
  format: 'plan',
  input: {},
  line: 1,
  resources,
};

describe('attach', () => {
  it('prefers the resource or address field', () => {
    expect(
      attach(document, 'aws_s3_bucket.logs_archive', 'about aws_s3_bucket.logs')?.address,
    ).toBe('aws_s3_bucket.logs_archive');
  });
  it('finds a whole address in the message, quoted or followed by punctuation', () => {
    expect(attach(document, undefined, "bucket 'aws_s3_bucket.logs' is open")?.address).toBe(
      'aws_s3_bucket.logs',
    );
    expect(attach(document, undefined, 'see aws_s3_bucket.logs_archive.')?.address).toBe(
      'aws_s3_bucket.logs_archive',
    );
    expect(
      attach(document, undefined, 'group "module.net["a"].aws_security_group.web": port 22')
        ?.address,
    ).toBe('module.net["a"].aws_security_group.web');
  });
  it('does not match a prefix of another word, and falls back to the document', () => {
    expect(attach(document, undefined, 'aws_s3_bucket.logsx is open')).toBeUndefined();
    expect(attach(document, 'aws_s3_bucket.other', 'no address here')).toBeUndefined();
    const self = resources[0]!;
    expect(attach({ ...document, self }, undefined, 'no address here')).toBe(self);
  });
});
