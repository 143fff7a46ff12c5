/**
 * The result of a scan: what every formatter reads. Versioned as `schemaVersion`;
 * README.md documents the JSON form.
 */
import type { Diagnostic, SourceLocation } from '../iac/types.js';
import type { Severity } from '../rules/types.js';

export const SCHEMA_VERSION = '1.0.0';

export type FindingStatus = 'passed' | 'failed' | 'unknown' | 'waived' | 'error';

export interface RequirementRef {
  /** Framework id, e.g. `hipaa`, `pci-dss`, `soc2`, `iso27001`, `gdpr`, `ccpa`, `nist-800-53`. */
  readonly framework: string;
  /** The framework's own numbering, e.g. `164.312(a)(2)(iv)`. */
  readonly id: string;
}

export interface WaiverInfo {
  readonly reason: string;
  readonly source: 'inline' | 'config';
  readonly owner?: string;
  /** ISO date (YYYY-MM-DD). */
  readonly expires?: string;
  /** True when the waiver matched but has expired: the finding keeps its real status. */
  readonly expired: boolean;
  readonly location?: SourceLocation;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  readonly resource: { readonly type: string; readonly name: string; readonly address: string };
  readonly location: SourceLocation;
  readonly message: string;
  readonly controls: readonly string[];
  readonly requirements: readonly RequirementRef[];
  readonly remediation?: string;
  readonly waiver?: WaiverInfo;
}

export interface RuleSummary {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly remediation: string;
  readonly controls: readonly string[];
  readonly requirements: readonly RequirementRef[];
}

export type RequirementStatus = 'failing' | 'passing' | 'waived' | 'unknown' | 'not-assessed';

export interface RequirementResult {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
  readonly counts: {
    readonly passed: number;
    readonly failed: number;
    readonly unknown: number;
    readonly waived: number;
  };
}

export interface FrameworkResult {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly summary: {
    readonly failing: number;
    readonly passing: number;
    readonly waived: number;
    readonly unknown: number;
    readonly notAssessed: number;
    readonly total: number;
  };
  readonly requirements: readonly RequirementResult[];
}

export interface ScanResult {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'crosswalk'; readonly version: string };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly paths: readonly string[];
  readonly files: readonly string[];
  readonly summary: {
    readonly resources: number;
    readonly findings: number;
    readonly passed: number;
    readonly failed: number;
    readonly unknown: number;
    readonly waived: number;
    readonly error: number;
  };
  readonly frameworks: readonly FrameworkResult[];
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleSummary[];
  readonly diagnostics: readonly Diagnostic[];
}
