import { describe, expect, it } from 'vitest';
import { FORMATS, formatResult, isFormat } from '../../src/report/index.js';
import { scanResult } from './fixture.js';

describe('formatResult', () => {
  it('knows the five formats', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'junit', 'markdown']);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('html')).toBe(false);
  });

  it('dispatches to each formatter', () => {
    const result = scanResult();
    expect(formatResult(result, 'text')).toMatch(/^iam\.tf\n/);
    expect(JSON.parse(formatResult(result, 'json')).schemaVersion).toBe('1.0.0');
    expect(JSON.parse(formatResult(result, 'sarif')).version).toBe('2.1.0');
    expect(formatResult(result, 'junit')).toContain('<testsuites name="crosswalk"');
    expect(formatResult(result, 'markdown')).toMatch(/^## crosswalk scan\n/);
  });

  it('passes options through', () => {
    const result = scanResult();
    expect(formatResult(result, 'text', { quiet: true })).not.toContain('WAIVED');
    expect(formatResult(result, 'json', { indent: 0 }).trimEnd()).not.toContain('\n');
    expect(
      JSON.parse(formatResult(result, 'sarif', { includePassed: true })).runs[0].results,
    ).toHaveLength(8);
  });
});
