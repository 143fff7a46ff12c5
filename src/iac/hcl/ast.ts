/**
 * Syntax tree for HCL (native and JSON syntax). Every node keeps its source range.
 * Offsets and columns count UTF-16 code units of the JS string (not UTF-8 bytes).
 */
import type { Diagnostic, SourceComment, Value } from '../types.js';

/** A point in a file. `line` and `column` are 1-based, `offset` is 0-based. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  file: string;
  start: Pos;
  end: Pos;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expression;
  range: Range;
}

export interface Block {
  type: string;
  labels: string[];
  labelRanges: Range[];
  body: Body;
  range: Range;
  typeRange: Range;
}

export interface LiteralExpr {
  kind: 'literal';
  value: null | boolean | number | string;
  range: Range;
}

/** A quoted string or heredoc with at least one interpolation or directive. */
export interface TemplateExpr {
  kind: 'template';
  parts: TemplatePart[];
  range: Range;
}

export type TemplatePart =
  | { kind: 'literal'; value: string; range: Range }
  | { kind: 'interp'; expr: Expression; range: Range }
  | {
      kind: 'if';
      condition: Expression;
      then: TemplatePart[];
      else: TemplatePart[];
      range: Range;
    }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expression;
      body: TemplatePart[];
      range: Range;
    };

export interface VariableExpr {
  kind: 'variable';
  name: string;
  range: Range;
}

export interface GetAttrExpr {
  kind: 'getAttr';
  object: Expression;
  name: string;
  range: Range;
}

export interface IndexExpr {
  kind: 'index';
  object: Expression;
  key: Expression;
  /** True for the HIL-style `foo.0` form. */
  legacy: boolean;
  range: Range;
}

/**
 * `source.*.a.b` (full = false) or `source[*].a[0]` (full = true). `each` is evaluated once
 * per element with the element bound to the `splatItem` node at its root.
 */
export interface SplatExpr {
  kind: 'splat';
  source: Expression;
  each: Expression;
  full: boolean;
  range: Range;
}

export interface SplatItemExpr {
  kind: 'splatItem';
  range: Range;
}

export interface TupleExpr {
  kind: 'tuple';
  items: Expression[];
  range: Range;
}

export interface ObjectItem {
  /** A naked identifier key becomes a string literal with `bareKey` true. */
  key: Expression;
  bareKey: boolean;
  value: Expression;
}

export interface ObjectExpr {
  kind: 'object';
  items: ObjectItem[];
  range: Range;
}

export interface CallExpr {
  kind: 'call';
  /** May contain `::` for provider functions, e.g. `provider::aws::arn_parse`. */
  name: string;
  nameRange: Range;
  args: Expression[];
  /** The last argument was followed by `...`. */
  expandFinal: boolean;
  range: Range;
}

export interface ForExpr {
  kind: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Present for object `for` (`{ for ... : k => v }`). */
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  /** `...` after the value: group values by key. */
  grouped: boolean;
  range: Range;
}

export interface ConditionalExpr {
  kind: 'conditional';
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
  range: Range;
}

export type UnaryOp = '-' | '!';
export type BinaryOp =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: Expression;
  range: Range;
}

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface ParensExpr {
  kind: 'parens';
  expr: Expression;
  range: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | TupleExpr
  | ObjectExpr
  | CallExpr
  | ForExpr
  | ConditionalExpr
  | UnaryExpr
  | BinaryExpr
  | ParensExpr;

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
  comments: SourceComment[];
}

/** A static reference: `aws_s3_bucket.logs.id` → root `aws_s3_bucket`, steps [logs, id]. */
export interface Traversal {
  root: string;
  steps: TraversalStep[];
  range: Range;
}

export type TraversalStep = { type: 'attr'; name: string } | { type: 'index'; key: Value };
