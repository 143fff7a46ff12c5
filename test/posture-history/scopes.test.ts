/**
 * Scans of different stacks that share one ledger each count; a rescan of the same stack
 * replaces its earlier result.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { postureAt } from '../../src/posture/history.js';
import { record } from './fixture.js';

const catalog = loadCatalog();

function scanOf(when: string, scope: string, status: 'passed' | 'failed') {
  return record('scan-run', when, status, {
    paths: [scope],
    scope: `/ci/${scope}`,
    findings: [
      {
        ruleId: 'aws-s3-bucket-encrypted-at-rest',
        status,
        severity: 'high',
        resource: 'aws_s3_bucket.data',
        file: 'main.tf',
        line: 3,
        controls: ['encryption-at-rest'],
        message: status === 'failed' ? 'not encrypted' : 'encrypted',
      },
    ],
  });
}

function statusOf(records: ReturnType<typeof scanOf>[], id: string): string | undefined {
  const posture = postureAt(catalog, records, '2026-12-03', { framework: 'hipaa' });
  return posture.requirements.find((r) => r.id === id)?.status;
}

describe('the latest scan of each scope', () => {
  it('keeps a failing stack failing when another stack is scanned later', () => {
    const records = [
      scanOf('2026-12-01T10:00:00Z', 'billing', 'failed'),
      scanOf('2026-12-02T10:00:00Z', 'web', 'passed'),
    ];
    expect(statusOf(records, '164.312(a)(2)(iv)')).toBe('failing');
  });

  it('lets a rescan of the same stack replace its earlier result', () => {
    const records = [
      scanOf('2026-12-01T10:00:00Z', 'billing', 'failed'),
      scanOf('2026-12-02T10:00:00Z', 'billing', 'passed'),
    ];
    expect(statusOf(records, '164.312(a)(2)(iv)')).not.toBe('failing');
  });
});
