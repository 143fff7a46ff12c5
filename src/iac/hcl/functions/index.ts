import { collectionFunctions } from './collections.js';
import { encodingFunctions } from './encoding.js';
import { pathFunctions } from './files.js';
import { netFunctions } from './net.js';
import { stringFunctions } from './strings.js';
import type { HclFunction } from './types.js';

/** Built-in functions available without a base directory. */
export const BUILTINS: Record<string, HclFunction> = {
  ...collectionFunctions,
  ...stringFunctions,
  ...encodingFunctions,
  ...netFunctions,
  ...pathFunctions,
};
