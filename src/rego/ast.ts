/** The Rego abstract syntax tree produced by the parser and consumed by the compiler. */
import type { RegoValue } from './value.js';

export interface Location {
  file: string;
  row: number;
  col: number;
}

export type Term =
  | { type: 'scalar'; value: RegoValue; loc: Location }
  | { type: 'var'; name: string; loc: Location }
  | { type: 'ref'; head: Term; path: Term[]; loc: Location }
  | { type: 'array'; items: Term[]; loc: Location }
  | { type: 'set'; items: Term[]; loc: Location }
  | { type: 'object'; pairs: [Term, Term][]; loc: Location }
  | { type: 'arraycomp'; head: Term; body: Body; loc: Location }
  | { type: 'setcomp'; head: Term; body: Body; loc: Location }
  | { type: 'objectcomp'; key: Term; value: Term; body: Body; loc: Location }
  /** op is a dotted name (builtin, function or data ref) */
  | { type: 'call'; op: string; opTerm: Term; args: Term[]; loc: Location };

export interface With {
  target: Term;
  value: Term;
  loc: Location;
}

export type Expr =
  | { type: 'term'; term: Term }
  | { type: 'unify'; left: Term; right: Term }
  | { type: 'assign'; left: Term; right: Term }
  | { type: 'some'; vars: Term[] }
  | { type: 'somein'; key: Term | undefined; value: Term; collection: Term }
  | { type: 'every'; key: Term | undefined; value: Term; collection: Term; body: Body };

export interface Literal {
  expr: Expr;
  negated: boolean;
  withs: With[];
  loc: Location;
  text: string;
  /** position in the original query, for result expressions */
  qindex?: number;
}

export type Body = Literal[];

export interface Rule {
  /** head reference, relative to the package: ['p'] or ['a','b',Var c,'d'] */
  ref: Term[];
  kind: 'complete' | 'multi' | 'func';
  args?: Term[];
  /** value term for complete/func rules; member term for multi rules */
  value: Term;
  body: Body;
  isDefault: boolean;
  elses: { value: Term; body: Body; loc: Location }[];
  loc: Location;
  module: Module;
  annotations?: Annotation[];
  /** the text of the rule head, for messages */
  name: string;
}

export interface Annotation {
  scope: string;
  data: Record<string, unknown>;
  loc: Location;
}

export interface Import {
  path: Term[];
  alias: string | undefined;
  loc: Location;
}

export interface Module {
  file: string;
  pkg: string[];
  pkgLoc: Location;
  imports: Import[];
  rules: Rule[];
  v1: boolean;
  annotations: Annotation[];
}
