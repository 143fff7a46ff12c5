/**
 * The input documents custom policies see, as conftest users expect (docs/policy-input.md):
 * the plan JSON as is, the CloudFormation template (short-form intrinsics in their long
 * JSON form), each Kubernetes document on its own, and for HCL the shape the hcl2json tool
 * produces, one document per `.tf` file. The loaders return resources, not documents, so
 * the files are read and parsed again here; loader behaviour is unchanged.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { parseTemplate, type CfnNode } from '../iac/cloudformation/tree.js';
import { parseHcl } from '../iac/hcl/index.js';
import { readSource } from '../iac/source.js';
import { toHcl2Json } from '../iac/terraform/index.js';
import type { Diagnostic, RawResource, ResourceFormat } from '../iac/types.js';

/** One file the scan loaded, with the resources that came from the same unit. */
export interface PolicySource {
  readonly file: string;
  readonly format: ResourceFormat;
  /** The text, when the caller already holds it (standard input, plans). */
  readonly text?: string;
  /**
   * Resources of the unit the file belongs to (its root module, plan, template or
   * manifest file): the candidates a result naming an address is attached to.
   */
  readonly resources: readonly RawResource[];
}

export interface PolicyDocument {
  readonly file: string;
  readonly format: ResourceFormat;
  readonly input: unknown;
  /** First line of the document in its file. */
  readonly line: number;
  readonly resources: readonly RawResource[];
  /** The resource the document is, when it is exactly one (a Kubernetes object). */
  readonly self?: RawResource;
}

export function policyDocuments(source: PolicySource, diagnostics: Diagnostic[]): PolicyDocument[] {
  let text = source.text;
  if (text === undefined) {
    const read = readSource(source.file, Number.MAX_SAFE_INTEGER);
    if ('diagnostic' in read) return []; // the loader has already reported it
    text = read.text;
  }
  const base = { file: source.file, format: source.format, resources: source.resources, line: 1 };
  const problem = (message: string) =>
    diagnostics.push({
      code: 'CW-POLICY-009',
      severity: 'warning',
      message: `custom policies skip this file: ${message}`,
      file: source.file,
    });
  try {
    switch (source.format) {
      case 'plan':
        return [{ ...base, input: JSON.parse(text) as unknown }];
      case 'cloudformation':
        return [{ ...base, input: cfnJson(parseTemplate(text).root) }];
      case 'kubernetes':
        return kubernetesDocuments(source, text);
      case 'terraform': {
        if (source.file.endsWith('.json')) return [{ ...base, input: JSON.parse(text) as unknown }];
        const parsed = parseHcl(text, source.file);
        return [{ ...base, input: toHcl2Json(parsed.body) }];
      }
    }
  } catch (error) {
    problem((error as Error).message);
    return [];
  }
}

function cfnJson(node: CfnNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(cfnJson);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) out[entry.key] = cfnJson(entry.value);
      return out;
    }
  }
}

function kubernetesDocuments(source: PolicySource, text: string): PolicyDocument[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = new LineCounter();
  const out: PolicyDocument[] = [];
  const inFile = source.resources.filter((r) => r.location.file === source.file);
  for (const doc of parseAllDocuments(body, { lineCounter: lines, version: '1.1' })) {
    // malformed documents are reported by the loader and skipped here too
    if (doc.errors.length > 0 || doc.contents === null) continue;
    const input = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (input === null || input === undefined) continue;
    const start = lines.linePos(doc.contents.range[0]).line;
    const end = lines.linePos(doc.range[2]).line;
    const mine = inFile.filter((r) => r.location.startLine >= start && r.location.startLine <= end);
    out.push({
      file: source.file,
      format: source.format,
      input,
      line: start,
      resources: mine,
      ...(mine.length === 1 ? { self: mine[0] } : {}),
    });
  }
  return out;
}
