/**
 * The init question flow with a scripted prompter: which questions follow which answers, and the
 * profile that results.
 */
import { describe, expect, it } from 'vitest';
import { decideFrameworks } from '../../src/applicability/index.js';
import { askProfile, type Prompter } from '../../src/applicability/prompts.js';

/** Answers questions whose message matches a pattern; fails on any unexpected question. */
function scripted(answers: [RegExp, unknown][]): { prompter: Prompter; asked: string[] } {
  const asked: string[] = [];
  const answer = (message: string): unknown => {
    asked.push(message);
    const hit = answers.find(([pattern]) => pattern.test(message));
    if (!hit) throw new Error(`unexpected question: ${message}`);
    return hit[1];
  };
  const prompter: Prompter = {
    confirm: async (message) => answer(message) as boolean,
    number: async (message) => answer(message) as number | undefined,
    select: async <T extends string>(message: string) => answer(message) as T,
    text: async (message) => answer(message) as string,
  };
  return { prompter, asked };
}

describe('askProfile', () => {
  it('skips follow-up questions and builds a profile from the answers', async () => {
    const { prompter, asked } = scripted([
      [/name/, ''],
      [/health information/, 'covered-entity'],
      [/payment card data/, false],
      [/other companies/, false],
      [/establishment/, true],
      [/offer goods/, false],
      [/monitor/, false],
      [/business in California/, false],
      [/SOC 2/, false],
      [/ISO/, true],
    ]);
    const profile = await askProfile(prompter);
    expect(asked).toHaveLength(10);
    expect(asked.some((m) => /transactions/.test(m))).toBe(false);
    expect(profile.name).toBeUndefined();
    expect(profile.health).toEqual({ role: 'covered-entity' });
    expect(profile.california.collectsConsumersPersonalInfo).toBe(false);
    const applying = decideFrameworks(profile)
      .filter((d) => d.applies === true)
      .map((d) => d.framework);
    expect(applying).toEqual(['hipaa', 'gdpr', 'iso27001']);
  });

  it('asks for volumes and California figures, turning a percent into a share', async () => {
    const { prompter } = scripted([
      [/name/, 'Shop'],
      [/health information/, 'none'],
      [/consumer health data/, true],
      [/payment card data/, true],
      [/other companies/, false],
      [/all channels/, 7_000_000],
      [/e-commerce/, undefined],
      [/establishment|offer goods|monitor/, false],
      [/business in California/, true],
      [/collect personal information/, true],
      [/for-profit/, true],
      [/decide why/, true],
      [/Gross revenue/, undefined],
      [/households/, undefined],
      [/Percent/, 60],
      [/SOC 2|ISO/, false],
    ]);
    const profile = await askProfile(prompter);
    expect(profile.name).toBe('Shop');
    expect(profile.health.consumerHealthData).toBe(true);
    expect(profile.cards.annualTransactions).toBe(7_000_000);
    expect(profile.cards.ecommerceTransactions).toBeUndefined();
    expect(profile.california.revenueShareFromSellingOrSharing).toBeCloseTo(0.6);
    const pci = decideFrameworks(profile).find((d) => d.framework === 'pci-dss');
    expect(pci?.merchantLevel).toBe(1);
    expect(decideFrameworks(profile).find((d) => d.framework === 'ccpa')?.applies).toBe(true);
  });

  it('rejects a percent above 100 through the profile check', async () => {
    const { prompter } = scripted([
      [/name/, ''],
      [/health information/, 'none'],
      [/consumer health data/, false],
      [/payment card data|other companies/, false],
      [/establishment|offer goods|monitor/, false],
      [/business in California|collect personal|for-profit|decide why/, true],
      [/Gross revenue|households/, undefined],
      [/Percent/, 150],
      [/SOC 2|ISO/, false],
    ]);
    await expect(askProfile(prompter)).rejects.toThrow(/revenueShareFromSellingOrSharing/);
  });
});
