/**
 * IAM policy documents in CloudFormation: a JSON object in the template (most often) or a
 * JSON string, read with the same IAM-grammar reader the Terraform adapter uses.
 */
import { Unknown, isUnknown, type RawResource, type Value } from '../../types.js';
import type { Field } from '../field.js';
import type { PolicyDocument } from '../model/platform.js';
import { jsonDocument } from '../terraform/platform-policy.js';
import { at, raw, type Path } from './support.js';

export function policyDocument(r: RawResource, path: Path): Field<PolicyDocument> {
  const value = raw(r, path);
  const location = at(r, path);
  if (value === undefined) return { value: undefined, location };
  if (isUnknown(value)) return { value, location };
  if (typeof value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return { value: new Unknown('the policy is not valid JSON'), location };
    }
    return { value: jsonDocument(parsed as Value, location), location };
  }
  return { value: jsonDocument(value, location), location };
}
