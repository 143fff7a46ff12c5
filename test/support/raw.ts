/**
 * Builds raw resources by hand for adapter and rule unit tests, with every attribute
 * path given a distinct fake line so that location tests can tell them apart.
 */
import type { RawResource, SourceLocation, Value } from '../../src/iac/types.js';

export function raw(
  type: string,
  name: string,
  attributes: Record<string, Value>,
  options: { module?: string; file?: string; line?: number; mode?: 'managed' | 'data' } = {},
): RawResource {
  const file = options.file ?? 'main.tf';
  const line = options.line ?? 1;
  const locations = new Map<string, SourceLocation>();
  let next = line + 1;
  const visit = (value: Value, path: string): void => {
    if (path) locations.set(path, { file, startLine: next, endLine: next++ });
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, path ? `${path}.${i}` : `${i}`));
    else if (value !== null && typeof value === 'object' && !('reason' in value)) {
      for (const [k, v] of Object.entries(value)) visit(v as Value, path ? `${path}.${k}` : k);
    }
  };
  visit(attributes, '');
  const prefix = options.module ? `${options.module}.` : '';
  const mode = options.mode ?? 'managed';
  return {
    format: 'terraform',
    type,
    name,
    address: `${prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`,
    mode,
    module: options.module ?? '',
    attributes,
    location: { file, startLine: line, endLine: next },
    attributeLocations: locations,
  };
}
