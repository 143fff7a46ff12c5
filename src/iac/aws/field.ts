/**
 * The building blocks of the typed AWS model. Every field keeps where it came from, and
 * distinguishes "not set" (undefined) from "cannot be known before apply" (Unknown).
 */
import {
  Unknown,
  isUnknown,
  locate,
  type RawResource,
  type SourceLocation,
  type Value,
} from '../types.js';

export interface Field<T> {
  /** The value; `undefined` when the attribute is absent, `Unknown` when not knowable. */
  readonly value: T | Unknown | undefined;
  readonly location: SourceLocation;
}

/** Base of every entity in the typed model. */
export interface Entity {
  /** Model kind, e.g. `aws.s3.bucket`. Rules select entities by kind. */
  readonly kind: string;
  /** Address of the main raw resource (the bucket for an S3 bucket entity). */
  readonly address: string;
  readonly resourceType: string;
  readonly name: string;
  readonly location: SourceLocation;
  /** Every raw resource that contributed to this entity (a bucket and its split parts). */
  readonly sources: readonly RawResource[];
  /** Tags, where the resource has them. */
  readonly tags?: Field<Record<string, Value>>;
}

/** Reads one attribute path of a raw resource into a field. */
export function field<T extends Value>(
  resource: RawResource,
  path: readonly (string | number)[],
): Field<T> {
  let current: Value | undefined = resource.attributes as Value;
  for (const step of path) {
    if (current === null || current === undefined) {
      current = undefined;
      break;
    }
    if (isUnknown(current)) break;
    if (Array.isArray(current)) {
      current = typeof step === 'number' ? current[step] : undefined;
    } else if (typeof current === 'object') {
      current = (current as Record<string, Value>)[String(step)];
    } else {
      current = undefined;
    }
  }
  const value = current === null ? undefined : (current as T | Unknown | undefined);
  return { value, location: locate(resource, path) };
}

/** A field that is known to hold `value`, placed at `location`. */
export function known<T>(value: T | undefined, location: SourceLocation): Field<T> {
  return { value, location };
}

export { Unknown, isUnknown };
