/**
 * OpenSearch domain encrypts node-to-node traffic.
 */
import { OPENSEARCH_DOMAIN, type OpenSearchDomain } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<OpenSearchDomain>({
  id: 'aws-opensearch-domain-node-to-node-encrypted',
  title: 'OpenSearch domain encrypts node-to-node traffic',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: [OPENSEARCH_DOMAIN],
  remediation: 'Add `node_to_node_encryption { enabled = true }`.',
  description:
    'Node-to-node encryption adds TLS to the traffic between the nodes of an OpenSearch or Elasticsearch domain, so data replicated inside the cluster is not readable on the network.',
  check: (entity) =>
    requireFlag(entity.nodeToNodeEncryption, 'node_to_node_encryption.enabled', {
      whenAbsent: false,
      absentNote: 'the provider leaves it off unless enabled',
    }),
});
