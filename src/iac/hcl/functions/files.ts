/** File and path functions; the file-reading ones resolve against a module directory. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Value } from '../../types.js';
import { parseTemplateText } from '../parser.js';
import { ValueError, isObjectValue, toStr } from '../values.js';
import { arg, fn, type HclFunction } from './types.js';

/** A fileset() glob as a RegExp: `*`, `**`, `?`, `{a,b}` and `[...]` classes. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of directories, including none
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i++;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re +=
          '[' +
          glob
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      re += '\\' + glob[++i];
    } else re += c.replace(/[.+^$()|\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** Path functions that need no base directory. */
export const pathFunctions: Record<string, HclFunction> = {
  basename: fn((a) => path.basename(toStr(arg(a, 0))), 1, 1),
  dirname: fn((a) => path.dirname(toStr(arg(a, 0))), 1, 1),
  pathexpand: fn(
    (a) => {
      const p = toStr(arg(a, 0));
      return p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
    },
    1,
    1,
  ),
};

/** How a template body from templatefile() is evaluated (set by the evaluator module). */
export type TemplateEvaluator = (
  template: NonNullable<ReturnType<typeof parseTemplateText>['expr']>,
  vars: { [k: string]: Value },
) => Value;

let templateEvaluator: TemplateEvaluator | undefined;

export function setTemplateEvaluator(f: TemplateEvaluator): void {
  templateEvaluator = f;
}

/**
 * file(), fileexists(), filebase64(), templatefile(), abspath() resolving relative paths
 * against `baseDir` (Terraform uses the module directory for `path.module` paths; relative
 * paths resolve against the working directory, which we take to be `baseDir`).
 */
export function fileFunctions(baseDir: string): Record<string, HclFunction> {
  const resolve = (p: string): string => path.resolve(baseDir, p);
  const readBytes = (p: string): Buffer => {
    try {
      return readFileSync(resolve(p));
    } catch {
      throw new ValueError(`no file exists at "${p}"`);
    }
  };
  const read = (p: string): string => readBytes(p).toString('utf8');
  const fileHash = (alg: string, enc: 'hex' | 'base64') =>
    fn(
      (a) =>
        createHash(alg)
          .update(readBytes(toStr(arg(a, 0))))
          .digest(enc),
      1,
      1,
    );
  return {
    ...pathFunctions,
    abspath: fn((a) => resolve(toStr(arg(a, 0))), 1, 1),
    file: fn((a) => read(toStr(arg(a, 0))), 1, 1),
    filebase64: fn((a) => readBytes(toStr(arg(a, 0))).toString('base64'), 1, 1),
    filemd5: fileHash('md5', 'hex'),
    filesha1: fileHash('sha1', 'hex'),
    filesha256: fileHash('sha256', 'hex'),
    filesha512: fileHash('sha512', 'hex'),
    filebase64sha256: fileHash('sha256', 'base64'),
    filebase64sha512: fileHash('sha512', 'base64'),
    fileset: fn(
      (a) => {
        const dir = resolve(toStr(arg(a, 0)));
        const re = globToRegExp(toStr(arg(a, 1)));
        const match = (p: string): boolean => re.test(p);
        let entries: string[];
        try {
          entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
        } catch {
          return [];
        }
        return entries
          .map((e) => e.split(path.sep).join('/'))
          .filter((e) => match(e) && statSync(path.join(dir, e)).isFile())
          .sort();
      },
      2,
      2,
    ),
    fileexists: fn(
      (a) => {
        const full = resolve(toStr(arg(a, 0)));
        return existsSync(full) && statSync(full).isFile();
      },
      1,
      1,
    ),
    templatefile: fn(
      (a) => {
        const p = toStr(arg(a, 0));
        const vars = arg(a, 1);
        if (!isObjectValue(vars))
          throw new ValueError('the second argument must be an object of variables');
        const text = read(p);
        const parsed = parseTemplateText(text, resolve(p), (o) => ({
          line: 1,
          column: o + 1,
          offset: o,
        }));
        if (!parsed.expr) {
          throw new ValueError(
            `template ${p} has errors: ${parsed.diagnostics.map((d) => d.message).join('; ')}`,
          );
        }
        if (!templateEvaluator) throw new ValueError('templates cannot be evaluated here');
        return templateEvaluator(parsed.expr, vars);
      },
      2,
      2,
      'shallow',
    ),
  };
}
