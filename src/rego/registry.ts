/** The builtin registry, provided by ./builtins/index.ts. */
export { BUILTINS } from './builtins/index.js';
