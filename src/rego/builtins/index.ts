/**
 * The Rego builtin library (OPA-compatible). Each builtin is declared once as data (name,
 * typed arguments, result, category) in its family's file; this module gathers them into
 * BUILTINS.
 *
 * Calling convention for the evaluator:
 * - `impl(args, ctx)` checks its operands first (checkArgs), so it may be called directly.
 * - It returns the result, or `undefined` for an undefined result (e.g. json.patch failing,
 *   uuid.parse of a non-UUID, max of an empty array).
 * - It throws BuiltinError: code `eval_type_error` for wrong operand types, worded like OPA
 *   ("concat: operand 2 must be array of strings but got array containing number"), and
 *   `eval_builtin_error` for valid types that still fail (bad regex, bad base64, division by
 *   zero, builtins not available offline). OPA turns both into undefined unless strict
 *   builtin errors are on; that choice is the evaluator's.
 * - A `relation` (walk) returns an array whose elements are the separate results.
 * - `ctx.now()` must be stable for a query; uuid.rfc4122 and rand.intn memoise per query in
 *   `ctx.cache` (or, without it, per context object).
 */
import { decls as aggregates } from './aggregates.js';
import { decls as arrays } from './arrays.js';
import { decls as crypto } from './crypto.js';
import { decls as encoding } from './encoding.js';
import { decls as glob } from './glob.js';
import { decls as graph } from './graph.js';
import { decls as internal } from './internal.js';
import { decls as json } from './json.js';
import { decls as jwt } from './jwt.js';
import { decls as net } from './net.js';
import { decls as numbers } from './numbers.js';
import { decls as objects } from './objects.js';
import { decls as regex } from './regex.js';
import { decls as semver } from './semver.js';
import { decls as sets } from './sets.js';
import { checkArgs, type BuiltinDecl } from './spec.js';
import { decls as strings } from './strings.js';
import { decls as time } from './time.js';
import { decls as types } from './types.js';
import { decls as unavailable } from './unavailable.js';
import { decls as units } from './units.js';
import { decls as uuid } from './uuid.js';

export {
  BuiltinError,
  checkArgs,
  checkOperand,
  specName,
  T,
  type BuiltinContext,
  type BuiltinDecl,
  type BuiltinErrorCode,
  type BuiltinImpl,
  type TypeSpec,
} from './spec.js';
export { regoString, jsonMarshal } from './format.js';
export { sprintf } from './sprintf.js';

const FAMILIES: readonly BuiltinDecl[][] = [
  numbers,
  aggregates,
  sets,
  arrays,
  objects,
  strings,
  regex,
  glob,
  types,
  encoding,
  json,
  time,
  net,
  units,
  semver,
  crypto,
  graph,
  uuid,
  jwt,
  internal,
  unavailable,
];

/** Wraps the implementation so that operands are type-checked before it runs. */
function guarded(decl: BuiltinDecl): BuiltinDecl {
  const impl = decl.impl;
  if (!impl) return decl;
  return {
    ...decl,
    impl: (args, ctx) => {
      checkArgs(decl, args);
      return impl(args, ctx);
    },
  };
}

function build(): ReadonlyMap<string, BuiltinDecl> {
  const map = new Map<string, BuiltinDecl>();
  for (const family of FAMILIES) {
    for (const decl of family) {
      if (map.has(decl.name)) throw new Error(`builtin ${decl.name} declared twice`);
      map.set(decl.name, guarded(decl));
    }
  }
  return map;
}

export const BUILTINS: ReadonlyMap<string, BuiltinDecl> = build();

/** Builtins by infix operator (`+` -> plus, `==` -> equal ...). */
export const OPERATORS: ReadonlyMap<string, BuiltinDecl> = new Map(
  [...BUILTINS.values()].filter((d) => d.infix).map((d) => [d.infix!, d] as const),
);
