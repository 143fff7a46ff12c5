/**
 * Which frameworks apply to an organisation, following the corrected decision tree of
 * regulatory.md §5. Each decision carries its reason and citation so that the generated
 * config, and a reviewer, can see why a framework was chosen.
 *
 * `applies: 'likely'` means the facts given point towards the framework but a figure the test
 * needs is missing, or the duty comes by contract rather than directly; never a silent "no".
 */
import type { OrgProfile } from './profile.js';

export type ApplicabilityFrameworkId = 'soc2' | 'iso27001' | 'pci-dss' | 'hipaa' | 'gdpr' | 'ccpa';

export type MerchantLevel = 1 | 2 | 3 | 4;

export interface FrameworkDecision {
  /** Catalog framework id. */
  readonly framework: ApplicabilityFrameworkId;
  readonly applies: boolean | 'likely';
  /** One or two sentences, in plain words. */
  readonly reason: string;
  /** Where the rule comes from (statute, standard, regulatory.md section). */
  readonly citation: string;
  /** PCI DSS only, when the transaction volume is known. */
  readonly merchantLevel?: MerchantLevel;
}

/** CCPA revenue threshold, CPI-adjusted, in force 1 Jan 2025 until the January 2027 adjustment. */
export const CCPA_REVENUE_THRESHOLD_USD = 26_625_000;
/** CCPA volume test: consumers or households whose PI is bought, sold or shared a year. */
export const CCPA_CONSUMER_THRESHOLD = 100_000;
/** CCPA revenue-share test: at least half of revenue from selling or sharing PI. */
export const CCPA_REVENUE_SHARE_THRESHOLD = 0.5;

/** Decisions in catalog order: SOC 2, HIPAA, PCI DSS, GDPR, ISO 27001, CCPA. */
export function decideFrameworks(profile: OrgProfile): FrameworkDecision[] {
  return [
    decideSoc2(profile),
    decideHipaa(profile),
    decidePci(profile),
    decideGdpr(profile),
    decideIso(profile),
    decideCcpa(profile),
  ];
}

function decideSoc2(profile: OrgProfile): FrameworkDecision {
  const citation = 'AICPA Trust Services Criteria (2017, rev. 2022); regulatory.md §5 [S4, S31]';
  if (profile.soc2.customersRequest) {
    return {
      framework: 'soc2',
      applies: true,
      reason:
        'Business customers ask for a SOC 2 report. It is a voluntary CPA attestation driven by ' +
        'contracts; the Security category (CC1-CC9) is always in scope, A, C, PI and P are optional.',
      citation,
    };
  }
  return {
    framework: 'soc2',
    applies: false,
    reason: 'No customer asks for a SOC 2 report; it is a voluntary attestation, not law.',
    citation,
  };
}

function decideIso(profile: OrgProfile): FrameworkDecision {
  const citation = 'ISO/IEC 27001:2022 (certification, 3-year cycle); regulatory.md §5 [S8]';
  if (profile.iso27001.certificationWanted) {
    return {
      framework: 'iso27001',
      applies: true,
      reason:
        'ISO/IEC 27001 certification is wanted. It is voluntary; only the 2022 edition has been ' +
        'certifiable since 1 Nov 2025.',
      citation,
    };
  }
  return {
    framework: 'iso27001',
    applies: false,
    reason: 'ISO/IEC 27001 certification is not wanted; it is voluntary.',
    citation,
  };
}

function decideHipaa(profile: OrgProfile): FrameworkDecision {
  const { role, consumerHealthData } = profile.health;
  const baa = 'a business associate agreement is required (164.308(b), 164.314(a), 164.504(e))';
  if (role === 'covered-entity') {
    return {
      framework: 'hipaa',
      applies: true,
      reason:
        'You are a HIPAA covered entity: the Privacy, Security and Breach Notification Rules apply ' +
        `because of that role, wherever you are located; ${baa} with each business associate.`,
      citation:
        '45 CFR Part 164 (Privacy, Security and Breach Notification Rules); regulatory.md §5 [S1]',
    };
  }
  if (role === 'business-associate') {
    return {
      framework: 'hipaa',
      applies: true,
      reason:
        'You create, receive, maintain or transmit PHI for a covered entity (business associate or ' +
        `subcontractor, incl. cloud hosting of ePHI): the rules apply by role; ${baa}.`,
      citation: '45 CFR Part 164; 164.308(b), 164.314(a), 164.504(e); regulatory.md §5 [S1]',
    };
  }
  if (consumerHealthData === true) {
    return {
      framework: 'hipaa',
      applies: false,
      reason:
        'Not a covered entity or business associate, so HIPAA does not apply (being US-based is ' +
        'not a test). Consumer health data falls under the FTC Health Breach Notification Rule ' +
        '(16 CFR 318) and state health-privacy laws instead.',
      citation: '16 CFR Part 318; regulatory.md §5 [S1, S29]',
    };
  }
  return {
    framework: 'hipaa',
    applies: false,
    reason: 'Not a covered entity or business associate; HIPAA applies by role, not by location.',
    citation: '45 CFR 164; regulatory.md §5 [S1]',
  };
}

function decidePci(profile: OrgProfile): FrameworkDecision {
  const { handlesCardData, serviceProvider } = profile.cards;
  const citation =
    'PCI DSS v4.0.1, by contract with the card brands via the acquirer; merchant levels are set by ' +
    'each brand (common Visa/Mastercard scheme, unverified per brand); regulatory.md §5 [S5]';
  if (!handlesCardData && serviceProvider !== true) {
    return {
      framework: 'pci-dss',
      applies: false,
      reason:
        'You neither store, process or transmit cardholder data nor could affect its security.',
      citation,
    };
  }
  const level = merchantLevel(profile.cards);
  const parts = [
    handlesCardData
      ? 'You store, process or transmit cardholder data: PCI DSS v4.0.1 applies by contract, not by statute.'
      : 'As a service provider you could affect the security of cardholder data: PCI DSS v4.0.1 applies by contract.',
  ];
  if (serviceProvider === true) {
    parts.push('Service-provider validation levels are set by the card brands.');
  }
  if (handlesCardData) parts.push(level.note);
  return {
    framework: 'pci-dss',
    applies: true,
    reason: parts.join(' '),
    citation,
    ...(level.level !== undefined ? { merchantLevel: level.level } : {}),
  };
}

/**
 * Merchant level from yearly transaction counts, by the common Visa/Mastercard scheme:
 * 1 above 6 M; 2 from 1 M to 6 M; 3 from 20 000 to 1 M e-commerce; 4 below that (including
 * other merchants up to about 1 M transactions). Undefined when the counts do not decide it.
 */
export function merchantLevel(cards: OrgProfile['cards']): { level?: MerchantLevel; note: string } {
  const total = cards.annualTransactions ?? cards.ecommerceTransactions;
  const confirm = 'Confirm the level with your acquirer.';
  if (total === undefined) {
    return { note: `Merchant level unknown: give the yearly transaction count. ${confirm}` };
  }
  if (total > 6_000_000)
    return { level: 1, note: `Merchant level 1 (over 6 M transactions a year). ${confirm}` };
  if (total >= 1_000_000)
    return { level: 2, note: `Merchant level 2 (1 M to 6 M transactions a year). ${confirm}` };
  const ecommerce = cards.ecommerceTransactions;
  if (ecommerce === undefined) {
    return {
      note: `Merchant level 3 or 4, depending on the yearly e-commerce transaction count (level 3 from 20 000). ${confirm}`,
    };
  }
  if (ecommerce >= 20_000) {
    return {
      level: 3,
      note: `Merchant level 3 (20 000 to 1 M e-commerce transactions a year). ${confirm}`,
    };
  }
  return {
    level: 4,
    note: `Merchant level 4 (under 20 000 e-commerce, under about 1 M in all). ${confirm}`,
  };
}

function decideGdpr(profile: OrgProfile): FrameworkDecision {
  const { establishment, offersGoodsOrServices, monitorsBehaviour } = profile.eu;
  const residence = 'Residence and nationality of the people are irrelevant.';
  if (establishment) {
    return {
      framework: 'gdpr',
      applies: true,
      reason:
        'You have an establishment in the EU/EEA: GDPR covers processing in the context of its ' +
        `activities, wherever the processing happens. ${residence}`,
      citation: 'GDPR Art 3(1); regulatory.md §5 [S9]',
    };
  }
  if (offersGoodsOrServices || monitorsBehaviour) {
    const points = [
      offersGoodsOrServices
        ? 'Art 3(2)(a) (offering goods or services to people in the Union)'
        : '',
      monitorsBehaviour ? 'Art 3(2)(b) (monitoring behaviour in the Union)' : '',
    ].filter((p) => p !== '');
    return {
      framework: 'gdpr',
      applies: true,
      reason:
        `No EU establishment, but GDPR applies under ${points.join(' and ')}. You usually need an ` +
        `EU representative (Art 27). ${residence}`,
      citation: `GDPR ${offersGoodsOrServices ? 'Art 3(2)(a)' : ''}${offersGoodsOrServices && monitorsBehaviour ? ', ' : ''}${monitorsBehaviour ? 'Art 3(2)(b)' : ''}, Art 27; regulatory.md §5 [S9]`,
    };
  }
  return {
    framework: 'gdpr',
    applies: false,
    reason:
      'No EU establishment, no offering of goods or services to people in the Union and no ' +
      `monitoring of their behaviour there. ${residence} UK GDPR is a separate regime.`,
    citation: 'GDPR Art 3; regulatory.md §5 [S9]',
  };
}

function decideCcpa(profile: OrgProfile): FrameworkDecision {
  const ca = profile.california;
  const breach =
    'Civ. Code 1798.82 breach notice still applies to anyone who owns or licenses Californians\u2019 computerized PI.';
  const base = 'Cal. Civ. Code 1798.140(d)';
  const figure = `$${CCPA_REVENUE_THRESHOLD_USD.toLocaleString('en-US')}`;
  const citationFor = (tests: string) =>
    `${base}${tests}; revenue threshold ${figure} (CPI-adjusted, 2025-2026; next adjustment Jan 2027); regulatory.md §2.6, §5 [S11, S13]`;

  const gates: [boolean, string][] = [
    [ca.forProfit, 'not a for-profit entity'],
    [ca.doesBusinessInCalifornia, 'does not do business in California'],
    [
      ca.collectsConsumersPersonalInfo,
      'does not collect California residents\u2019 personal information',
    ],
  ];
  const failedGate = gates.find(([ok]) => !ok);
  if (failedGate) {
    return {
      framework: 'ccpa',
      applies: false,
      reason: `Not a CCPA "business": ${failedGate[1]}. ${breach}`,
      citation: citationFor('(1)') + ', §3 [S15]',
    };
  }

  const met: string[] = [];
  const unknown: string[] = [];
  if (ca.annualRevenueUsd === undefined) unknown.push('annual gross revenue');
  else if (ca.annualRevenueUsd > CCPA_REVENUE_THRESHOLD_USD)
    met.push(`(A) revenue above ${figure}`);
  if (ca.consumersOrHouseholds === undefined)
    unknown.push('consumers or households whose PI is bought, sold or shared');
  else if (ca.consumersOrHouseholds >= CCPA_CONSUMER_THRESHOLD) {
    met.push('(B) buys, sells or shares the PI of 100,000 or more consumers or households');
  }
  if (ca.revenueShareFromSellingOrSharing === undefined)
    unknown.push('share of revenue from selling or sharing PI');
  else if (ca.revenueShareFromSellingOrSharing >= CCPA_REVENUE_SHARE_THRESHOLD) {
    met.push('(C) 50 % or more of revenue from selling or sharing PI');
  }
  const hipaaNote =
    profile.health.role !== 'none'
      ? ' PHI governed by HIPAA is exempt (1798.146), but your other personal information is not.'
      : '';

  if (ca.determinesPurposes === false) {
    return {
      framework: 'ccpa',
      applies: 'likely',
      reason:
        'You process Californians\u2019 PI for others without deciding why and how, so you are a ' +
        'service provider or contractor: bound by contract with the business (1798.100(d)) rather ' +
        `than a business yourself.${hipaaNote}`,
      citation: 'Cal. Civ. Code 1798.100(d), 1798.140(d); regulatory.md §5 [S11]',
    };
  }
  if (met.length > 0) {
    const tests = met.map((m) => `(1)(${m.slice(1, 2)})`).join(', ');
    return {
      framework: 'ccpa',
      applies: true,
      reason: `A CCPA business meeting ${met.join('; ')}.${hipaaNote}`,
      citation: citationFor(tests),
    };
  }
  if (unknown.length > 0) {
    return {
      framework: 'ccpa',
      applies: 'likely',
      reason:
        `Does business in California and collects its residents\u2019 PI, but no threshold is met by ` +
        `the figures given; missing: ${unknown.join('; ')}. Any one of the three tests makes CCPA apply.${hipaaNote}`,
      citation: citationFor('(1)'),
    };
  }
  return {
    framework: 'ccpa',
    applies: false,
    reason:
      `Below every CCPA threshold (revenue ${figure}, 100,000 consumers or households, 50 % of ` +
      `revenue from selling or sharing PI). ${breach}`,
    citation: citationFor('(1)') + ', §3 [S15]',
  };
}
