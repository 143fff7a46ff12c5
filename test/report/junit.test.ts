import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { scanResult } from './fixture.js';

/** The few DOM members used here (the project compiles without the DOM lib). */
interface DomElement {
  readonly nodeType: number;
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly childNodes: ArrayLike<DomElement>;
  readonly textContent: string | null;
}

/** An element read back through xmlbuilder2's DOM, which decodes entities. */
interface Node {
  readonly attrs: Record<string, string>;
  readonly text: string;
  child(name: string): Node | undefined;
  children(name: string): Node[];
}

function wrap(element: DomElement): Node {
  const attrs: Record<string, string> = {};
  for (const attr of Array.from(element.attributes)) attrs[attr.name] = attr.value;
  const children = (name: string) =>
    Array.from(element.childNodes).filter((n) => n.nodeType === 1 && n.tagName === name);
  return {
    attrs,
    text: element.textContent ?? '',
    child: (name) => children(name).map(wrap)[0],
    children: (name) => children(name).map(wrap),
  };
}

function parse(xml: string) {
  const root = wrap(create(xml).root().node as unknown as DomElement);
  const suites = root.children('testsuite').map((suite) => ({
    ...suite,
    cases: suite.children('testcase'),
  }));
  return { root, suites };
}

describe('formatJunit', () => {
  const xml = formatJunit(scanResult());
  const { root, suites } = parse(xml);

  it('declares XML and totals every status', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect([
      root.attrs['tests'],
      root.attrs['failures'],
      root.attrs['errors'],
      root.attrs['skipped'],
    ]).toEqual(['8', '2', '1', '2']);
    expect(root.attrs['time']).toBe('1.234');
  });

  it('has one suite per rule with correct counts', () => {
    expect(
      suites.map((s) => [
        s.attrs['name'],
        s.attrs['tests'],
        s.attrs['failures'],
        s.attrs['skipped'],
      ]),
    ).toEqual([
      ['aws-cloudtrail-enabled', '2', '1', '0'],
      ['aws-cloudwatch-log-retention', '1', '0', '0'],
      ['aws-iam-password-min-length', '1', '0', '0'],
      ['aws-s3-bucket-encrypted-at-rest', '3', '1', '1'],
      ['aws-s3-bucket-public-access-blocked', '1', '0', '1'],
    ]);
    expect(suites[2]!.attrs['errors']).toBe('1');
    for (const suite of suites) expect(suite.cases).toHaveLength(Number(suite.attrs['tests']));
  });

  it('names cases by rule and resource, with failure message and file:line', () => {
    const encryption = suites[3]!.cases;
    expect(encryption.map((c) => c.attrs['name'])).toEqual([
      'aws_s3_bucket.logs',
      'aws_s3_bucket.assets',
      'aws_s3_bucket.data',
    ]);
    const failed = encryption[0]!;
    expect(failed.attrs['classname']).toBe('aws-s3-bucket-encrypted-at-rest');
    expect(failed.attrs['line']).toBe('12');
    expect(failed.child('failure')!.attrs['message']).toBe(
      'main.tf:12: No server-side encryption: sse_algorithm is "none" | expected "aws:kms" or "AES256"',
    );
    expect(failed.child('failure')!.attrs['type']).toBe('high');
    expect(failed.child('failure')!.text).toContain(
      'Requirements: hipaa:164.312(a)(2)(iv), pci-dss:3.5.1',
    );
    expect(encryption[1]!.child('failure')).toBeUndefined();
    expect(encryption[1]!.child('skipped')).toBeUndefined();
    expect(encryption[2]!.child('skipped')!.attrs['message']).toBe(
      'unknown: kms_master_key_id depends on var.kms_key, which has no default',
    );
  });

  it('skips waived cases with the reason and fails expired waivers', () => {
    expect(suites[4]!.cases[0]!.child('skipped')!.attrs['message']).toBe(
      'waived: Public static website (owner: web-team, expires 2027-06-30)',
    );
    const trail = suites[0]!.cases.find((c) => c.attrs['name'] === 'aws_cloudtrail.main')!;
    expect(trail.child('failure')!.text).toContain(
      'Waiver expired: Migration to org trail (expired 2026-01-31)',
    );
  });

  it('escapes markup in messages', () => {
    const evil = scanResult({
      findings: [{ ...scanResult().findings[0]!, message: 'a <b> & "c"' }],
    });
    const parsed = parse(formatJunit(evil));
    expect(parsed.suites[0]!.cases[0]!.child('failure')!.attrs['message']).toBe(
      'main.tf:12: a <b> & "c"',
    );
  });
});
