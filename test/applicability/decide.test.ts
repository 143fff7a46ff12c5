/**
 * decideFrameworks against the decision tree of regulatory.md §5, one branch per test, with the
 * figures given there (CCPA $26,625,000; 100,000 consumers or households; 50 %; PCI levels).
 */
import { describe, expect, it } from 'vitest';
import {
  checkProfile,
  decideFrameworks,
  merchantLevel,
  parseProfile,
  ProfileError,
  type FrameworkDecision,
  type OrgProfile,
} from '../../src/applicability/index.js';

const nobody: OrgProfile = {
  health: { role: 'none' },
  cards: { handlesCardData: false },
  eu: { establishment: false, offersGoodsOrServices: false, monitorsBehaviour: false },
  california: {
    forProfit: true,
    doesBusinessInCalifornia: false,
    collectsConsumersPersonalInfo: false,
  },
  soc2: { customersRequest: false },
  iso27001: { certificationWanted: false },
};

type Patch = { [K in keyof OrgProfile]?: Partial<OrgProfile[K]> };

function profile(patch: Patch): OrgProfile {
  const out: Record<string, unknown> = { ...nobody };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = { ...(nobody as unknown as Record<string, object>)[key], ...(value as object) };
  }
  return out as unknown as OrgProfile;
}

function decision(p: OrgProfile, framework: string): FrameworkDecision {
  const found = decideFrameworks(p).find((d) => d.framework === framework);
  if (!found) throw new Error(`no decision for ${framework}`);
  return found;
}

const californiaBusiness = {
  forProfit: true,
  doesBusinessInCalifornia: true,
  collectsConsumersPersonalInfo: true,
};

describe('decideFrameworks', () => {
  it('returns one decision per framework in catalog order, none applying to a bare profile', () => {
    const all = decideFrameworks(nobody);
    expect(all.map((d) => d.framework)).toEqual([
      'soc2',
      'hipaa',
      'pci-dss',
      'gdpr',
      'iso27001',
      'ccpa',
    ]);
    expect(all.map((d) => d.applies)).toEqual([false, false, false, false, false, false]);
    for (const d of all) {
      expect(d.reason.length).toBeGreaterThan(20);
      expect(d.citation).toMatch(/regulatory\.md §/);
    }
  });

  describe('SOC 2 and ISO 27001 are voluntary', () => {
    it('SOC 2 applies when customers ask for it', () => {
      const d = decision(profile({ soc2: { customersRequest: true } }), 'soc2');
      expect(d.applies).toBe(true);
      expect(d.reason).toContain('CC1-CC9');
    });
    it('SOC 2 does not apply otherwise, and says it is not law', () => {
      expect(decision(nobody, 'soc2').reason).toContain('not law');
    });
    it('ISO 27001 applies when certification is wanted, naming the 2022 edition', () => {
      const d = decision(profile({ iso27001: { certificationWanted: true } }), 'iso27001');
      expect(d.applies).toBe(true);
      expect(d.reason).toContain('2022 edition');
      expect(d.reason).not.toMatch(/2013/);
    });
  });

  describe('HIPAA applies by role, not location', () => {
    it('covered entity', () => {
      const d = decision(profile({ health: { role: 'covered-entity' } }), 'hipaa');
      expect(d.applies).toBe(true);
      expect(d.reason).toContain('164.308(b)');
    });
    it('business associate', () => {
      const d = decision(profile({ health: { role: 'business-associate' } }), 'hipaa');
      expect(d.applies).toBe(true);
      expect(d.reason).toMatch(/business associate/);
    });
    it('neither, with consumer health data: FTC Health Breach Notification Rule instead', () => {
      const d = decision(profile({ health: { role: 'none', consumerHealthData: true } }), 'hipaa');
      expect(d.applies).toBe(false);
      expect(d.reason).toContain('16 CFR 318');
      expect(d.citation).toContain('16 CFR Part 318');
    });
    it('neither, without health data', () => {
      const d = decision(nobody, 'hipaa');
      expect(d.applies).toBe(false);
      expect(d.reason).toContain('not by location');
    });
  });

  describe('PCI DSS by card data, with merchant level', () => {
    const cards = (c: Partial<OrgProfile['cards']>) =>
      decision(profile({ cards: { handlesCardData: true, ...c } }), 'pci-dss');

    it('does not apply without card data or service-provider role', () => {
      const d = decision(nobody, 'pci-dss');
      expect(d.applies).toBe(false);
      expect(d.merchantLevel).toBeUndefined();
    });
    it('level 1 above 6 M transactions', () => {
      const d = cards({ annualTransactions: 6_000_001 });
      expect(d.applies).toBe(true);
      expect(d.merchantLevel).toBe(1);
      expect(d.reason).toContain('v4.0.1');
      expect(d.reason).toContain('acquirer');
    });
    it('level 2 from 1 M to 6 M (both ends)', () => {
      expect(cards({ annualTransactions: 6_000_000 }).merchantLevel).toBe(2);
      expect(cards({ annualTransactions: 1_000_000 }).merchantLevel).toBe(2);
    });
    it('level 3 from 20 000 e-commerce transactions below 1 M', () => {
      expect(
        cards({ annualTransactions: 999_999, ecommerceTransactions: 20_000 }).merchantLevel,
      ).toBe(3);
    });
    it('level 4 below 20 000 e-commerce, including other merchants up to about 1 M', () => {
      expect(
        cards({ annualTransactions: 19_999, ecommerceTransactions: 19_999 }).merchantLevel,
      ).toBe(4);
      expect(cards({ annualTransactions: 900_000, ecommerceTransactions: 0 }).merchantLevel).toBe(
        4,
      );
    });
    it('leaves the level out when the volume is unknown, and says so', () => {
      const d = cards({});
      expect(d.applies).toBe(true);
      expect(d.merchantLevel).toBeUndefined();
      expect(d.reason).toContain('Merchant level unknown');
    });
    it('leaves the level out between 3 and 4 when the e-commerce share is unknown', () => {
      const d = cards({ annualTransactions: 50_000 });
      expect(d.merchantLevel).toBeUndefined();
      expect(d.reason).toContain('3 or 4');
    });
    it('applies to a service provider that could affect card data security', () => {
      const d = decision(
        profile({ cards: { handlesCardData: false, serviceProvider: true } }),
        'pci-dss',
      );
      expect(d.applies).toBe(true);
      expect(d.merchantLevel).toBeUndefined();
      expect(d.reason).toContain('card brands');
    });
    it('merchantLevel uses e-commerce volume alone when the total is not given', () => {
      expect(merchantLevel({ handlesCardData: true, ecommerceTransactions: 30_000 }).level).toBe(3);
    });
  });

  describe('GDPR Art 3', () => {
    it('3(1): EU establishment', () => {
      const d = decision(profile({ eu: { establishment: true } }), 'gdpr');
      expect(d.applies).toBe(true);
      expect(d.citation).toContain('Art 3(1)');
    });
    it('3(2)(a): offering goods or services, with an EU representative (Art 27)', () => {
      const d = decision(profile({ eu: { offersGoodsOrServices: true } }), 'gdpr');
      expect(d.applies).toBe(true);
      expect(d.citation).toContain('Art 3(2)(a)');
      expect(d.citation).not.toContain('3(2)(b)');
      expect(d.reason).toContain('Art 27');
    });
    it('3(2)(b): monitoring behaviour', () => {
      const d = decision(profile({ eu: { monitorsBehaviour: true } }), 'gdpr');
      expect(d.applies).toBe(true);
      expect(d.citation).toContain('Art 3(2)(b)');
    });
    it('neither: does not apply, and residence is irrelevant', () => {
      const d = decision(nobody, 'gdpr');
      expect(d.applies).toBe(false);
      expect(d.reason).toContain('irrelevant');
    });
  });

  describe('CCPA/CPRA thresholds', () => {
    const ca = (c: Partial<OrgProfile['california']>, extra: Patch = {}) =>
      decision(profile({ ...extra, california: { ...californiaBusiness, ...c } }), 'ccpa');
    const below = {
      annualRevenueUsd: 1_000_000,
      consumersOrHouseholds: 10,
      revenueShareFromSellingOrSharing: 0,
    };

    it('(A) revenue above $26,625,000 applies; exactly the threshold does not', () => {
      const above = ca({ ...below, annualRevenueUsd: 26_625_001 });
      expect(above.applies).toBe(true);
      expect(above.citation).toContain('1798.140(d)(1)(A)');
      expect(above.reason).toContain('$26,625,000');
      expect(ca({ ...below, annualRevenueUsd: 26_625_000 }).applies).toBe(false);
      // The original plan's $25M figure is outdated: $25.5M is below the adjusted threshold.
      expect(ca({ ...below, annualRevenueUsd: 25_500_000 }).applies).toBe(false);
    });
    it('(B) 100,000 consumers or households applies; 99,999 does not', () => {
      expect(ca({ ...below, consumersOrHouseholds: 100_000 }).applies).toBe(true);
      expect(ca({ ...below, consumersOrHouseholds: 99_999 }).applies).toBe(false);
    });
    it('(C) 50 % of revenue from selling or sharing applies; 49 % does not', () => {
      const d = ca({ ...below, revenueShareFromSellingOrSharing: 0.5 });
      expect(d.applies).toBe(true);
      expect(d.citation).toContain('(1)(C)');
      expect(ca({ ...below, revenueShareFromSellingOrSharing: 0.49 }).applies).toBe(false);
    });
    it('names every test met', () => {
      const d = ca({
        annualRevenueUsd: 50_000_000,
        consumersOrHouseholds: 200_000,
        revenueShareFromSellingOrSharing: 0,
      });
      expect(d.citation).toContain('(1)(A), (1)(B)');
    });
    it('below every threshold: no, but the 1798.82 breach notice still applies', () => {
      const d = ca(below);
      expect(d.applies).toBe(false);
      expect(d.reason).toContain('1798.82');
    });
    it('missing figures and no test met: likely, naming what is missing', () => {
      const d = ca({ annualRevenueUsd: 1_000_000 });
      expect(d.applies).toBe('likely');
      expect(d.reason).toContain('consumers or households');
      expect(d.reason).toContain('share of revenue');
      expect(d.reason).not.toContain('annual gross revenue;');
    });
    it('each gate: not for profit, not doing business in California, not collecting PI', () => {
      const big = { annualRevenueUsd: 100_000_000 };
      expect(ca({ ...big, forProfit: false }).applies).toBe(false);
      expect(ca({ ...big, doesBusinessInCalifornia: false }).reason).toContain(
        'does not do business',
      );
      expect(ca({ ...big, collectsConsumersPersonalInfo: false }).applies).toBe(false);
    });
    it('a service provider that does not decide purposes is bound by contract (likely)', () => {
      const d = ca({ annualRevenueUsd: 100_000_000, determinesPurposes: false });
      expect(d.applies).toBe('likely');
      expect(d.citation).toContain('1798.100(d)');
    });
    it('notes the HIPAA exemption for PHI only when HIPAA also applies', () => {
      const withHipaa = ca(
        { annualRevenueUsd: 100_000_000 },
        { health: { role: 'covered-entity' } },
      );
      expect(withHipaa.applies).toBe(true);
      expect(withHipaa.reason).toContain('1798.146');
      expect(ca({ annualRevenueUsd: 100_000_000 }).reason).not.toContain('1798.146');
    });
  });

  it('never states the original plan\u2019s wrong facts', () => {
    const everything = profile({
      health: { role: 'covered-entity' },
      cards: { handlesCardData: true, annualTransactions: 10_000_000 },
      eu: { establishment: true, offersGoodsOrServices: true, monitorsBehaviour: true },
      california: { ...californiaBusiness, annualRevenueUsd: 1e9 },
      soc2: { customersRequest: true },
      iso27001: { certificationWanted: true },
    });
    const text = JSON.stringify(decideFrameworks(everything));
    expect(text).not.toMatch(/48[- ]hour|\$25,000,000|\$25M|3\.2\.1|27001:2013|7 years/);
  });
});

describe('profile files', () => {
  it('parses a YAML profile with optional figures', () => {
    const p = parseProfile(`
name: Acme Health
health: { role: business-associate }
cards: { handlesCardData: true, annualTransactions: 2000000 }
eu: { establishment: false, offersGoodsOrServices: true, monitorsBehaviour: false }
california:
  forProfit: true
  doesBusinessInCalifornia: true
  collectsConsumersPersonalInfo: true
  consumersOrHouseholds: 150000
soc2: { customersRequest: true }
iso27001: { certificationWanted: false }
`);
    expect(p.name).toBe('Acme Health');
    expect(p.cards.annualTransactions).toBe(2_000_000);
    expect(p.california.annualRevenueUsd).toBeUndefined();
    const applying = decideFrameworks(p)
      .filter((d) => d.applies === true)
      .map((d) => d.framework);
    expect(applying).toEqual(['soc2', 'hipaa', 'pci-dss', 'gdpr', 'ccpa']);
  });

  it('names the field of a wrong value, an unknown key or a missing section', () => {
    const base = JSON.parse(JSON.stringify(nobody)) as Record<string, Record<string, unknown>>;
    const bad = (mutate: (p: Record<string, Record<string, unknown>>) => void): string => {
      const copy = JSON.parse(JSON.stringify(base)) as Record<string, Record<string, unknown>>;
      mutate(copy);
      try {
        checkProfile(copy);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(ProfileError);
        return (error as ProfileError).field;
      }
    };
    expect(bad(() => undefined)).toBe('accepted');
    expect(bad((p) => (p.health!.role = 'hospital'))).toBe('health.role');
    expect(bad((p) => (p.eu!.establishment = 'yes'))).toBe('eu.establishment');
    expect(bad((p) => (p.cards!.annualTransaction = 5))).toBe('cards.annualTransaction');
    expect(bad((p) => (p.cards!.annualTransactions = -1))).toBe('cards.annualTransactions');
    expect(bad((p) => (p.california!.revenueShareFromSellingOrSharing = 50))).toBe(
      'california.revenueShareFromSellingOrSharing',
    );
    expect(bad((p) => delete p.soc2)).toBe('soc2');
  });
});
