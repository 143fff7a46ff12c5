import { describe, expect, it } from 'vitest';
import { isExpired, parseInlineWaiver, WaiverBook } from '../../src/engine/waivers.js';
import { raw } from '../support/raw.js';

describe('inline waivers', () => {
  it('reads rule, reason and expiry', () => {
    const parsed = parseInlineWaiver(
      {
        text: '# crosswalk:ignore aws-s3-bucket-versioning-enabled scratch data is disposable expires=2027-01-31',
        line: 4,
      },
      'main.tf',
    );
    expect(parsed?.waiver).toEqual({
      rule: 'aws-s3-bucket-versioning-enabled',
      reason: 'scratch data is disposable',
      expires: '2027-01-31',
      file: 'main.tf',
      line: 4,
    });
  });

  it('accepts // and /* */ comments', () => {
    expect(
      parseInlineWaiver({ text: '// crosswalk:ignore r1 because', line: 1 }, 'a.tf')?.waiver?.rule,
    ).toBe('r1');
    expect(
      parseInlineWaiver({ text: '/* crosswalk:ignore r2 legacy system */', line: 1 }, 'a.tf')
        ?.waiver?.reason,
    ).toBe('legacy system');
  });

  it('rejects a waiver without a reason with a coded diagnostic', () => {
    const parsed = parseInlineWaiver({ text: '# crosswalk:ignore aws-x-y', line: 9 }, 'main.tf');
    expect(parsed?.waiver).toBeUndefined();
    expect(parsed?.diagnostic).toMatchObject({ code: 'CW-WAIVER-001', file: 'main.tf', line: 9 });
  });

  it('rejects an invalid expiry', () => {
    const parsed = parseInlineWaiver(
      { text: '# crosswalk:ignore aws-x-y reason expires=2027-13-45', line: 2 },
      'main.tf',
    );
    expect(parsed?.diagnostic?.code).toBe('CW-WAIVER-002');
  });

  it('ignores ordinary comments', () => {
    expect(
      parseInlineWaiver({ text: '# just a note about crosswalk', line: 1 }, 'a.tf'),
    ).toBeUndefined();
  });

  it('treats the expiry day itself as still in force', () => {
    expect(isExpired('2026-12-03', '2026-12-03')).toBe(false);
    expect(isExpired('2026-12-02', '2026-12-03')).toBe(true);
    expect(isExpired(undefined, '2026-12-03')).toBe(false);
  });
});

describe('WaiverBook', () => {
  const bucket = {
    ...raw('aws_s3_bucket', 'scratch', { bucket: 'x' }),
    comments: [{ text: '# crosswalk:ignore rule-a temporary bucket expires=2026-01-01', line: 1 }],
  };

  it('matches config waivers by rule and address glob', () => {
    const book = new WaiverBook(
      [
        {
          rule: 'rule-b',
          resource: 'module.data["*"].aws_s3_bucket.*',
          reason: 'r',
          owner: 'sec',
          file: 'c.yaml',
          line: 3,
        },
      ],
      '2026-12-03',
    );
    expect(book.find('rule-b', 'module.data["a"].aws_s3_bucket.this', [])?.owner).toBe('sec');
    expect(book.find('rule-b', 'aws_s3_bucket.this', [])).toBeUndefined();
    expect(book.find('rule-c', 'module.data["a"].aws_s3_bucket.this', [])).toBeUndefined();
  });

  it('reports an expired inline waiver as expired', () => {
    const book = new WaiverBook([], '2026-12-03');
    expect(book.find('rule-a', bucket.address, [bucket])).toMatchObject({
      expired: true,
      expires: '2026-01-01',
    });
  });

  it('prefers a waiver in force over an expired one', () => {
    const book = new WaiverBook(
      [
        {
          rule: 'rule-a',
          resource: '*',
          reason: 'accepted risk',
          file: 'c.yaml',
          line: 1,
          expires: '2027-01-01',
        },
      ],
      '2026-12-03',
    );
    expect(book.find('rule-a', bucket.address, [bucket])).toMatchObject({
      expired: false,
      source: 'config',
    });
  });
});

describe('expiry spelled another way', () => {
  it.each([
    '# crosswalk:ignore rule-a retiring key Expires=2020-13-01',
    '# crosswalk:ignore rule-a retiring key expires=2020-01-01 (ticket SEC-12)',
    '# crosswalk:ignore rule-a retiring key expires 2020-01-01',
    '# crosswalk:ignore rule-a retiring key expires=2027-02-31',
  ])('is refused, never taken as "no expiry": %s', (text) => {
    const parsed = parseInlineWaiver({ text, line: 1 }, 'main.tf');
    expect(parsed?.waiver).toBeUndefined();
    expect(parsed?.diagnostic?.code).toBe('CW-WAIVER-002');
  });

  it('accepts the expiry key in any case at the end', () => {
    const parsed = parseInlineWaiver(
      { text: '# crosswalk:ignore rule-a retiring key Expires=2027-01-31', line: 1 },
      'main.tf',
    );
    expect(parsed?.waiver?.expires).toBe('2027-01-31');
  });
});
