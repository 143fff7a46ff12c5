/**
 * CloudFormation loader: one template (YAML or JSON, SAM and CDK output included) into raw
 * resources. Each resource's attributes are `{ Properties, Metadata }` after intrinsic
 * functions are evaluated; locations are keyed by the same dotted paths
 * (`Properties.BucketEncryption.ServerSideEncryptionConfiguration.0...`).
 */
import {
  isUnknown,
  type Diagnostic,
  type LoadResult,
  type RawResource,
  type SourceComment,
  type Value,
} from '../types.js';
import { commentsFor, metadataWaivers, yamlComments } from './comments.js';
import { expandForEach, hasForEach, type ForEachProblem } from './foreach.js';
import { Evaluator, NO_VALUE, type LocationSink } from './intrinsics.js';
import { TemplateError, entry, parseTemplate, type CfnEntry, type CfnNode } from './tree.js';

export interface CloudFormationOptions {
  /** Parameter values (`--parameter Key=Value`); pseudo parameters such as `AWS::Region` too. */
  readonly parameters?: Readonly<Record<string, string>>;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
/** Expanded here (Fn::ForEach) or evaluated by the evaluator (Fn::Length, Fn::ToJsonString...). */
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** Cheap test used by discovery: a template version line, or Resources with `AWS::` types. */
export function looksLikeCloudFormation(text: string): boolean {
  if (/["']?AWSTemplateFormatVersion["']?\s*:/.test(text)) return true;
  return (
    /(^|[\s{,])["']?Resources["']?\s*:/m.test(text) &&
    /["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/.test(text)
  );
}

export function loadCloudFormation(
  file: string,
  text: string,
  options: CloudFormationOptions = {},
): LoadResult {
  const result: LoadResult = { resources: [], diagnostics: [], files: [file] };
  try {
    load(file, text, options, result);
  } catch (error) {
    // Never past the loader: hostile input (e.g. a condition chain thousands deep) or a bug
    // in this file must not stop the other files of the scan.
    const deep = error instanceof RangeError;
    result.resources.length = 0;
    result.diagnostics.push({
      code: deep ? 'CW-CFN-003' : 'CW-CFN-009',
      severity: 'error',
      message: deep
        ? 'the template nests or chains too deeply to evaluate; refused'
        : `the template could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      file,
    });
  }
  return result;
}

function load(
  file: string,
  text: string,
  options: CloudFormationOptions,
  result: LoadResult,
): void {
  const diagnostics = result.diagnostics;
  const problem = (
    code: string,
    message: string,
    line?: number,
    severity: Diagnostic['severity'] = 'error',
  ): void => {
    diagnostics.push({ code, severity, message, file, ...(line !== undefined ? { line } : {}) });
  };

  const jsonFile = /\.json$/i.test(file);
  let root: CfnNode;
  try {
    const parsed = parseTemplate(text, jsonFile);
    root = parsed.root;
    for (const w of parsed.warnings) problem('CW-CFN-001', w.message, w.line, 'warning');
  } catch (error) {
    if (error instanceof TemplateError) {
      diagnostics.push({
        code: error.code,
        severity: 'error',
        message: error.message,
        file,
        ...(error.line !== undefined ? { line: error.line } : {}),
        ...(error.column !== undefined ? { column: error.column } : {}),
      });
      return;
    }
    throw error;
  }

  if (root.kind !== 'map') {
    problem('CW-CFN-002', 'the template is not a mapping', root.lines.startLine);
    return;
  }
  const resourcesEntry = entry(root, 'Resources');
  if (!resourcesEntry || resourcesEntry.value.kind !== 'map') {
    problem(
      'CW-CFN-002',
      'the template has no Resources mapping',
      resourcesEntry?.lines.startLine ?? root.lines.startLine,
    );
    return;
  }

  const transforms = transformNames(entry(root, 'Transform')?.value);
  for (const t of transforms.filter((t) => t !== SAM_TRANSFORM && t !== LANGUAGE_EXTENSIONS)) {
    problem(
      'CW-CFN-007',
      `transform ${t} is a macro that crosswalk does not expand; resources it adds are not checked`,
      entry(root, 'Transform')?.lines.startLine,
      'warning',
    );
  }

  const evaluatorInput = {
    file,
    parameters: entry(root, 'Parameters')?.value,
    mappings: entry(root, 'Mappings')?.value,
    conditions: entry(root, 'Conditions')?.value,
    overrides: options.parameters ?? {},
  };
  let resourceEntries: readonly CfnEntry[] = resourcesEntry.value.entries;
  if (hasForEach(resourceEntries)) {
    // A loop's collection is known before any resource exists: parameters and mappings.
    const early = new Evaluator({ ...evaluatorInput, resourceIds: new Set<string>() });
    const loopProblems: ForEachProblem[] = [];
    resourceEntries = expandForEach(resourceEntries, (n) => early.value(n), loopProblems);
    for (const p of loopProblems) problem('CW-CFN-008', p.message, p.line, 'warning');
  }
  resourceEntries = linkPoliciesByBucketName(resourceEntries);
  const evaluator = new Evaluator({
    ...evaluatorInput,
    resourceIds: new Set(resourceEntries.map((e) => e.key)),
    resources: new Map(resourceEntries.map((e) => [e.key, e.value])),
    ...(transforms.includes(SAM_TRANSFORM) ? { generated: samGenerated(resourceEntries) } : {}),
  });

  const isYaml =
    !jsonFile &&
    !text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{');
  const comments = isYaml ? yamlComments(text) : new Map<number, string>();
  const textLines = isYaml ? text.split(/\r\n|\r|\n/) : [];

  for (const e of resourceEntries) {
    const logicalId = e.key;
    const line = e.lines.startLine;
    const typeEntry = entry(e.value, 'Type');
    const type = typeEntry?.value.kind === 'scalar' ? typeEntry.value.value : undefined;
    if (e.value.kind !== 'map' || typeof type !== 'string') {
      problem('CW-CFN-002', `resource ${logicalId} has no Type`, line);
      continue;
    }
    const conditionEntry = entry(e.value, 'Condition');
    if (conditionEntry) {
      const name = conditionEntry.value.kind === 'scalar' ? String(conditionEntry.value.value) : '';
      const truth = evaluator.condition(name, conditionEntry.lines.startLine);
      if (truth === false) continue;
      // CDK adds its metadata resource under a region condition to every stack: no note.
      if (isUnknown(truth) && type !== 'AWS::CDK::Metadata') {
        problem(
          'CW-CFN-006',
          `resource ${logicalId} exists only when condition ${name} holds, which is not known (${truth.reason}); it is checked as if created`,
          conditionEntry.lines.startLine,
          'info',
        );
      }
    }

    const locations: LocationSink = new Map();
    const attributes: { [key: string]: Value } = {};
    for (const section of ['Properties', 'Metadata'] as const) {
      const s = entry(e.value, section);
      if (!s) continue;
      const v = evaluator.value(s.value, section, locations);
      locations.set(section, evaluator.location(s.lines));
      if (v !== NO_VALUE) attributes[section] = v;
    }
    if (attributes['Properties'] === undefined) attributes['Properties'] = {};

    const metadata = attributes['Metadata'];
    const cdkPath =
      metadata && typeof metadata === 'object' && !Array.isArray(metadata) && !isUnknown(metadata)
        ? metadata['aws:cdk:path']
        : undefined;
    const resourceComments: SourceComment[] = [
      ...metadataWaivers(metadata, locations, line),
      ...commentsFor(comments, textLines, e.lines.startLine, e.lines.endLine),
    ];
    if (typeof cdkPath === 'string') {
      resourceComments.push({ text: `aws:cdk:path ${cdkPath}`, line });
    }

    const resource: RawResource = {
      format: 'cloudformation',
      type,
      name: typeof cdkPath === 'string' ? cdkPath : logicalId,
      address: logicalId,
      mode: 'managed',
      module: '',
      attributes,
      location: evaluator.location(e.lines),
      attributeLocations: locations,
      ...(resourceComments.length > 0 ? { comments: resourceComments } : {}),
    };
    result.resources.push(resource);
  }

  for (const p of evaluator.problems) {
    diagnostics.push({
      code: p.code,
      severity: p.severity,
      message: p.message,
      file,
      line: p.line,
    });
  }
}

/**
 * Whether a logical id may be one SAM generates: it derives them from the id of the
 * serverless resource (`ApiFunctionRole`, `ApiFunctionAliaslive`, `MyApiProdStage`) or
 * names the implicit APIs (`ServerlessRestApi`, `ServerlessHttpApi...`).
 */
function samGenerated(entries: readonly CfnEntry[]): (logicalId: string) => boolean {
  const prefixes = ['ServerlessRestApi', 'ServerlessHttpApi'];
  for (const e of entries) {
    const type = entry(e.value, 'Type')?.value;
    if (type?.kind === 'scalar' && String(type.value).startsWith('AWS::Serverless::')) {
      prefixes.push(e.key);
    }
  }
  return (id) => prefixes.some((p) => id.startsWith(p));
}

/**
 * A bucket policy whose `Bucket` is written exactly as a bucket's `BucketName` (rain and
 * other generators write `!Sub ${AppName}-${AWS::Region}-${AWS::AccountId}` in both) names
 * that bucket: the same expression gives the same name in one stack. It is read as a `Ref`
 * to the bucket, so the link survives the name being unknown before deployment.
 */
function linkPoliciesByBucketName(entries: readonly CfnEntry[]): readonly CfnEntry[] {
  const typeOf = (e: CfnEntry): unknown => {
    const t = entry(e.value, 'Type')?.value;
    return t?.kind === 'scalar' ? t.value : undefined;
  };
  const property = (e: CfnEntry, key: string): CfnEntry | undefined =>
    entry(entry(e.value, 'Properties')?.value, key);
  const names: { id: string; node: CfnNode }[] = [];
  for (const e of entries) {
    const name = typeOf(e) === 'AWS::S3::Bucket' ? property(e, 'BucketName') : undefined;
    // Literal names are matched by value later; only expressions need this.
    if (name && name.value.kind !== 'scalar') names.push({ id: e.key, node: name.value });
  }
  if (names.length === 0) return entries;
  return entries.map((e) => {
    const target = typeOf(e) === 'AWS::S3::BucketPolicy' ? property(e, 'Bucket') : undefined;
    if (!target || target.value.kind === 'scalar') return e;
    const same = names.filter((n) => sameNode(n.node, target.value));
    if (same.length !== 1) return e;
    const ref: CfnNode = {
      kind: 'map',
      entries: [
        {
          key: 'Ref',
          value: { kind: 'scalar', value: same[0]!.id, lines: target.value.lines },
          lines: target.value.lines,
        },
      ],
      lines: target.value.lines,
    };
    return { ...e, value: replaceProperty(e.value, 'Bucket', ref) };
  });
}

function replaceProperty(resource: CfnNode, key: string, value: CfnNode): CfnNode {
  if (resource.kind !== 'map') return resource;
  return {
    ...resource,
    entries: resource.entries.map((r) =>
      r.key === 'Properties' && r.value.kind === 'map'
        ? {
            ...r,
            value: {
              ...r.value,
              entries: r.value.entries.map((p) => (p.key === key ? { ...p, value } : p)),
            },
          }
        : r,
    ),
  };
}

/** The same expression, wherever it is written. */
function sameNode(a: CfnNode, b: CfnNode): boolean {
  if (a.kind === 'scalar' || b.kind === 'scalar') {
    return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
  }
  if (a.kind === 'seq' || b.kind === 'seq') {
    if (a.kind !== 'seq' || b.kind !== 'seq' || a.items.length !== b.items.length) return false;
    return a.items.every((x, i) => sameNode(x, b.items[i]!));
  }
  return (
    a.entries.length === b.entries.length &&
    a.entries.every((x, i) => x.key === b.entries[i]!.key && sameNode(x.value, b.entries[i]!.value))
  );
}

function transformNames(node: CfnNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return typeof node.value === 'string' ? [node.value] : [];
  if (node.kind === 'seq') return node.items.flatMap(transformNames);
  const name = entry(node, 'Name');
  return name ? transformNames(name.value) : [];
}
