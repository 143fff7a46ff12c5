/**
 * Input variables: values given to a root module from outside, with Terraform's
 * precedence (later wins): environment `TF_VAR_name`, `terraform.tfvars`,
 * `terraform.tfvars.json`, `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order, then
 * `-var-file` files and `-var` values; and the final value of a declared variable
 * (default, type conversion, `nullable`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluateSafe,
  parseExpressionText,
  parseHcl,
  parseHclJson,
  type Block,
  type Expression,
} from '../hcl/index.js';
import { Unknown, type Diagnostic, type Value } from '../types.js';
import { convert, typeSpec, wantsExpression, type TypeSpec } from './types.js';

export interface VariableOptions {
  /** `-var-file` paths, in command-line order. */
  readonly varFiles?: readonly string[];
  /** `-var name=value` pairs; applied after var files. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Environment for `TF_VAR_*`; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A value from outside: already a value (tfvars), or a raw string (env, -var). */
export type InputValue =
  { readonly value: Value } | { readonly raw: string; readonly origin: string };

/** Evaluates an expression that may not refer to anything (tfvars, defaults, types). */
export function constant(expr: Expression, diagnostics?: Diagnostic[]): Value {
  const result = evaluateSafe(expr, { lookup: () => undefined });
  if ('value' in result) return result.value;
  diagnostics?.push({
    code: 'CW-TF-003',
    severity: 'error',
    message: `cannot evaluate: ${result.error.message}`,
    file: expr.range.file,
    line: expr.range.start.line,
  });
  return new Unknown(`cannot evaluate: ${result.error.message}`);
}

/** Collects the values given to the root module in `dir`, by precedence. */
export function rootInputs(
  dir: string,
  options: VariableOptions,
  diagnostics: Diagnostic[],
  files: string[],
): Map<string, InputValue> {
  const inputs = new Map<string, InputValue>();
  const env = options.env ?? process.env;
  for (const [key, raw] of Object.entries(env)) {
    if (key.startsWith('TF_VAR_') && raw !== undefined) {
      inputs.set(key.slice('TF_VAR_'.length), { raw, origin: `environment variable ${key}` });
    }
  }
  const autoFiles = listDir(dir)
    .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
    .sort();
  const fromDir = ['terraform.tfvars', 'terraform.tfvars.json', ...autoFiles]
    .map((n) => join(dir, n))
    .filter((f) => existsSync(f));
  for (const file of [...fromDir, ...(options.varFiles ?? [])]) {
    for (const [name, value] of readTfvars(file, diagnostics, files)) inputs.set(name, { value });
  }
  for (const [name, raw] of Object.entries(options.vars ?? {})) {
    inputs.set(name, { raw, origin: `-var ${name}` });
  }
  return inputs;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readTfvars(file: string, diagnostics: Diagnostic[], files: string[]): Map<string, Value> {
  const out = new Map<string, Value>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    diagnostics.push({
      code: 'CW-TF-001',
      severity: 'error',
      message: `cannot read variables file: ${err instanceof Error ? err.message : String(err)}`,
      file,
    });
    return out;
  }
  files.push(file);
  const parsed = file.endsWith('.json') ? parseHclJson(text, file) : parseHcl(text, file);
  diagnostics.push(...parsed.diagnostics);
  for (const attr of parsed.body.attributes) out.set(attr.name, constant(attr.expr, diagnostics));
  return out;
}

/** Turns a raw string into a value: parsed as HCL unless the type is string or any. */
function fromRaw(input: InputValue, type: TypeSpec, diagnostics: Diagnostic[]): Value {
  if ('value' in input) return input.value;
  if (!wantsExpression(type)) return input.raw;
  const parsed = parseExpressionText(input.raw, input.origin);
  const result =
    parsed.expr && !parsed.diagnostics.some((d) => d.severity === 'error')
      ? evaluateSafe(parsed.expr, { lookup: () => undefined })
      : undefined;
  if (result && 'value' in result) return result.value;
  diagnostics.push({
    code: 'CW-TF-004',
    severity: 'error',
    message: `${input.origin}: cannot read "${input.raw}" as a value`,
  });
  return new Unknown(`${input.origin} could not be read`);
}

/**
 * The value of a declared variable given its (optional) input. `hasInput` is false when
 * nothing set it; an input whose value is null counts as set, unless `nullable = false`.
 */
export function variableValue(
  name: string,
  block: Block,
  input: InputValue | undefined,
  diagnostics: Diagnostic[],
): Value {
  const attr = (n: string) => block.body.attributes.find((a) => a.name === n);
  const typeAttr = attr('type');
  // In .tf.json the type is written as a string, e.g. "list(string)".
  const typeExpr =
    typeAttr?.expr.kind === 'literal' && typeof typeAttr.expr.value === 'string'
      ? parseExpressionText(typeAttr.expr.value, typeAttr.range.file).expr
      : typeAttr?.expr;
  const type = typeSpec(typeExpr, (e) => constant(e));
  const defaultAttr = attr('default');
  const nullableAttr = attr('nullable');
  const nullable = nullableAttr ? constant(nullableAttr.expr, diagnostics) !== false : true;
  const fallback = (): Value =>
    defaultAttr
      ? constant(defaultAttr.expr, diagnostics)
      : new Unknown(`variable ${name} has no value`);

  let value = input ? fromRaw(input, type, diagnostics) : fallback();
  if (value === null && !nullable) value = fallback();
  const converted = convert(value, type);
  if ('value' in converted) return converted.value;
  diagnostics.push({
    code: 'CW-TF-004',
    severity: 'error',
    message: `invalid value for variable "${name}": ${converted.error}`,
    file: block.range.file,
    line: block.range.start.line,
  });
  return new Unknown(`variable ${name} has an invalid value: ${converted.error}`);
}
