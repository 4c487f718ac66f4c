import { DEFAULT_ORGANIZATION_POLICY, type TokenIssuanceEvent } from '@keyward/domain';
import type { ClientCredentialView } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import { InvalidClient, TooManyRequests } from '../errors/oauth-errors';
import { TokenRefusalRecorder } from '../token-endpoint/token-refusal-recorder';
import { AuthenticationLimits } from './authentication-limits';
import { DEFAULT_RATE_LIMITS } from './rate-limit-settings';
import { TokenRateLimiter } from './token-rate-limiter';

const context = { sourceIp: '203.0.113.9', userAgent: 'spec', correlationId: 'c-1' };
const known = { clientId: 'kw_ci_known', organizationId: 'org-1', serviceAccountId: 'sa-1', credentialId: 'cr-1' } as ClientCredentialView;

/** The limits around client authentication, over a real limiter and refusal recorder, in memory. */
function limitsRig() {
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00.500Z'));
  const credentials = {
    findByClientId: (id: string) => (id === known.clientId ? known : undefined),
    policyOf: () => DEFAULT_ORGANIZATION_POLICY,
  };
  const recorded: TokenIssuanceEvent[] = [];
  const limits = new AuthenticationLimits({
    limiter: new TokenRateLimiter({ ...DEFAULT_RATE_LIMITS, failuresBeforeLockout: 2, unknownClientRequestsPerSecond: 2 }, clock.now),
    credentials,
    plans: { planOf: () => 'free' },
    refusals: new TokenRefusalRecorder({ credentials, recorder: { record: async (event) => void recorded.push(event) }, clock: clock.now }),
  });
  return { limits, recorded };
}
const secret = (clientId: string): PresentedClientCredentials => ({ method: 'client_secret_basic', clientId, clientSecret: 'wrong' });
const wrongSecret = new InvalidClient('wrong_secret', true);

describe('AuthenticationLimits', () => {
  it('locks a known client out after its failed secrets and records the lockout once, then answers 429 whatever it presents', async () => {
    const { limits, recorded } = limitsRig();
    await limits.failedAuthentication(wrongSecret, secret(known.clientId), context, 'token');
    expect(recorded).toEqual([]);
    await limits.failedAuthentication(wrongSecret, secret(known.clientId), context, 'revocation');
    expect(recorded).toEqual([
      expect.objectContaining({
        type: 'TokenRequestRefused',
        data: expect.objectContaining({ reason: 'client_locked_out', endpoint: 'revocation', lockoutSeconds: 1 }),
      }),
    ]);
    await expect(limits.beforeAuthentication(secret(known.clientId), context)).rejects.toThrow(TooManyRequests);
    expect(AuthenticationLimits.isRecorded(new TooManyRequests(1, 'client_locked_out'))).toBe(false);
  });

  it('never counts assertion or certificate failures (anyone could lock a client out with them), nor unknown clients', async () => {
    const { limits, recorded } = limitsRig();
    const assertion: PresentedClientCredentials = { method: 'private_key_jwt', assertion: 'x.y.z', clientId: known.clientId };
    for (let i = 0; i < 5; i++) await limits.failedAuthentication(wrongSecret, assertion, context, 'token');
    for (let i = 0; i < 5; i++) await limits.failedAuthentication(wrongSecret, secret('kw_ci_unknown'), context, 'token');
    // Not locked out: admitted at once (no promise for the token endpoint to await).
    expect(limits.beforeAuthentication(secret(known.clientId), context)).toBeUndefined();
    expect(recorded).toEqual([]);
  });

  it('limits requests naming no known client per source address, before anything is looked up', async () => {
    const { limits } = limitsRig();
    await limits.beforeAuthentication(secret('kw_ci_unknown'), context);
    await limits.unreadRequest(context);
    await expect(limits.beforeAuthentication(secret('kw_ci_other'), context)).rejects.toMatchObject({ reason: 'source_rate_limited' });
    await expect(limits.beforeAuthentication(secret('kw_ci_unknown'), { ...context, sourceIp: '198.51.100.1' })).resolves.toBeUndefined();
  });
});
