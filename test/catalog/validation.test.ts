/**
 * Invalid catalog data must fail at load time with the file and the problem named.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCatalogDir, loadCatalog } from '../../src/catalog/index.js';

const dirs: string[] = [];

/** A copy of the shipped catalog with one file edited. */
function broken(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-catalog-'));
  dirs.push(dir);
  cpSync(defaultCatalogDir(), dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the edit must have applied
  writeFileSync(path, after);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('catalog validation', () => {
  it('loads an unedited copy', () => {
    const dir = broken('legacy.yaml', (t) => `${t}\n# copy\n`);
    expect(loadCatalog(dir).controls).toHaveLength(33);
  });

  it('rejects a mapping to a requirement the framework does not have', () => {
    const dir = broken('controls.yaml', (t) =>
      t.replace(
        '- id: 3.5.1\n          source: regulatory.md §1 R6',
        '- id: 3.4.9\n          source: x',
      ),
    );
    expect(() => loadCatalog(dir)).toThrow(
      /controls\.yaml: control encryption-at-rest\.mappings\.pci-dss\[\d+\]: "3\.4\.9" is not a requirement of pci-dss/,
    );
  });

  it('rejects a mapping to an unknown framework', () => {
    const dir = broken('controls.yaml', (t) =>
      t.replace('      nist-800-53:\n', '      nist-csf:\n'),
    );
    expect(() => loadCatalog(dir)).toThrow(/controls\.yaml: .*unknown framework "nist-csf"/);
  });

  it('rejects duplicate requirement ids', () => {
    const dir = broken('frameworks/soc2.yaml', (t) => t.replace('- id: CC1.2\n', '- id: CC1.1\n'));
    expect(() => loadCatalog(dir)).toThrow(
      /frameworks\/soc2\.yaml: requirement CC1\.1: duplicate id/,
    );
  });

  it('rejects a parent that is not defined first', () => {
    const dir = broken('frameworks/hipaa.yaml', (t) =>
      t.replace(
        'title: Automatic logoff\n    parent: 164.312(a)(1)\n',
        "title: Automatic logoff\n    parent: '164.399'\n",
      ),
    );
    expect(() => loadCatalog(dir)).toThrow(
      /frameworks\/hipaa\.yaml: requirement 164\.312\(a\)\(2\)\(iii\): parent "164\.399"/,
    );
  });

  it('rejects an unknown HIPAA obligation', () => {
    const dir = broken('frameworks/hipaa.yaml', (t) =>
      t.replace('obligation: addressable\n', 'obligation: optional\n'),
    );
    expect(() => loadCatalog(dir)).toThrow(/hipaa\.yaml: .*"obligation" is "optional"/);
  });

  it('rejects overlong titles', () => {
    const dir = broken('frameworks/gdpr.yaml', (t) =>
      t.replace('title: Right of access\n', `title: ${'Right of access '.repeat(8)}\n`),
    );
    expect(() => loadCatalog(dir)).toThrow(/gdpr\.yaml: requirement 15: title is \d+ characters/);
  });

  it('rejects unknown fields and bad renewal periods', () => {
    const unknown = broken('frameworks/ccpa.yaml', (t) =>
      t.replace('kind: section\n', 'kind: section\n    colour: red\n'),
    );
    expect(() => loadCatalog(unknown)).toThrow(/ccpa\.yaml: .*unknown field "colour"/);
    const days = broken('controls.yaml', (t) => t.replace('renewalDays: 180', 'renewalDays: -1'));
    expect(() => loadCatalog(days)).toThrow(/access-reviews\.evidence\.manual\[0\]: "renewalDays"/);
  });

  it('rejects legacy entries that point at missing requirements', () => {
    const dir = broken('legacy.yaml', (t) => t.replace('current: [A.8.24]', 'current: [A.8.99]'));
    expect(() => loadCatalog(dir)).toThrow(
      /legacy\.yaml: legacy iso27001 2013 A\.10\.1\.1: current id "A\.8\.99"/,
    );
  });

  it('rejects an alias used by two frameworks', () => {
    const dir = broken('frameworks/ccpa.yaml', (t) =>
      t.replace('aliases: [cpra,', 'aliases: [pci, cpra,'),
    );
    expect(() => loadCatalog(dir)).toThrow(/alias "pci" is already used by pci-dss/);
  });

  it('reports invalid YAML with the file name', () => {
    const dir = broken('controls.yaml', (t) => t.replace('controls:\n', 'controls: [\n'));
    expect(() => loadCatalog(dir)).toThrow(/catalog: controls\.yaml: invalid YAML/);
  });
});
