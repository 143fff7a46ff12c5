/**
 * Small checks shared by the data-store rules: reading a flag against its AWS default,
 * describing unknown values, and finding a data-classification tag.
 */
import { isUnknown, type Entity, type Field } from '../../../iac/aws/field.js';
import type { Unknown, Value } from '../../../iac/types.js';
import type { RuleSettings, Verdict } from '../../types.js';

export function unknownVerdict(field: Field<unknown>, attribute: string): Verdict {
  const reason = isUnknown(field.value) ? field.value.reason : 'value not known';
  return {
    status: 'unknown',
    message: `${attribute} is not known before apply: ${reason}`,
    location: field.location,
  };
}

export interface FlagOptions {
  /** The value AWS (or the provider) uses when the attribute is absent. */
  readonly whenAbsent: boolean;
  /** Words for the absent case, e.g. `defaults to false`. */
  readonly absentNote: string;
  /** The value the rule asks for; true unless said otherwise. */
  readonly want?: boolean;
}

/** Checks a boolean setting: passed when it has the wanted value, the default included. */
export function requireFlag(
  field: Field<boolean>,
  attribute: string,
  options: FlagOptions,
): Verdict {
  const want = options.want ?? true;
  const value = field.value;
  if (isUnknown(value)) return unknownVerdict(field, attribute);
  if (value === undefined) {
    return {
      status: options.whenAbsent === want ? 'passed' : 'failed',
      message: `${attribute} is not set (${options.absentNote})`,
      location: field.location,
    };
  }
  return {
    status: value === want ? 'passed' : 'failed',
    message: `${attribute} is ${String(value)}`,
    location: field.location,
  };
}

/**
 * Checks that a key id or ARN is written. A reference to another resource (`aws_kms_key.x.arn`)
 * counts as set; a variable without a value may be null, so it stays unknown.
 */
export function requireSet(field: Field<string>, attribute: string, absentNote: string): Verdict {
  const value = field.value;
  if (isUnknown(value)) {
    if (value.ref) {
      return {
        status: 'passed',
        message: `${attribute} is set to ${value.ref.address}.${value.ref.attribute}`,
        location: field.location,
      };
    }
    return unknownVerdict(field, attribute);
  }
  if (value === undefined || value === '') {
    return {
      status: 'failed',
      message: `${attribute} is not set (${absentNote})`,
      location: field.location,
    };
  }
  return { status: 'passed', message: `${attribute} is ${value}`, location: field.location };
}

export type Classification =
  | { readonly found: false }
  | { readonly found: 'unknown'; readonly reason: string }
  | { readonly found: true; readonly key: string; readonly value: Value | Unknown };

/** Looks for a tag key from the settings on the entity. */
export function classificationTag(entity: Entity, settings: RuleSettings): Classification {
  const tags = entity.tags?.value;
  if (isUnknown(tags)) return { found: 'unknown', reason: tags.reason };
  if (!tags) return { found: false };
  for (const key of settings.classificationTagKeys) {
    if (Object.hasOwn(tags, key)) return { found: true, key, value: tags[key] ?? null };
  }
  return { found: false };
}

/** Classification values that do not call for extra protection. */
const NON_SENSITIVE = new Set([
  'public',
  'internal',
  'non-sensitive',
  'nonsensitive',
  'unclassified',
]);

export function isSensitiveLevel(value: string): boolean {
  return !NON_SENSITIVE.has(value.trim().toLowerCase());
}

/** Values AWS accepts as SSE algorithms for S3 default encryption. */
export const S3_SSE_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
export const S3_KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);
