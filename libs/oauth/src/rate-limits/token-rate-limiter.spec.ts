import { TestClock } from '@keyward/testing/test-clock';
import { TooManyRequests } from '../errors/oauth-errors';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limit-settings';
import { TokenRateLimiter } from './token-rate-limiter';

const settings: RateLimitSettings = {
  ...DEFAULT_RATE_LIMITS,
  failuresBeforeLockout: 3,
  lockoutSeconds: 30,
  maxLockoutSeconds: 100,
  unknownClientRequestsPerSecond: 2,
  organizationGrantsPerSecond: { free: 2, standard: 3, enterprise: 5 },
};
// The second keys are named by the injected clock; half a second in, 500 ms are left of it.
const limiterAt = () => {
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00.500Z'));
  return { clock, limiter: new TokenRateLimiter(settings, clock.now) };
};
const refusal = (attempt: Promise<unknown> | undefined) =>
  Promise.resolve(attempt).then(
    () => undefined,
    (error: unknown) => (error instanceof TooManyRequests ? { retryAfter: error.retryAfterSeconds, reason: error.reason } : error),
  );

describe('TokenRateLimiter, per replica, on the injected clock', () => {
  it('admits each organization its plan’s grants per second, then 429 with Retry-After until the next second', async () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 2; i++) await limiter.admitGrant('org-free', 'free');
    expect(await refusal(limiter.admitGrant('org-free', 'free'))).toEqual({ retryAfter: 1, reason: 'organization_rate_limited' });
    // Another organization, another plan: counted apart.
    for (let i = 0; i < 5; i++) await limiter.admitGrant('org-big', 'enterprise');
    clock.advanceMs(500);
    await expect(limiter.admitGrant('org-free', 'free')).resolves.toBeUndefined();
  });

  it('limits requests naming no known client per source address', async () => {
    const { limiter } = limiterAt();
    await limiter.admitUnknownClient('203.0.113.9');
    await limiter.admitUnknownClient('203.0.113.9');
    expect(await refusal(limiter.admitUnknownClient('203.0.113.9'))).toMatchObject({ reason: 'source_rate_limited' });
    await expect(limiter.admitUnknownClient('198.51.100.1')).resolves.toBeUndefined();
  });

  it('locks a client out at the failure that crosses the threshold, and doubles each further lockout up to the maximum', async () => {
    const { limiter } = limiterAt();
    const failTimes = async (n: number) => {
      let outcome = {};
      for (let i = 0; i < n; i++) outcome = await limiter.failedAuthentication('kw_ci_1');
      return outcome;
    };
    expect(await failTimes(2)).toEqual({});
    // No lockout running: answered at once, without a promise.
    expect(limiter.requireNotLockedOut('kw_ci_1')).toBeUndefined();
    expect(await failTimes(1)).toEqual({ lockedOutFor: 30 });
    expect(await refusal(limiter.requireNotLockedOut('kw_ci_1'))).toMatchObject({ reason: 'client_locked_out' });
    // Locked out whatever it presents: the answer cannot tell a right secret from a wrong one.
    expect(limiter.requireNotLockedOut('kw_ci_2')).toBeUndefined();
    expect(await failTimes(3)).toEqual({ lockedOutFor: 60 });
    expect(await failTimes(3)).toEqual({ lockedOutFor: 100 });
  });

  it('asks the store while a lockout runs, to its last millisecond, and answers at once again after it', async () => {
    // rate-limiter-flexible times a lockout by Date.now: Date alone is faked, every timer stays real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'], now: 1_000_000 });
    try {
      const { limiter } = limiterAt();
      for (let i = 0; i < 3; i++) await limiter.failedAuthentication('kw_ci_1');
      jest.setSystemTime(1_000_000 + 29_999);
      expect(await refusal(limiter.requireNotLockedOut('kw_ci_1'))).toEqual({ retryAfter: 1, reason: 'client_locked_out' });
      jest.setSystemTime(1_000_000 + 30_000);
      expect(limiter.requireNotLockedOut('kw_ci_1')).toBeUndefined();
      for (let i = 0; i < 3; i++) await limiter.failedAuthentication('kw_ci_1');
      expect(await refusal(limiter.requireNotLockedOut('kw_ci_1'))).toEqual({ retryAfter: 60, reason: 'client_locked_out' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('does nothing when disabled', async () => {
    const limiter = new TokenRateLimiter({ ...settings, enabled: false });
    for (let i = 0; i < 10; i++) expect(limiter.admitGrant('org-free', 'free')).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(await limiter.failedAuthentication('kw_ci_1')).toEqual({});
    expect(limiter.requireNotLockedOut('kw_ci_1')).toBeUndefined();
  });
});
