/**
 * Kubernetes manifests: YAML (one or many documents) or JSON. Every object becomes a raw
 * resource of format `kubernetes`, its fields keyed by dotted path with the exact lines
 * they were written on. A malformed document is reported and skipped; the others load.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type {
  Diagnostic,
  LoadResult,
  RawResource,
  SourceComment,
  SourceLocation,
  Value,
} from '../types.js';

export { adaptKubernetes } from './adapt.js';
export * from './model.js';

/** Nesting deeper than this is refused: no real manifest comes close. */
export const MAX_DEPTH = 100;
/** Nodes one document may expand to, aliases included (stops alias bombs). */
export const MAX_NODES = 250_000;
/** Nodes one file may expand to over all its documents. */
export const MAX_FILE_NODES = 1_000_000;

/** Kinds that live outside namespaces; every other built-in kind is namespaced. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PodSecurityPolicy',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'ComponentStatus',
]);

/** Namespaced kinds the built-in rules know; unknown kinds keep only a written namespace. */
const NAMESPACED = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Role',
  'RoleBinding',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'LimitRange',
  'ResourceQuota',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Endpoints',
  'EndpointSlice',
  'Lease',
  'Event',
]);

export const IGNORE_ANNOTATION = 'crosswalk.io/ignore';

/** Go template actions as Helm charts write them. */
const TEMPLATE = /\{\{[^\n]*?\}\}/;

/**
 * Cheap content sniff: some document sets both `apiVersion` and `kind` at the top level
 * (YAML block style) or anywhere as JSON keys.
 */
export function looksLikeKubernetes(text: string): boolean {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (/^\uFEFF?\s*[{[]/.test(head)) {
    return /["']?\bapiVersion["']?\s*:/.test(head) && /["']?\bkind["']?\s*:/.test(head);
  }
  return /^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head);
}

export function loadKubernetes(file: string, text: string): LoadResult {
  const resources: RawResource[] = [];
  const diagnostics: Diagnostic[] = [];
  // Lines are counted on the text without its byte-order mark, so they stay exact.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;

  const tooDeep = flowDepthExceeded(source);
  if (tooDeep !== undefined) {
    diagnostics.push({
      code: 'CW-K8S-004',
      severity: 'error',
      message: `nesting deeper than ${MAX_DEPTH} levels; the file is not loaded`,
      file,
      line: tooDeep,
    });
    return { resources, diagnostics, files: [file] };
  }

  const lines = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(source, {
      lineCounter: lines,
      // Kubernetes reads YAML 1.1 (yes/no booleans, merge keys).
      version: '1.1',
      prettyErrors: false,
      // Duplicate keys are an error, as for kubectl; keys compare as written, since
      // YAML 1.1 would read `y` and `on` as the same boolean.
      uniqueKeys: (a, b) => keyText(a) === keyText(b),
    }) as Document.Parsed[];
  } catch (error) {
    diagnostics.push({
      code: 'CW-K8S-001',
      severity: 'error',
      message: `cannot parse: ${(error as Error).message}`,
      file,
    });
    return { resources, diagnostics, files: [file] };
  }
  if (!Array.isArray(documents)) documents = [];

  const lineOf = (offset: number): number => lines.linePos(offset).line;
  const seen = new Map<string, number>();
  const budget = { file: MAX_FILE_NODES };
  let warnedTemplate = false;
  let previousEnd = 0;

  for (const doc of documents) {
    const regionStart = previousEnd;
    const docEnd = doc.range[2];
    previousEnd = docEnd;
    const error = doc.errors[0];
    if (error) {
      // The first error is the cause; later ones are usually its echoes.
      const templated = TEMPLATE.test(source.slice(regionStart, docEnd));
      diagnostics.push({
        code: 'CW-K8S-001',
        severity: 'error',
        message:
          `malformed YAML document, skipped: ${error.message.split('\n')[0]}` +
          (templated
            ? ' (it holds {{ }} template syntax: scan the rendered output, e.g. of helm template)'
            : ''),
        file,
        line: error.linePos?.[0].line ?? lineOf(error.pos[0]),
        ...(error.linePos ? { column: error.linePos[0].col } : {}),
      });
      continue;
    }
    const contents = doc.contents as YamlNode | null;
    // Empty and comment-only documents are skipped, never the whole file.
    if (contents === null || (isScalar(contents) && contents.value === null)) continue;

    const docLine = lineOf(contents.range?.[0] ?? doc.range[0]);
    const walker = new Walker(doc, file, lineOf, budget);
    let root: Value;
    try {
      root = walker.value(contents, '', 0);
    } catch (error) {
      if (!(error instanceof LimitError)) throw error;
      diagnostics.push({
        code: 'CW-K8S-004',
        severity: 'error',
        message: `document refused: ${error.message}`,
        file,
        line: docLine,
      });
      continue;
    }
    // `{{ .Values.x }}` often parses as a flow mapping: the values it stands for are then
    // not of the expected type, which the adapter reads as unknown. Say so once per file.
    const templateLine = warnedTemplate
      ? undefined
      : helmTemplateLine(source, regionStart, docEnd, lineOf, root, walker.locations);
    if (templateLine !== undefined) {
      warnedTemplate = true;
      diagnostics.push({
        code: 'CW-K8S-005',
        severity: 'warning',
        message:
          'manifest holds {{ }} template syntax; templated values are unknown. Scan the rendered output (e.g. of helm template) instead',
        file,
        line: templateLine,
      });
    }

    if (root === null || typeof root !== 'object' || Array.isArray(root)) {
      diagnostics.push({
        code: 'CW-K8S-002',
        severity: 'warning',
        message: 'document is not a Kubernetes object (expected a mapping); skipped',
        file,
        line: docLine,
      });
      continue;
    }
    const yamlComments = commentsIn(source, regionStart, docEnd, lineOf);
    const objects = expandList(root as Record<string, Value>, walker.locations);
    for (const object of objects) {
      const made = toResource(file, object, yamlComments, walker, seen);
      if ('diagnostic' in made) diagnostics.push(made.diagnostic);
      else resources.push(made.resource);
    }
  }
  return { resources, diagnostics, files: [file] };
}

/** API groups built into Kubernetes besides the core group and `*.k8s.io`. */
const BUILT_IN_GROUPS = new Set(['apps', 'batch', 'extensions', 'policy', 'autoscaling']);

/**
 * The line of the first `{{ }}` that looks like an unrendered chart template, if any.
 * `{{ }}` is also the own syntax of things that are not Helm: custom resources (Kyverno
 * policies, PrometheusRule alert texts, Argo workflows), which stay in rendered output and
 * which crosswalk does not read, and the data of ConfigMaps and Secrets (Alertmanager or
 * Grafana templates). Those are not worth a warning.
 */
function helmTemplateLine(
  source: string,
  start: number,
  end: number,
  lineOf: (offset: number) => number,
  root: Value,
  locations: ReadonlyMap<string, SourceLocation>,
): number | undefined {
  const region = source.slice(start, end);
  if (!TEMPLATE.test(region)) return undefined;
  const object = asObject(root);
  const apiVersion = object?.['apiVersion'];
  const kind = object?.['kind'];
  // A templated apiVersion or kind is Helm's, whatever it stands for.
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return firstLine();
  if (TEMPLATE.test(apiVersion) || TEMPLATE.test(kind)) return firstLine();
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group !== '' && !BUILT_IN_GROUPS.has(group) && !group.endsWith('.k8s.io')) return undefined;
  const dataSpans =
    apiVersion === 'v1' && (kind === 'ConfigMap' || kind === 'Secret')
      ? ['data', 'stringData', 'binaryData'].flatMap((k) => locations.get(k) ?? [])
      : [];
  return firstLine((line) => dataSpans.some((d) => line >= d.startLine && line <= d.endLine));

  function firstLine(skip: (line: number) => boolean = () => false): number | undefined {
    const all = new RegExp(TEMPLATE.source, 'g');
    for (let m = all.exec(region); m; m = all.exec(region)) {
      const line = lineOf(start + m.index);
      if (!skip(line)) return line;
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Objects

interface ObjectPart {
  readonly value: Record<string, Value>;
  /** Path of this object inside its document: '' or `items.3`. */
  readonly prefix: string;
  /** Field locations relative to the object. */
  readonly locations: Map<string, SourceLocation>;
}

/** `kind: List` (and `*List`) documents hold their objects under `items`. */
function expandList(
  root: Record<string, Value>,
  locations: ReadonlyMap<string, SourceLocation>,
): ObjectPart[] {
  const kind = root['kind'];
  const items = root['items'];
  if (!(typeof kind === 'string' && /List$/.test(kind) && Array.isArray(items))) {
    return [{ value: root, prefix: '', locations: new Map(locations) }];
  }
  // One pass over the document's locations, handing each to its item.
  const perItem = new Map<number, Map<string, SourceLocation>>();
  for (const [path, where] of locations) {
    const match = /^items\.(\d+)(?:\.(.*))?$/.exec(path);
    if (!match) continue;
    const index = Number(match[1]);
    const own = perItem.get(index) ?? new Map<string, SourceLocation>();
    own.set(match[2] ?? '', where);
    perItem.set(index, own);
  }
  const parts: ObjectPart[] = [];
  items.forEach((item, index) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      parts.push({
        value: item as Record<string, Value>,
        prefix: `items.${index}`,
        locations: perItem.get(index) ?? new Map(),
      });
    }
  });
  return parts;
}

function toResource(
  file: string,
  part: ObjectPart,
  yamlComments: readonly SourceComment[],
  walker: Walker,
  seen: Map<string, number>,
): { resource: RawResource } | { diagnostic: Diagnostic } {
  const { value: object, prefix, locations: attributeLocations } = part;
  const location = attributeLocations.get('') ?? walker.documentLocation();
  const apiVersion = object['apiVersion'];
  const kind = object['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') {
    return {
      diagnostic: {
        code: 'CW-K8S-003',
        severity: 'warning',
        message: 'object has no apiVersion or kind; skipped',
        file,
        line: location.startLine,
      },
    };
  }
  const metadata = asObject(object['metadata']);
  const written = metadata?.['name'];
  const generate = metadata?.['generateName'];
  const name =
    typeof written === 'string' && written !== ''
      ? written
      : typeof generate === 'string'
        ? `${generate}*`
        : `(unnamed at line ${location.startLine})`;
  const ns = metadata?.['namespace'];
  const namespace =
    typeof ns === 'string' && ns !== ''
      ? ns
      : CLUSTER_SCOPED.has(kind) || !NAMESPACED.has(kind)
        ? undefined
        : 'default';
  let address =
    namespace !== undefined && !CLUSTER_SCOPED.has(kind)
      ? `${kind}/${namespace}/${name}`
      : `${kind}/${name}`;
  const count = (seen.get(address) ?? 0) + 1;
  seen.set(address, count);
  if (count > 1) address = `${address}#${count}`;

  const comments: SourceComment[] = yamlComments.filter(
    (c) => prefix === '' || (c.line >= location.startLine && c.line <= location.endLine),
  );
  comments.push(...annotationWaivers(object, attributeLocations, location));

  return {
    resource: {
      format: 'kubernetes',
      type: `${apiVersion}/${kind}`,
      name,
      address,
      mode: 'managed',
      module: '',
      attributes: object,
      location,
      attributeLocations,
      comments,
    },
  };
}

/** `crosswalk.io/ignore: "rule-a: reason; rule-b: reason"` becomes waiver comments. */
function annotationWaivers(
  object: Record<string, Value>,
  locations: ReadonlyMap<string, SourceLocation>,
  fallback: SourceLocation,
): SourceComment[] {
  const annotations = asObject(asObject(object['metadata'])?.['annotations']);
  const text = annotations?.[IGNORE_ANNOTATION];
  if (typeof text !== 'string') return [];
  const line = (
    locations.get(`metadata.annotations.${IGNORE_ANNOTATION}`) ??
    locations.get('metadata.annotations') ??
    fallback
  ).startLine;
  return text
    .split(/[\n;]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      const rule = colon < 0 ? entry : entry.slice(0, colon).trim();
      const reason = colon < 0 ? '' : entry.slice(colon + 1).trim();
      return { text: `crosswalk:ignore ${rule} ${reason}`.trimEnd(), line };
    });
}

function asObject(value: Value | undefined): Record<string, Value> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, Value>)
    : undefined;
}

/** YAML comments between the end of the previous document and the end of this one. */
function commentsIn(
  source: string,
  start: number,
  end: number,
  lineOf: (offset: number) => number,
): SourceComment[] {
  const found: SourceComment[] = [];
  const region = source.slice(start, end);
  const pattern = /(^|[ \t])#([^\r\n]*)/gm;
  for (let match = pattern.exec(region); match; match = pattern.exec(region)) {
    const body = match[2]!;
    if (!body.includes('crosswalk:')) continue;
    found.push({ text: body.trim(), line: lineOf(start + match.index + match[1]!.length) });
  }
  return found;
}

/**
 * Flow collections (`[[[[...`) nest without indentation; counting brackets before
 * parsing refuses pathological files quickly. Quoted text and comments on a line are
 * skipped, and a line starting a new top-level key resets the count, so stray brackets
 * in strings do not add up. Returns the offending line.
 */
function flowDepthExceeded(source: string): number | undefined {
  let depth = 0;
  let line = 1;
  let quote = 0;
  let comment = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      quote = 0;
      comment = false;
      const next = source.charCodeAt(i + 1);
      // A letter or '-' in column 0 starts block content again.
      if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 45) depth = 0;
      continue;
    }
    if (comment) continue;
    if (quote !== 0) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || /\s/.test(source[i - 1]!))) comment = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return line;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Turning YAML nodes into values with locations

class LimitError extends Error {}

class Walker {
  readonly locations = new Map<string, SourceLocation>();
  private readonly aliases = new Map<object, unknown>();
  private nodes = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly file: string,
    private readonly lineOf: (offset: number) => number,
    private readonly budget: { file: number },
  ) {}

  documentLocation(): SourceLocation {
    return this.span(this.doc.range[0], this.doc.range[1]);
  }

  span(start: number, end: number): SourceLocation {
    const last = Math.max(start, end - 1);
    return { file: this.file, startLine: this.lineOf(start), endLine: this.lineOf(last) };
  }

  private record(path: string, start: number, end: number): void {
    if (path !== '' && !this.locations.has(path)) this.locations.set(path, this.span(start, end));
    if (path === '' && !this.locations.has('')) this.locations.set('', this.span(start, end));
  }

  value(node: unknown, path: string, depth: number, inAlias = false): Value {
    if (++this.nodes > MAX_NODES) {
      throw new LimitError(`expands to more than ${MAX_NODES} nodes (alias bomb?)`);
    }
    if (--this.budget.file < 0) {
      throw new LimitError(`the file expands to more than ${MAX_FILE_NODES} nodes in all`);
    }
    if (depth > MAX_DEPTH) throw new LimitError(`nesting deeper than ${MAX_DEPTH} levels`);
    if (isAlias(node)) {
      // Resolving searches the document for the anchor, so each alias is resolved once.
      let target = this.aliases.get(node);
      if (target === undefined) {
        target = node.resolve(this.doc) ?? null;
        this.aliases.set(node, target);
      }
      if (!target) return null;
      if (!inAlias && node.range) this.record(path, node.range[0], node.range[1]);
      return this.value(target, path, depth + 1, true);
    }
    if (!inAlias && isNodeWithRange(node)) this.record(path, node.range[0], node.range[1]);
    if (isMap(node)) {
      const out: Record<string, Value> = {};
      const merged: unknown[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        if (key === MERGE) {
          merged.push(pair.value);
          continue;
        }
        const child = path === '' ? key : `${path}.${key}`;
        if (!inAlias && isNodeWithRange(pair.key)) {
          const end = isNodeWithRange(pair.value) ? pair.value.range[1] : pair.key.range[1];
          this.record(child, pair.key.range[0], end);
        }
        out[key] = this.value(pair.value, child, depth + 1, inAlias);
      }
      // `<<: *base` fills in keys the mapping does not set itself.
      for (const source of merged) {
        const sources = isSeq(source) ? source.items : [source];
        for (const one of sources) {
          const extra = this.value(one, path, depth + 1, true);
          if (extra !== null && typeof extra === 'object' && !Array.isArray(extra)) {
            for (const [k, v] of Object.entries(extra)) if (!(k in out)) out[k] = v as Value;
          }
        }
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, index) =>
        this.value(item, path === '' ? String(index) : `${path}.${index}`, depth + 1, inAlias),
      );
    }
    if (isScalar(node)) return scalar(node.value);
    if (isPair(node)) return null;
    return null;
  }
}

const MERGE = '<<';

function isNodeWithRange(node: unknown): node is { range: [number, number, number] } {
  return (
    node !== null && typeof node === 'object' && Array.isArray((node as { range?: unknown }).range)
  );
}

/** Keys are read as written, so YAML 1.1's `y`/`on` keys stay strings as in JSON. */
function keyText(key: unknown): string {
  if (isScalar(key)) {
    if (typeof key.value === 'symbol') return MERGE;
    const source = (key as { source?: unknown }).source;
    if (typeof source === 'string') return source;
    return String(key.value);
  }
  if (key === null || key === undefined) return '';
  return String((key as { toString(): string }).toString());
}

function scalar(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}
