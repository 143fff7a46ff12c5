/**
 * The built-in rule library. Each rule lives in its own file under `aws/` or
 * `kubernetes/`; the registries group them by domain.
 */
import type { Rule } from './types.js';
import { dataRules } from './aws/data-rules.js';
import { platformRules } from './aws/platform-rules.js';
import { kubernetesRules } from './kubernetes/index.js';

export const builtinRules: readonly Rule[] = [
  ...dataRules,
  ...platformRules,
  ...kubernetesRules,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export * from './types.js';
