/** Errors raised by the Rego parser, compiler and evaluator, with OPA's codes. */
import type { Location } from './ast.js';

export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'rego_type_error'
  | 'eval_conflict_error'
  | 'eval_type_error'
  | 'eval_builtin_error'
  | 'eval_cancel_error'
  | 'eval_unsafe_var_error';

export class RegoError extends Error {
  constructor(
    readonly code: RegoErrorCode,
    message: string,
    readonly location?: Location,
  ) {
    super(message);
    this.name = 'RegoError';
  }

  /** `file:row:col: code: message`, as OPA prints errors. */
  override toString(): string {
    const where = this.location
      ? `${this.location.file || '<query>'}:${this.location.row}:${this.location.col}: `
      : '';
    return `${where}${this.code}: ${this.message}`;
  }
}

/** Thrown by compile() when one or more errors were found; `errors` holds them all. */
export class RegoErrors extends AggregateError {
  constructor(override readonly errors: RegoError[]) {
    super(errors, errors.map((e) => e.toString()).join('\n'));
    this.name = 'RegoErrors';
  }
}
