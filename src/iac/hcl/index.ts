/**
 * HCL for crosswalk: native syntax parser, JSON syntax, references, and (see eval.ts)
 * Terraform-flavoured expression evaluation.
 *
 * Notes for callers:
 * - Offsets and columns count UTF-16 code units of the JS string; lines are 1-based.
 * - Ranges made by the parsers are `SpanRange`s: `start` and `end` are computed on read
 *   (a big tree would otherwise hold millions of Pos objects). Read them as usual; use
 *   `plainRange(r)` if you need a plain object to spread or compare.
 * - Comments come back with their markers (`# crosswalk:ignore ...`, `// x`, `/* x *\/`)
 *   and the line where they start; in JSON, `"//"` properties become comments.
 * - Quoted strings and heredocs without interpolation parse to `literal` nodes; with any
 *   `${}` or `%{}` they are `template` nodes. `-5` parses to a literal.
 * - Each file stops listing diagnostics after 100; a last one counts the rest.
 *
 * Diagnostic codes (stable):
 * | code       | meaning                                                        |
 * |------------|----------------------------------------------------------------|
 * | CW-HCL-001 | invalid character                                              |
 * | CW-HCL-002 | unterminated quoted string                                     |
 * | CW-HCL-003 | unterminated template sequence (`${` or `%{` without `}`)      |
 * | CW-HCL-004 | unterminated or malformed heredoc                              |
 * | CW-HCL-005 | unterminated block comment                                     |
 * | CW-HCL-006 | invalid escape sequence in a string                            |
 * | CW-HCL-010 | missing newline after an argument or block                     |
 * | CW-HCL-011 | invalid block definition (bad label or missing `{`)            |
 * | CW-HCL-012 | invalid single-line block                                      |
 * | CW-HCL-013 | unclosed block (missing `}`)                                   |
 * | CW-HCL-014 | argument or block definition required / stray `}`              |
 * | CW-HCL-020 | expression syntax error                                        |
 * | CW-HCL-021 | expression or template nested too deeply                       |
 * | CW-HCL-022 | template directive error (if/else/endif/for/endfor mismatch)   |
 * | CW-HCL-023 | block label with template sequences                            |
 * | CW-HCL-030 | duplicate argument in a body                                   |
 * | CW-HCL-040 | JSON syntax error                                              |
 * | CW-HCL-041 | JSON structure error (wrong shape for a Terraform block)       |
 * | CW-HCL-100 | evaluation error (EvalError.code; reported by the caller)      |
 */
export type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expression,
  ObjectItem,
  ParseResult,
  Pos,
  Range,
  TemplatePart,
  Traversal,
  TraversalStep,
  UnaryOp,
} from './ast.js';
export { parseHcl, parseExpressionText } from './parser.js';
export { parseHclJson } from './json.js';
export { referencesOf, expressionText } from './refs.js';
export { plainRange } from './positions.js';
export {
  evaluate,
  evaluateSafe,
  EvalError,
  isEvalError,
  type EvalContext,
  type HclFunction,
} from './eval.js';
export { fileFunctions } from './functions/files.js';
