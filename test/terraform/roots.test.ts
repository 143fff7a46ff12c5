import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRootModules } from '../../src/iac/terraform/index.js';
import { fixture } from './helpers.js';

describe('findRootModules', () => {
  it('leaves out directories that another module calls by a local source', () => {
    const root = fixture('.');
    // modules/modules/{store,loop,loop2} are called; loop and loop2 call each other.
    expect(findRootModules(root).map((d) => d.replace(root, ''))).toEqual([
      '/expansion',
      '/installed',
      '/misc',
      '/modules',
      '/split-s3',
      '/tfvars',
    ]);
    expect(findRootModules(join(root, 'modules', 'modules', 'store'))).toEqual([
      join(root, 'modules', 'modules', 'store'),
    ]);
  });
});
