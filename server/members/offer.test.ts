import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Program, RewardRule } from '../../types/referralrock.js';
import { describeOffer, MAX_OFFER_LENGTH } from './offer.js';

/** Upstream answers as they may come: the types say what should be there, not what is. */
const asRules = (rules: unknown[]) => rules as RewardRule[];
const asProgram = (program: object) => program as Program;

const NOW = new Date('2026-11-30T12:00:00Z');
const fixedRule = (amount: unknown, status = 'Qualified', extra: object = {}) => ({
  ruleId: `rule-${String(amount)}`,
  isEnabled: true,
  reward: { amountCalculationMethod: 'Fixed', fixedAmount: amount },
  trigger: { referralStatus: status },
  ...extra,
});

describe('describeOffer', () => {
  it("uses the program's own words for both sides when it has them", () => {
    const offer = describeOffer({ memberOffer: 'a $25 gift card', referralOffer: '15% off your first order' }, asRules([fixedRule(99)]), NOW);
    assert.deepEqual(offer, { member: 'a $25 gift card', friend: '15% off your first order' });
  });

  it('names the program’s kind when it is Web or Form (in any case), and nothing else', () => {
    assert.equal(describeOffer(asProgram({ type: 'form' }), [], NOW).programType, 'Form');
    assert.equal(describeOffer(asProgram({ type: 'Web' }), [], NOW).programType, 'Web');
    assert.equal('programType' in describeOffer(asProgram({ type: '<b>Form</b>' }), [], NOW), false);
    assert.equal('programType' in describeOffer(asProgram({ type: ['Form'] }), [], NOW), false);
  });

  it("builds the member's side from an enabled fixed-amount rule, in the server's CURRENCY (a program has none)", () => {
    assert.deepEqual(describeOffer({}, asRules([fixedRule(25)]), NOW, 'EUR'), {
      member: '€25 when a friend qualifies',
      friend: null,
      terms: [{ for: 'member', kind: 'fixed', amount: 25, currency: 'EUR', when: 'qualified' }],
    });
    assert.equal(describeOffer(asProgram({ currencyCode: 'GBP' }), asRules([fixedRule(25)]), NOW, 'EUR').member, '€25 when a friend qualifies', 'a currencyCode on a program is not read');
    assert.equal(describeOffer(undefined, asRules([fixedRule('12.5', 'Pending')]), NOW).member, '$12.50 when a friend signs up');
  });

  it('names the payout and describes a percent rule', () => {
    const rules = [
      fixedRule(25, 'Approved', { payoutDescription: 'Gift Card' }),
      { ruleId: 'percent', isEnabled: true, reward: { amountCalculationMethod: 'Percent', startingPercentAmount: 10 }, trigger: { referralStatus: 'Qualified' } },
    ];
    assert.equal(describeOffer({}, asRules(rules), NOW).member, '$25 gift card when a friend is approved, and 10% of what your friend spends when a friend qualifies');
  });

  it('sends the rules it words as terms (amount, currency, fixed or percent, for whom), and none with the program’s own words', () => {
    const rules = [
      fixedRule(25, 'Approved', { payoutDescription: 'Gift Card' }),
      { ruleId: 'percent', isEnabled: true, reward: { amountCalculationMethod: 'Percent', startingPercentAmount: 10 }, trigger: { referralStatus: 'Qualified' } },
      fixedRule(5, 'Pending'),
    ];
    assert.deepEqual(describeOffer({}, asRules(rules), NOW).terms, [
      { for: 'member', kind: 'fixed', amount: 25, currency: 'USD', payout: 'Gift Card', when: 'approved' },
      { for: 'member', kind: 'percent', amount: 10, when: 'qualified' },
    ], 'the two rules the words describe');
    assert.equal(describeOffer({ memberOffer: 'Ein Gutschein' }, asRules(rules), NOW).terms, undefined);
    assert.equal(describeOffer({}, asRules([fixedRule(2e6)]), NOW).terms, undefined, 'no amount past a million');
  });

  it('leaves out disabled rules, rules not yet or no longer in force, and rules with no amount', () => {
    const rules = [
      fixedRule(50, 'Qualified', { isEnabled: false }),
      fixedRule(40, 'Qualified', { ruleStartDate: '2027-01-01T00:00:00Z' }),
      fixedRule(30, 'Qualified', { ruleEndDate: '2026-01-01T00:00:00Z' }),
      fixedRule(0),
      fixedRule('lots'),
      null,
      'rule',
    ];
    assert.deepEqual(describeOffer({}, asRules(rules), NOW), { member: null, friend: null });
  });

  it('keeps hostile program words to one bounded line of text', () => {
    const offer = describeOffer(asProgram({ memberOffer: `  <b>big</b>\r\n\u2028reward ${'x'.repeat(500)}`, referralOffer: 42 }), [], NOW);
    assert.ok(offer.member!.startsWith('<b>big</b> reward '), 'markup stays text for the widget to show as text; line breaks go');
    assert.equal(offer.member!.length, MAX_OFFER_LENGTH);
    assert.ok(offer.member!.endsWith('…'));
    assert.equal(offer.friend, null, 'a non-string offer is not shown');
  });

  it('describes no amount past a million (fixedAmount: 1e300), and keeps two rules within 160 characters', () => {
    assert.deepEqual(describeOffer({}, asRules([fixedRule(1e300), fixedRule(Number.MAX_VALUE), fixedRule('1e30')]), NOW), { member: null, friend: null });
    const percent = { ruleId: 'p', isEnabled: true, reward: { amountCalculationMethod: 'Percent', startingPercentAmount: 1e300 } };
    assert.equal(describeOffer({}, asRules([percent]), NOW).member, null);
    const long = [fixedRule(999_999.99, 'Approved', { payoutDescription: 'P'.repeat(500) }), fixedRule(1_000_000, 'Qualified', { payoutDescription: 'Q'.repeat(500) })];
    const member = describeOffer({}, asRules(long), NOW).member!;
    assert.ok(member.startsWith('$999,999.99 pppp'), member.slice(0, 40));
    assert.equal(member.length, MAX_OFFER_LENGTH);
    assert.ok(member.endsWith('…'));
  });
});
