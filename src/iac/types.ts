/**
 * Raw resources: what a loader makes of a file, before any AWS or Kubernetes meaning
 * is attached. Every value keeps the place it was written.
 */

/** A span in a source file. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/**
 * A value that cannot be known before apply: a computed id or ARN, a variable without a
 * default, a data source. `reason` says why in words a user understands. When the
 * unknown comes from a reference to another resource, `ref` names that resource and
 * attribute, which is how split resources (an S3 encryption configuration pointing at
 * `aws_s3_bucket.logs.id`) are linked to their owner.
 */
export class Unknown {
  constructor(
    readonly reason: string,
    readonly ref?: { readonly address: string; readonly attribute: string },
    /**
     * The known values this unknown can take, when the evaluator can tell: a conditional
     * whose condition is unknown but whose branches are known gives both branches. A
     * rule whose every candidate is acceptable can pass; every candidate unacceptable,
     * fail; otherwise the answer stays unknown.
     */
    readonly candidates?: readonly Value[],
    /**
     * For an encoded document (`jsonencode({...})` with an unknown leaf): the value that
     * was being encoded, with Unknown leaves. The text is unknown; its structure is not.
     */
    readonly partial?: Value,
  ) {}
}

/**
 * Decides a predicate over a value that may be unknown: `true`/`false` when every
 * possible value agrees, `undefined` when it cannot be decided before apply.
 */
export function decide<T>(
  value: T | Unknown | undefined,
  predicate: (known: T | undefined) => boolean,
): boolean | undefined {
  if (!(value instanceof Unknown)) return predicate(value);
  if (!value.candidates || value.candidates.length === 0) return undefined;
  const answers = value.candidates.map((c) =>
    c instanceof Unknown ? undefined : predicate((c ?? undefined) as T | undefined),
  );
  if (answers.every((a) => a === true)) return true;
  if (answers.every((a) => a === false)) return false;
  return undefined;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/**
 * Marks an object value as a resource instance whose other attributes are computed:
 * reading an attribute that the object does not hold gives an Unknown whose `ref` is
 * `{ address, attribute }`, instead of null. The Terraform loader sets it on the objects
 * it hands the evaluator for `aws_s3_bucket.logs` and the like.
 */
export const COMPUTED = Symbol.for('crosswalk.computed');

export interface ComputedMark {
  readonly address: string;
}

export function computedMark(value: unknown): ComputedMark | undefined {
  return value !== null && typeof value === 'object'
    ? ((value as { [COMPUTED]?: ComputedMark })[COMPUTED] ?? undefined)
    : undefined;
}

/**
 * An evaluated attribute value in the plan-JSON shape: nested blocks become arrays of
 * objects, sets become arrays. Unknown may appear at any depth.
 */
export type Value = null | boolean | number | string | Unknown | Value[] | { [key: string]: Value };

export type ResourceFormat = 'terraform' | 'plan' | 'cloudformation' | 'kubernetes';

export interface RawResource {
  readonly format: ResourceFormat;
  /** Provider type, e.g. `aws_s3_bucket`, `AWS::S3::Bucket`, `apps/v1/Deployment`. */
  readonly type: string;
  /** Name as written, e.g. `logs` for `resource "aws_s3_bucket" "logs"`. */
  readonly name: string;
  /**
   * Full address as Terraform prints it: `module.net["a"].aws_s3_bucket.logs[0]`.
   * Unique within one scan.
   */
  readonly address: string;
  /** `resource` for managed resources, `data` for data sources. */
  readonly mode: 'managed' | 'data';
  /** Module path, e.g. `module.net["a"]`; empty for the root module. */
  readonly module: string;
  readonly attributes: { readonly [key: string]: Value };
  /** Where the whole resource block is. */
  readonly location: SourceLocation;
  /**
   * Where each attribute was written, keyed by dotted path with block indices,
   * e.g. `rule.0.apply_server_side_encryption_by_default.0.sse_algorithm`.
   * Missing paths fall back to the nearest parent, then to `location`.
   */
  readonly attributeLocations: ReadonlyMap<string, SourceLocation>;
  /** Comments found on or above the block, and at the ends of its lines (for waivers). */
  readonly comments?: readonly SourceComment[];
}

export interface SourceComment {
  readonly text: string;
  readonly line: number;
}

/** A problem with an input: never thrown past a loader, always collected. */
export interface Diagnostic {
  /** Stable code, e.g. `CW-HCL-001`. */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** What a loader returns for a set of files. */
export interface LoadResult {
  readonly resources: RawResource[];
  readonly diagnostics: Diagnostic[];
  /** Every file that was read, for reports and evidence. */
  readonly files: string[];
}

/** Looks up the location of an attribute path on a resource, falling back to parents. */
export function locate(resource: RawResource, path: readonly (string | number)[]): SourceLocation {
  if (path.length === 0 || resource.attributeLocations.size === 0) return resource.location;
  let key = path.length === 1 ? String(path[0]) : path.join('.');
  for (;;) {
    const found = resource.attributeLocations.get(key);
    if (found) return found;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return resource.location;
    key = key.slice(0, dot);
  }
}
