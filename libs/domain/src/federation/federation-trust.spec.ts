import { InvalidInput } from '../shared/domain-error';
import { brokenClaimCondition } from './claim-conditions';
import { requireFederationTrust, type FederationTrustInput } from './federation-trust.rules';
import { subjectMatches } from './subject-match';

const GITHUB = 'https://token.actions.githubusercontent.com';
const secure = { allowInsecureIssuers: false };
const refusal = (input: FederationTrustInput, options = secure) => {
  try {
    requireFederationTrust(input, options);
  } catch (error) {
    if (error instanceof InvalidInput) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('federation trust: what a create body may say', () => {
  it('keeps an exact subject, claim conditions and defaults', () => {
    expect(
      requireFederationTrust(
        { issuer: GITHUB, subject: 'repo:acme/reports:ref:refs/heads/main', claims: { repository_owner: 'acme' } },
        secure,
      ),
    ).toEqual({
      issuer: GITHUB,
      subject: { match: 'exact', value: 'repo:acme/reports:ref:refs/heads/main' },
      claims: { repository_owner: 'acme' },
      maxTokenAgeSeconds: 3600,
      allowTokenReuse: false,
    });
  });

  it('wants https unless insecure issuers are allowed', () => {
    expect(refusal({ issuer: 'http://127.0.0.1:8080', subject: 's' })).toMatch(/^federation.issuer: must be an https URL/);
    expect(requireFederationTrust({ issuer: 'http://127.0.0.1:8080', subject: 's' }, { allowInsecureIssuers: true }).issuer).toBe(
      'http://127.0.0.1:8080',
    );
    expect(refusal({ issuer: 'ftp://x', subject: 's' }, { allowInsecureIssuers: true })).toMatch(/http or https/);
    expect(refusal({ issuer: `${GITHUB}?a=1`, subject: 's' })).toMatch(/query or fragment/);
    expect(refusal({ issuer: 'https://user:pw@issuer.example', subject: 's' })).toMatch(/credentials/);
    expect(refusal({ subject: 's' })).toMatch(/^federation.issuer: is required/);
  });

  it('wants exactly one of subject and subjectPattern, and patterns with a literal prefix', () => {
    expect(refusal({ issuer: GITHUB })).toMatch(/exactly one of subject/);
    expect(refusal({ issuer: GITHUB, subject: 'a', subjectPattern: 'a*' })).toMatch(/exactly one of subject/);
    expect(refusal({ issuer: GITHUB, subjectPattern: 'repo:acme/reports' })).toMatch(/no \* wildcard/);
    expect(refusal({ issuer: GITHUB, subjectPattern: '*' })).toMatch(/literal prefix/);
    expect(refusal({ issuer: GITHUB, subjectPattern: 'repo:**' })).toMatch(/not hold \*\*/);
    expect(refusal({ issuer: GITHUB, subjectPattern: 'a*b*c*d*e*' })).toMatch(/at most 4/);
    expect(refusal({ issuer: GITHUB, subject: 'has space' })).toMatch(/printable/);
  });

  it('refuses claim conditions on reserved claims, arrays, empty objects, and too many', () => {
    expect(refusal({ issuer: GITHUB, subject: 's', claims: { aud: 'x' } })).toMatch(
      /^federation.claims.aud: aud is checked by its own setting/,
    );
    expect(refusal({ issuer: GITHUB, subject: 's', claims: { groups: ['a'] } })).toMatch(/^federation.claims.groups: must be a string/);
    expect(refusal({ issuer: GITHUB, subject: 's', claims: { 'kubernetes.io': {} } })).toMatch(/empty object matches nothing/);
    expect(refusal({ issuer: GITHUB, subject: 's', claims: { a: { b: { c: { d: 'x' } } } } })).toMatch(/at most 3 levels/);
    expect(
      refusal({ issuer: GITHUB, subject: 's', claims: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`c${i}`, 'v'])) }),
    ).toMatch(/at most 20/);
    expect(refusal({ issuer: GITHUB, subject: 's', maxTokenAgeSeconds: 30 })).toMatch(/60 to 86400/);
    expect(refusal({ issuer: GITHUB, subject: 's', allowTokenReuse: 'yes' })).toMatch(/true or false/);
    expect(refusal({ issuer: GITHUB, subject: 's', subjet: 'typo' } as FederationTrustInput)).toMatch(
      /^federation.subjet: is not a federation setting/,
    );
  });

  it('keeps a claim named __proto__ as a claim', () => {
    const trust = requireFederationTrust({ issuer: GITHUB, subject: 's', claims: JSON.parse('{"__proto__": "x"}') }, secure);
    expect(Object.getPrototypeOf(trust.claims)).toBe(Object.prototype);
    expect(brokenClaimCondition(trust.claims, {})).toBe('__proto__');
  });
});

describe('subject match', () => {
  const pattern = (value: string) => ({ match: 'pattern' as const, value });
  it('matches exactly, or with * standing for one or more characters other than ":"', () => {
    expect(
      subjectMatches({ match: 'exact', value: 'repo:acme/reports:ref:refs/heads/main' }, 'repo:acme/reports:ref:refs/heads/main'),
    ).toBe(true);
    expect(
      subjectMatches({ match: 'exact', value: 'repo:acme/reports:ref:refs/heads/main' }, 'repo:acme/reports:ref:refs/heads/main2'),
    ).toBe(false);
    expect(subjectMatches(pattern('repo:acme/*:ref:refs/heads/main'), 'repo:acme/reports:ref:refs/heads/main')).toBe(true);
    expect(subjectMatches(pattern('repo:acme/*:ref:refs/heads/main'), 'repo:acme/:ref:refs/heads/main')).toBe(false);
    expect(subjectMatches(pattern('repo:acme/*:ref:refs/heads/main'), 'repo:acme/x:pull_request')).toBe(false);
    expect(subjectMatches(pattern('repo:acme/*'), 'repo:acme/reports:ref:refs/heads/main')).toBe(false);
    expect(subjectMatches(pattern('repo:acme/reports:ref:refs/heads/*'), 'repo:acme/reports:ref:refs/heads/feature/x')).toBe(true);
    expect(subjectMatches(pattern('system:serviceaccount:*:reports'), 'system:serviceaccount:prod:reports')).toBe(true);
    expect(subjectMatches(pattern('a*b*c'), 'aXbYc')).toBe(true);
    expect(subjectMatches(pattern('a*b*c'), 'abc')).toBe(false);
    expect(subjectMatches(pattern('a*bc*c'), 'aXbcYc')).toBe(true);
    expect(subjectMatches(pattern('ab*b'), 'abb')).toBe(false);
    expect(subjectMatches(pattern('ab*b'), 'abXb')).toBe(true);
  });
});

describe('claim conditions', () => {
  it('names the first broken condition, comparing values strictly and nested objects member by member', () => {
    const conditions = {
      repository_owner: 'acme',
      'kubernetes.io': { namespace: 'prod', serviceaccount: { name: 'reports' } },
      runner_environment: 'github-hosted',
    };
    const claims = {
      repository_owner: 'acme',
      'kubernetes.io': { namespace: 'prod', serviceaccount: { name: 'reports', uid: 'u' } },
      runner_environment: 'github-hosted',
    };
    expect(brokenClaimCondition(conditions, claims)).toBeUndefined();
    expect(brokenClaimCondition(conditions, { ...claims, repository_owner: 'evil' })).toBe('repository_owner');
    expect(brokenClaimCondition(conditions, { ...claims, 'kubernetes.io': { namespace: 'prod', serviceaccount: { name: 'other' } } })).toBe(
      'kubernetes.io.serviceaccount.name',
    );
    expect(brokenClaimCondition(conditions, { ...claims, 'kubernetes.io': 'prod' })).toBe('kubernetes.io.namespace');
    expect(brokenClaimCondition({ flag: true }, { flag: 'true' })).toBe('flag');
    expect(brokenClaimCondition({ id: 1 }, { id: '1' })).toBe('id');
    expect(brokenClaimCondition({ toString: 'x' }, {})).toBe('toString');
  });
});
