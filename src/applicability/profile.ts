/**
 * The organisation profile: the facts `decideFrameworks` needs, as a type and as the YAML file
 * given to `crosswalk init --profile org.yaml`. Numbers a user does not know are left out, and
 * the decision then says what is missing instead of guessing.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Role towards protected health information (45 CFR 160.103 terms). */
export type HealthRole = 'covered-entity' | 'business-associate' | 'none';

export const HEALTH_ROLES: readonly HealthRole[] = ['covered-entity', 'business-associate', 'none'];

export interface OrgProfile {
  /** Shown in the generated config's header comment. */
  readonly name?: string;
  readonly health: {
    readonly role: HealthRole;
    /** Consumer health data outside HIPAA (health app, wearable, personal health record). */
    readonly consumerHealthData?: boolean;
  };
  readonly cards: {
    /** Stores, processes or transmits cardholder data or sensitive authentication data. */
    readonly handlesCardData: boolean;
    /** Could affect the security of others' card data, e.g. as a hosting or payment TPSP. */
    readonly serviceProvider?: boolean;
    /** Card transactions a year, all channels. */
    readonly annualTransactions?: number;
    /** Of those, e-commerce transactions a year. */
    readonly ecommerceTransactions?: number;
  };
  readonly eu: {
    /** An establishment (office, branch, subsidiary) in the EU/EEA. */
    readonly establishment: boolean;
    /** Offers goods or services to people in the Union (paid or free). */
    readonly offersGoodsOrServices: boolean;
    /** Monitors the behaviour of people in the Union (tracking, profiling). */
    readonly monitorsBehaviour: boolean;
  };
  readonly california: {
    readonly forProfit: boolean;
    readonly doesBusinessInCalifornia: boolean;
    /** Collects personal information of California residents. */
    readonly collectsConsumersPersonalInfo: boolean;
    /** Decides why and how the personal information is processed (false for a pure service provider). */
    readonly determinesPurposes?: boolean;
    /** Gross revenue in the preceding calendar year, in US dollars. */
    readonly annualRevenueUsd?: number;
    /** Consumers or households whose personal information is bought, sold or shared a year. */
    readonly consumersOrHouseholds?: number;
    /** Share of annual revenue from selling or sharing personal information, 0 to 1. */
    readonly revenueShareFromSellingOrSharing?: number;
  };
  readonly soc2: {
    /** Business customers ask for a SOC 2 report. */
    readonly customersRequest: boolean;
  };
  readonly iso27001: {
    readonly certificationWanted: boolean;
  };
}

export class ProfileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

type Obj = Record<string, unknown>;

/** Parses and checks a profile given as YAML text. Throws ProfileError naming the field. */
export function parseProfile(text: string): OrgProfile {
  return checkProfile(parse(text) as unknown);
}

export function loadProfile(path: string): OrgProfile {
  return parseProfile(readFileSync(path, 'utf8'));
}

/** Checks any parsed value and returns it as a profile; unknown keys are errors (typos). */
export function checkProfile(value: unknown): OrgProfile {
  const root = section(value, '(profile)', [
    'name',
    'health',
    'cards',
    'eu',
    'california',
    'soc2',
    'iso27001',
  ]);
  const health = section(root.health, 'health', ['role', 'consumerHealthData']);
  if (!HEALTH_ROLES.includes(health.role as HealthRole)) {
    throw new ProfileError('health.role', `must be one of ${HEALTH_ROLES.join(', ')}`);
  }
  const cards = section(root.cards, 'cards', [
    'handlesCardData',
    'serviceProvider',
    'annualTransactions',
    'ecommerceTransactions',
  ]);
  const eu = section(root.eu, 'eu', [
    'establishment',
    'offersGoodsOrServices',
    'monitorsBehaviour',
  ]);
  const ca = section(root.california, 'california', [
    'forProfit',
    'doesBusinessInCalifornia',
    'collectsConsumersPersonalInfo',
    'determinesPurposes',
    'annualRevenueUsd',
    'consumersOrHouseholds',
    'revenueShareFromSellingOrSharing',
  ]);
  const soc2 = section(root.soc2, 'soc2', ['customersRequest']);
  const iso = section(root.iso27001, 'iso27001', ['certificationWanted']);

  const share = count(ca, 'california', 'revenueShareFromSellingOrSharing');
  if (share !== undefined && share > 1) {
    throw new ProfileError(
      'california.revenueShareFromSellingOrSharing',
      'is a share from 0 to 1 (0.5 for 50 %)',
    );
  }
  if (root.name !== undefined && typeof root.name !== 'string') {
    throw new ProfileError('name', 'must be a string');
  }

  return {
    ...(typeof root.name === 'string' ? { name: root.name } : {}),
    health: {
      role: health.role as HealthRole,
      ...optionalFlag(health, 'health', 'consumerHealthData'),
    },
    cards: {
      handlesCardData: flag(cards, 'cards', 'handlesCardData'),
      ...optionalFlag(cards, 'cards', 'serviceProvider'),
      ...optionalCount(cards, 'cards', 'annualTransactions'),
      ...optionalCount(cards, 'cards', 'ecommerceTransactions'),
    },
    eu: {
      establishment: flag(eu, 'eu', 'establishment'),
      offersGoodsOrServices: flag(eu, 'eu', 'offersGoodsOrServices'),
      monitorsBehaviour: flag(eu, 'eu', 'monitorsBehaviour'),
    },
    california: {
      forProfit: flag(ca, 'california', 'forProfit'),
      doesBusinessInCalifornia: flag(ca, 'california', 'doesBusinessInCalifornia'),
      collectsConsumersPersonalInfo: flag(ca, 'california', 'collectsConsumersPersonalInfo'),
      ...optionalFlag(ca, 'california', 'determinesPurposes'),
      ...optionalCount(ca, 'california', 'annualRevenueUsd'),
      ...optionalCount(ca, 'california', 'consumersOrHouseholds'),
      ...(share !== undefined ? { revenueShareFromSellingOrSharing: share } : {}),
    },
    soc2: { customersRequest: flag(soc2, 'soc2', 'customersRequest') },
    iso27001: { certificationWanted: flag(iso, 'iso27001', 'certificationWanted') },
  };
}

function section(value: unknown, name: string, keys: readonly string[]): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProfileError(name, 'must be a mapping');
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new ProfileError(`${name}.${key}`, `unknown key (expected one of ${keys.join(', ')})`);
    }
  }
  return value as Obj;
}

function flag(obj: Obj, name: string, key: string): boolean {
  const value = obj[key];
  if (typeof value !== 'boolean') throw new ProfileError(`${name}.${key}`, 'must be true or false');
  return value;
}

function optionalFlag(obj: Obj, name: string, key: string): Record<string, boolean> {
  return obj[key] === undefined ? {} : { [key]: flag(obj, name, key) };
}

function count(obj: Obj, name: string, key: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ProfileError(`${name}.${key}`, 'must be a number of at least 0');
  }
  return value;
}

function optionalCount(obj: Obj, name: string, key: string): Record<string, number> {
  const value = count(obj, name, key);
  return value === undefined ? {} : { [key]: value };
}
