/**
 * Interactive questions for `crosswalk init` on a TTY. The prompt functions are injectable so
 * the question flow can be tested without a terminal; by default they are @inquirer/prompts.
 */
import { confirm, input, number, select } from '@inquirer/prompts';
import { checkProfile, type HealthRole, type OrgProfile } from './profile.js';

/** The three kinds of question asked; answers of `number` may be left empty (unknown). */
export interface Prompter {
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  number(message: string): Promise<number | undefined>;
  select<T extends string>(
    message: string,
    choices: readonly { value: T; name: string }[],
  ): Promise<T>;
  text(message: string): Promise<string>;
}

export const inquirerPrompter: Prompter = {
  confirm: (message, defaultValue) => confirm({ message, default: defaultValue }),
  number: (message) => number({ message, required: false, min: 0 }),
  select: (message, choices) => select({ message, choices: choices.map((c) => ({ ...c })) }),
  text: (message) => input({ message }),
};

/** Asks the questions of regulatory.md §5 in order and returns a checked profile. */
export async function askProfile(prompter: Prompter = inquirerPrompter): Promise<OrgProfile> {
  const p = prompter;
  const name = (await p.text('Organisation name (optional):')).trim();

  const role = await p.select<HealthRole>('Your role towards protected health information (PHI):', [
    {
      value: 'covered-entity',
      name: 'Covered entity (health plan, clearinghouse, provider billing electronically)',
    },
    {
      value: 'business-associate',
      name: 'Business associate or subcontractor handling PHI for one',
    },
    { value: 'none', name: 'Neither' },
  ]);
  const consumerHealthData =
    role === 'none'
      ? await p.confirm('Do you hold consumer health data (health app, wearable)?', false)
      : undefined;

  const handlesCardData = await p.confirm(
    'Do you store, process or transmit payment card data?',
    false,
  );
  const serviceProvider = await p.confirm(
    'Could you affect the security of other companies\u2019 card data (hosting, payment service)?',
    false,
  );
  const annualTransactions = handlesCardData
    ? await p.number('Card transactions a year, all channels (leave empty if unknown):')
    : undefined;
  const ecommerceTransactions = handlesCardData
    ? await p.number('Of those, e-commerce transactions a year (leave empty if unknown):')
    : undefined;

  const establishment = await p.confirm(
    'Do you have an establishment (office, branch) in the EU/EEA?',
    false,
  );
  const offersGoodsOrServices = await p.confirm(
    'Do you offer goods or services to people in the EU?',
    false,
  );
  const monitorsBehaviour = await p.confirm(
    'Do you monitor the behaviour of people in the EU (tracking, profiling)?',
    false,
  );

  const doesBusinessInCalifornia = await p.confirm('Do you do business in California?', false);
  const collects = doesBusinessInCalifornia
    ? await p.confirm('Do you collect personal information of California residents?', false)
    : false;
  const forProfit = collects ? await p.confirm('Are you a for-profit entity?', true) : true;
  const determinesPurposes = collects
    ? await p.confirm(
        'Do you decide why and how that information is processed (not only a service provider)?',
        true,
      )
    : undefined;
  const revenue = collects
    ? await p.number('Gross revenue last calendar year, in US dollars (empty if unknown):')
    : undefined;
  const consumers = collects
    ? await p.number(
        'Consumers or households whose personal information you buy, sell or share a year (empty if unknown):',
      )
    : undefined;
  const sharePercent = collects
    ? await p.number(
        'Percent of revenue from selling or sharing personal information (empty if unknown):',
      )
    : undefined;

  const customersRequest = await p.confirm(
    'Do business customers ask you for a SOC 2 report?',
    false,
  );
  const certificationWanted = await p.confirm('Do you want ISO/IEC 27001 certification?', false);

  // checkProfile validates ranges, so a percent above 100 fails here, not deep in a decision.
  return checkProfile({
    ...(name !== '' ? { name } : {}),
    health: { role, ...(consumerHealthData !== undefined ? { consumerHealthData } : {}) },
    cards: {
      handlesCardData,
      serviceProvider,
      ...(annualTransactions !== undefined ? { annualTransactions } : {}),
      ...(ecommerceTransactions !== undefined ? { ecommerceTransactions } : {}),
    },
    eu: { establishment, offersGoodsOrServices, monitorsBehaviour },
    california: {
      forProfit,
      doesBusinessInCalifornia,
      collectsConsumersPersonalInfo: collects,
      ...(determinesPurposes !== undefined ? { determinesPurposes } : {}),
      ...(revenue !== undefined ? { annualRevenueUsd: revenue } : {}),
      ...(consumers !== undefined ? { consumersOrHouseholds: consumers } : {}),
      ...(sharePercent !== undefined
        ? { revenueShareFromSellingOrSharing: sharePercent / 100 }
        : {}),
    },
    soc2: { customersRequest },
    iso27001: { certificationWanted },
  });
}
