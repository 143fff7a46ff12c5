/**
 * writeConfig output, and docs/config.schema.json against example configs and against what
 * loadConfig accepts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  decideFrameworks,
  writeConfig,
  type FrameworkDecision,
  type OrgProfile,
} from '../../src/applicability/index.js';
import { loadConfig } from '../../src/engine/config.js';
import { DEFAULT_RULE_SETTINGS } from '../../src/rules/types.js';

const schema = JSON.parse(
  readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-config-'));
function load(text: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return loadConfig(file);
}

const profile: OrgProfile = {
  name: 'Acme',
  health: { role: 'business-associate' },
  cards: { handlesCardData: true, annualTransactions: 2_000_000 },
  eu: { establishment: false, offersGoodsOrServices: false, monitorsBehaviour: false },
  california: {
    forProfit: true,
    doesBusinessInCalifornia: true,
    collectsConsumersPersonalInfo: true,
  },
  soc2: { customersRequest: true },
  iso27001: { certificationWanted: false },
};

describe('writeConfig', () => {
  const decisions = decideFrameworks(profile);
  const text = writeConfig(decisions, { name: 'Acme' });

  it('lists applying and likely frameworks, in order, and nothing else', () => {
    expect(parse(text)).toEqual({ frameworks: ['soc2', 'hipaa', 'pci-dss', 'ccpa'] });
    expect(decisions.find((d) => d.framework === 'ccpa')?.applies).toBe('likely');
  });

  it('comments every framework with its reason, citation and merchant level', () => {
    expect(text).toContain('# HIPAA applies:');
    expect(text.match(/Merchant level 2/g)).toHaveLength(1);
    expect(text).toMatch(/# CCPA\/CPRA likely applies \(confirm\)/);
    expect(text).toMatch(/# GDPR does not apply: No EU establishment.*\n# {3}and no monitoring/);
    expect(text).toContain('Citation: GDPR Art 3;');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('is a config that loadConfig and the schema accept', () => {
    const config = load(text);
    expect(config.frameworks).toEqual(['soc2', 'hipaa', 'pci-dss', 'ccpa']);
    expect(validate(parse(text))).toBe(true);
  });

  it('writes an empty list when nothing applies', () => {
    const none: FrameworkDecision[] = decisions.map((d) => ({ ...d, applies: false }));
    const out = writeConfig(none);
    expect(parse(out)).toEqual({ frameworks: [] });
    expect(load(out).frameworks).toEqual([]);
  });
});

describe('docs/config.schema.json', () => {
  const examples: Record<string, string> = {
    minimal: 'frameworks: [hipaa]\n',
    full: `
frameworks: [soc2, pci, iso27001]
failOn: high
rules:
  disabled: [aws-s3-bucket-versioning-enabled]
settings:
  minLogRetentionDays: 400
  publicIngressPorts: [443]
  productionNamespaces: [prod]
waivers:
  - rule: aws-s3-bucket-encrypted-at-rest
    resource: aws_s3_bucket.public_assets
    reason: Public marketing assets
    owner: web-team
    expires: '2027-01-31'
varFiles: [prod.tfvars]
vars:
  region: eu-west-1
  replicas: 3
`,
  };

  it.each(Object.entries(examples))('accepts the %s example, as loadConfig does', (_name, text) => {
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(() => load(text)).not.toThrow();
  });

  it.each([
    ['an unknown top-level key', 'framework: [hipaa]\n', 'additionalProperties'],
    ['a wrong failOn', 'failOn: severe\n', 'enum'],
    ['a waiver without a reason', 'waivers:\n  - rule: x\n', 'required'],
    ['a bad expiry', "waivers:\n  - { rule: x, reason: y, expires: '31/01/2027' }\n", 'pattern'],
    ['an unknown setting', 'settings:\n  minLogRetention: 400\n', 'additionalProperties'],
    ['a setting of the wrong type', 'settings:\n  minPasswordLength: twelve\n', 'type'],
  ])('rejects %s', (_name, text, keyword) => {
    expect(validate(parse(text))).toBe(false);
    expect(validate.errors?.map((e: { keyword: string }) => e.keyword)).toContain(keyword);
  });

  it('describes exactly the settings the rules read', () => {
    const settings = (schema as { properties: { settings: { properties: object } } }).properties
      .settings;
    expect(Object.keys(settings.properties).sort()).toEqual(
      Object.keys(DEFAULT_RULE_SETTINGS).sort(),
    );
  });

  it('accepts the default settings', () => {
    expect(validate({ settings: DEFAULT_RULE_SETTINGS }), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });
});
