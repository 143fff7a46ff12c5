/**
 * Terraform addresses and reference strings: `module.a["k"].aws_s3_bucket.logs[0]`,
 * `aws_s3_bucket.logs.id`, `each.value.id`. Instance keys may hold dots and brackets inside
 * their quotes, so a plain split on '.' is not enough.
 */

export type InstanceKey = string | number;

export interface AddressStep {
  readonly name: string;
  readonly key?: InstanceKey;
}

/** Splits an address or reference into named steps, each with an optional `[key]`. */
export function parseSteps(text: string): AddressStep[] | undefined {
  const steps: AddressStep[] = [];
  const ident = /[A-Za-z_][A-Za-z0-9_-]*/y;
  let pos = 0;
  while (pos < text.length) {
    ident.lastIndex = pos;
    const m = ident.exec(text);
    if (!m) return undefined;
    pos += m[0].length;
    let key: InstanceKey | undefined;
    if (text[pos] === '[') {
      const parsed = readKey(text, pos + 1);
      if (!parsed) return undefined;
      key = parsed.key;
      pos = parsed.end;
    }
    steps.push(key === undefined ? { name: m[0] } : { name: m[0], key });
    if (pos === text.length) break;
    if (text[pos] !== '.') return undefined;
    pos++;
  }
  return steps;
}

function readKey(text: string, pos: number): { key: InstanceKey; end: number } | undefined {
  if (text[pos] === '"') {
    let i = pos + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (text[i + 1] !== ']') return undefined;
    try {
      return { key: JSON.parse(text.slice(pos, i + 1)) as string, end: i + 2 };
    } catch {
      return undefined;
    }
  }
  const close = text.indexOf(']', pos);
  if (close < 0) return undefined;
  const raw = text.slice(pos, close);
  if (!/^\d+$/.test(raw)) return raw === '*' ? { key: '*', end: close + 1 } : undefined;
  return { key: Number(raw), end: close + 1 };
}

/** `[0]`, `["a"]`, or `` when there is no key. `*` stands for an unknown key. */
export function formatKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  if (typeof key === 'number') return `[${key}]`;
  return key === '*' ? '[*]' : `[${JSON.stringify(key)}]`;
}

export interface ResourceAddress {
  /** Module instances from the root, e.g. [{name:'a', key:'k'}]. */
  readonly modules: readonly AddressStep[];
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly key?: InstanceKey;
}

/** Parses a resource instance address; undefined when it is not one. */
export function parseResourceAddress(text: string): ResourceAddress | undefined {
  const steps = parseSteps(text);
  if (!steps) return undefined;
  const modules: AddressStep[] = [];
  let i = 0;
  while (steps[i]?.name === 'module' && steps[i + 1]) {
    modules.push(steps[i + 1] as AddressStep);
    i += 2;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (steps[i]?.name === 'data') {
    mode = 'data';
    i++;
  }
  const type = steps[i];
  const name = steps[i + 1];
  if (!type || !name || steps.length !== i + 2 || type.key !== undefined) return undefined;
  return { modules, mode, type: type.name, name: name.name, key: name.key };
}

/** `module.a["k"].module.b` for a list of module instance steps. */
export function modulePath(modules: readonly AddressStep[]): string {
  return modules.map((m) => `module.${m.name}${formatKey(m.key)}`).join('.');
}

/** Joins a module path and a local address. */
export function withModule(module: string, local: string): string {
  return module ? `${module}.${local}` : local;
}
