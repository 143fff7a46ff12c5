/**
 * Data store carries a data-classification tag.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  DYNAMODB_TABLE,
  EBS_VOLUME,
  ELASTICACHE_REPLICATION_GROUP,
  RDS_CLUSTER,
  RDS_INSTANCE,
  REDSHIFT_CLUSTER,
  S3_BUCKET,
  type RdsInstance,
} from '../../iac/aws/model/data.js';
import type { Entity } from '../../iac/aws/field.js';
import { defineRule } from '../types.js';
import { classificationTag } from './data/checks.js';

export default defineRule<Entity>({
  id: 'aws-data-store-classification-tagged',
  title: 'Data store carries a data-classification tag',
  severity: 'low',
  controls: ['data-classification'],
  kinds: [
    S3_BUCKET,
    RDS_INSTANCE,
    RDS_CLUSTER,
    DYNAMODB_TABLE,
    EBS_VOLUME,
    REDSHIFT_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
  ],
  remediation:
    'Add a classification tag (one of the keys in setting `classificationTagKeys`, e.g. `DataClassification = "confidential"`).',
  description:
    'S3 buckets, RDS instances and clusters, DynamoDB tables, EBS volumes, Redshift clusters and ElastiCache replication ' +
    'groups must carry a tag whose key is one of `classificationTagKeys` (default DataClassification, ' +
    'data_classification, Classification), so that the data each store holds is known and protections can follow ' +
    "from it. Tags set only through the provider's `default_tags` are not seen by this rule.",
  check: (entity, context) => {
    if (entity.kind === RDS_INSTANCE && (entity as RdsInstance).clusterMember) return [];
    const tag = classificationTag(entity, context.settings);
    const location = entity.tags?.location ?? entity.location;
    if (tag.found === 'unknown') {
      return {
        status: 'unknown',
        message: `tags are not known before apply: ${tag.reason}`,
        location,
      };
    }
    if (tag.found === false) {
      return {
        status: 'failed',
        message: `no tag named ${context.settings.classificationTagKeys.join(', ')} is set`,
        location,
      };
    }
    if (tag.value === '') {
      return { status: 'failed', message: `tag ${tag.key} is empty`, location };
    }
    return {
      status: 'passed',
      message: `tag ${tag.key} is ${isUnknown(tag.value) ? 'set (computed)' : JSON.stringify(tag.value)}`,
      location,
    };
  },
});
