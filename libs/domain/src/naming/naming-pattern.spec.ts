import { InvalidInput } from '../shared/domain-error';
import { followsNamingPattern, requireNameFollows, requireNamingPattern } from './naming-pattern';
import { NamingPolicyViolated } from './naming.errors';

const convention = { pattern: '^svc-[a-z0-9]+-[a-z0-9-]+$', description: 'svc-<team>-<integration>' };

describe('naming patterns', () => {
  it('accepts a convention and checks names against it, quoting its description', () => {
    expect(requireNamingPattern('accountNamePattern', { ...convention, description: '  svc-<team>-<integration> ' })).toEqual(convention);
    expect(followsNamingPattern('svc-payments-stripe-sync', convention)).toBe(true);
    expect(followsNamingPattern('billing-bot', convention)).toBe(false);
    expect(() => requireNameFollows('name', 'billing-bot', convention)).toThrow(NamingPolicyViolated);
    expect(() => requireNameFollows('name', 'billing-bot', convention)).toThrow(
      'name: "billing-bot" does not follow the organization\'s naming convention: svc-<team>-<integration>',
    );
    expect(() => requireNameFollows('name', 'anything', null)).not.toThrow();
  });

  it.each([
    ['(a+)+$', /nested repetition/],
    ['^(a|a)*$', /alternation under a repetition/],
    ['^(x|xy)+z$', /alternation under a repetition/],
    ['^(a)\\1$', /backreference/],
    ['^(?=a)a$', /lookaround/],
    ['^(?!a)b$', /lookaround/],
    ['^a*b*c*d*$', /more than 3 repetitions/],
    ['^[a-z', /not a valid regular expression/],
    ['x'.repeat(201), /1 to 200 characters/],
    ['', /1 to 200 characters/],
  ])('refuses %s, whose cost on a name is not bounded or which is no pattern', (pattern, reason) => {
    expect(() => requireNamingPattern('accountNamePattern', { pattern, description: 'anything' })).toThrow(InvalidInput);
    expect(() => requireNamingPattern('accountNamePattern', { pattern, description: 'anything' })).toThrow(reason);
  });

  it('needs a description, since that is what admins are shown', () => {
    expect(() => requireNamingPattern('credentialNamePattern', { pattern: '^[a-z]+$', description: ' ' })).toThrow(
      /credentialNamePattern.description/,
    );
  });

  it('allows alternation outside repetitions and bounded optional parts', () =>
    expect(requireNamingPattern('p', { pattern: '^(svc|bot)-(prod|staging)?-[a-z]{2,20}$', description: 'svc|bot-env-name' }).pattern).toBe(
      '^(svc|bot)-(prod|staging)?-[a-z]{2,20}$',
    ));
});
