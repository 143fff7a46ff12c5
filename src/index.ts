/**
 * crosswalk's public library API: scanning, the catalog and the result types. The CLI
 * is a thin layer over these.
 */
export {
  scan,
  failsThreshold,
  isIncomplete,
  loadConfig,
  findConfig,
  ConfigError,
  UsageError,
} from './engine/index.js';
export type {
  ScanOptions,
  ScanResult,
  Finding,
  FindingStatus,
  FrameworkResult,
  RequirementResult,
  RequirementRef,
  RuleSummary,
  WaiverInfo,
  CrosswalkConfig,
  ConfigWaiver,
} from './engine/index.js';
export { loadCatalog } from './catalog/index.js';
export type { Catalog } from './catalog/index.js';
export { builtinRules } from './rules/index.js';
export type { Rule, Severity, Verdict, RuleSettings } from './rules/types.js';
export { formatResult } from './report/index.js';
export type { SourceLocation, Diagnostic, RawResource } from './iac/types.js';
export { VERSION } from './version.js';
