/**
 * OpenSearch domain is encrypted at rest.
 */
import { OPENSEARCH_DOMAIN, type OpenSearchDomain } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<OpenSearchDomain>({
  id: 'aws-opensearch-domain-encrypted-at-rest',
  title: 'OpenSearch domain is encrypted at rest',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [OPENSEARCH_DOMAIN],
  remediation: 'Add `encrypt_at_rest { enabled = true }` (optionally with `kms_key_id`).',
  description:
    'Encryption at rest covers indices, logs, swap files and automated snapshots of an OpenSearch or Elasticsearch domain. Applies to `aws_opensearch_domain` and `aws_elasticsearch_domain`.',
  check: (entity) =>
    requireFlag(entity.encryptAtRest, 'encrypt_at_rest.enabled', {
      whenAbsent: false,
      absentNote: 'the provider leaves it off unless enabled',
    }),
});
