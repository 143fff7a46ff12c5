/**
 * The shape of a built-in rule. A rule names the unified controls it tests, never a
 * framework: frameworks follow from the controls through the catalog.
 */
import type { Entity } from '../iac/aws/field.js';
import type { SourceLocation } from '../iac/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type VerdictStatus = 'passed' | 'failed' | 'unknown';

/** A rule's answer for one entity. */
export interface Verdict {
  readonly status: VerdictStatus;
  /** Names the offending attribute and value, or why the answer is unknown. */
  readonly message: string;
  /** The field the verdict is about; defaults to the entity's location. */
  readonly location?: SourceLocation;
}

/** Options users can set for rules (thresholds come from regulatory facts). */
export interface RuleSettings {
  /** Minimum CloudWatch log retention in days (PCI DSS 10.5.1: 12 months, so 400). */
  readonly minLogRetentionDays: number;
  /** Minimum automated backup retention in days for RDS and AWS Backup rules. */
  readonly minBackupRetentionDays: number;
  /** Minimum IAM password length (PCI DSS 8.3.6: 12). */
  readonly minPasswordLength: number;
  /** Tag keys that count as a data-classification tag. */
  readonly classificationTagKeys: readonly string[];
  /** Maximum days between secret rotations. */
  readonly maxSecretRotationDays: number;
  /** Ports allowed open to the internet. */
  readonly publicIngressPorts: readonly number[];
  /** Minimum KMS key deletion waiting period in days (AWS allows 7 to 30). */
  readonly minKmsKeyDeletionWindowDays: number;
  /** Minimum number of previous IAM passwords that cannot be reused (PCI DSS 8.3.7: 4). */
  readonly minPasswordReusePrevention: number;
  /** Maximum IAM password age in days (PCI DSS 8.3.9: 90 when passwords are the only factor). */
  readonly maxPasswordAgeDays: number;
  /**
   * Kubernetes namespaces treated as production (RBAC rules are stricter there); namespaces
   * labelled `environment: production` count too.
   */
  readonly productionNamespaces: readonly string[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  minLogRetentionDays: 400,
  minBackupRetentionDays: 7,
  minPasswordLength: 12,
  classificationTagKeys: ['DataClassification', 'data_classification', 'Classification'],
  maxSecretRotationDays: 90,
  publicIngressPorts: [80, 443],
  minKmsKeyDeletionWindowDays: 14,
  minPasswordReusePrevention: 4,
  maxPasswordAgeDays: 90,
  productionNamespaces: ['prod', 'production'],
};

export interface RuleContext {
  readonly settings: RuleSettings;
  /** All entities of the scan, for rules that look across resources. */
  entitiesOf<E extends Entity>(kind: string): readonly E[];
}

export interface Rule<E extends Entity = Entity> {
  /** Desired-state id, e.g. `aws-s3-bucket-encrypted-at-rest`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Unified control ids from the catalog. */
  readonly controls: readonly string[];
  /** Entity kinds this rule checks, e.g. `aws.s3.bucket`. */
  readonly kinds: readonly string[];
  /** What to change, in a sentence or two. */
  readonly remediation: string;
  /** Longer explanation: what is checked and why it matters. */
  readonly description: string;
  check(entity: E, context: RuleContext): Verdict | readonly Verdict[];
}

/** Helper for rule files so each reads as one declaration. */
export function defineRule<E extends Entity>(rule: Rule<E>): Rule<E> {
  return rule;
}
