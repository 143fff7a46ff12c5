/**
 * The IMDSv2 decision shared by the instance and launch-template rules.
 */
import { isUnknown } from '../../../iac/aws/field.js';
import type { InstanceMetadataOptions } from '../../../iac/aws/model/platform.js';
import type { SourceLocation } from '../../../iac/types.js';
import type { Verdict } from '../../types.js';
import { failed, passed, unknown } from './checks.js';

export function checkImdsV2(metadata: InstanceMetadataOptions, location: SourceLocation): Verdict {
  const endpoint = metadata.httpEndpoint.value;
  const tokens = metadata.httpTokens.value;
  if (endpoint === 'disabled')
    return passed(
      'http_endpoint = "disabled": the metadata service is off',
      metadata.httpEndpoint.location,
    );
  if (tokens === 'required')
    return passed('metadata_options.http_tokens = "required"', metadata.httpTokens.location);
  if (isUnknown(tokens))
    return unknown(
      `http_tokens is not known before apply (${tokens.reason})`,
      metadata.httpTokens.location,
    );
  if (isUnknown(endpoint))
    return unknown(
      `http_endpoint is not known before apply (${endpoint.reason})`,
      metadata.httpEndpoint.location,
    );
  return failed(
    tokens === undefined
      ? 'metadata_options.http_tokens is not set (defaults to "optional", which allows IMDSv1, unless the AMI or account default says otherwise)'
      : `metadata_options.http_tokens = ${JSON.stringify(tokens)}, which allows IMDSv1`,
    tokens === undefined ? location : metadata.httpTokens.location,
  );
}
