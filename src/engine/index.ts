export { scan, failsThreshold, isIncomplete, UsageError, type ScanOptions } from './scan.js';
export {
  loadConfig,
  findConfig,
  ConfigError,
  EMPTY_CONFIG,
  type CrosswalkConfig,
  type ConfigWaiver,
} from './config.js';
export { discover, SKIPPED_DIRECTORIES } from './discover.js';
export * from './types.js';
