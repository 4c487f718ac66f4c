import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Plan } from '@keyward/domain';
import { TooManyRequests } from '../errors/oauth-errors';
import type { RateLimitSettings } from './rate-limit-settings';

const DAY_SECONDS = 86_400;
// Per-second limits count in a key named after the second of the server's clock, so that a burst is
// judged by the one clock the server reads, not by when the memory store's real timers fire; each key
// is dropped after a few real seconds, so a replica holds at most that many keys per organization.
const SECOND_KEY_LIFETIME_SECONDS = 10;
// rate-limiter-flexible's memory store keeps one record per key until it expires: a flood of distinct
// keys costs memory for one window only.

/** What a failed authentication did to its client: nothing yet, or a new lockout (recorded once). */
export type FailureOutcome = { readonly lockedOutFor?: number };

/**
 * The OAuth endpoints' limits, per replica, on rate-limiter-flexible's in-memory counters:
 * - a client_id that keeps failing authentication is locked out, each lockout twice the last (within a
 *   day); while locked every request naming it is answered 429 before its secret is looked at, so the
 *   answer is the same for the right and the wrong secret;
 * - requests naming no known client are limited per source address;
 * - each organization gets at most its plan's grants per second.
 * Every check runs before anything is written.
 */
export class TokenRateLimiter {
  private readonly failures: RateLimiterMemory;
  private readonly lockouts: RateLimiterMemory;
  private readonly lockoutCount: RateLimiterMemory;
  private readonly unknownClients: RateLimiterMemory;
  private readonly organizations: Readonly<Record<Plan, RateLimiterMemory>>;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.failures = new RateLimiterMemory({
      keyPrefix: 'failures',
      points: settings.failuresBeforeLockout,
      duration: settings.failureWindowSeconds,
    });
    this.lockouts = new RateLimiterMemory({ keyPrefix: 'lockout', points: 1, duration: settings.maxLockoutSeconds });
    this.lockoutCount = new RateLimiterMemory({ keyPrefix: 'lockouts', points: Number.MAX_SAFE_INTEGER, duration: DAY_SECONDS });
    this.unknownClients = new RateLimiterMemory({
      keyPrefix: 'unknown',
      points: settings.unknownClientRequestsPerSecond,
      duration: SECOND_KEY_LIFETIME_SECONDS,
    });
    const perPlan = (grants: number) => new RateLimiterMemory({ keyPrefix: 'org', points: grants, duration: SECOND_KEY_LIFETIME_SECONDS });
    const { free, standard, enterprise } = settings.organizationGrantsPerSecond;
    this.organizations = { free: perPlan(free), standard: perPlan(standard), enterprise: perPlan(enterprise) };
  }

  /** 429 while the client is locked out, whatever it presents. */
  async requireNotLockedOut(clientId: string): Promise<void> {
    if (!this.settings.enabled) return;
    const lockout = await this.lockouts.get(clientId);
    if (lockout !== null && lockout.consumedPoints > 0 && lockout.msBeforeNext > 0)
      throw tooMany('client_locked_out', lockout.msBeforeNext);
  }

  /** Counts a failed authentication of a known client; the one that crosses the threshold starts a lockout. */
  async failedAuthentication(clientId: string): Promise<FailureOutcome> {
    if (!this.settings.enabled) return {};
    const counted = await this.failures.penalty(clientId);
    if (counted.consumedPoints < this.settings.failuresBeforeLockout) return {};
    await this.failures.delete(clientId);
    const previous = (await this.lockoutCount.penalty(clientId)).consumedPoints - 1;
    const seconds = Math.min(this.settings.maxLockoutSeconds, this.settings.lockoutSeconds * 2 ** Math.min(previous, 30));
    await this.lockouts.set(clientId, 1, seconds);
    return { lockedOutFor: seconds };
  }

  /** Requests that name no known client, per source address. */
  async admitUnknownClient(sourceIp: string): Promise<void> {
    if (!this.settings.enabled) return;
    await this.consumeThisSecond(this.unknownClients, sourceIp, 'source_rate_limited');
  }

  async admitGrant(organizationId: string, plan: Plan): Promise<void> {
    if (!this.settings.enabled) return;
    await this.consumeThisSecond(this.organizations[plan], organizationId, 'organization_rate_limited');
  }

  private async consumeThisSecond(limiter: RateLimiterMemory, key: string, reason: string): Promise<void> {
    const nowMs = this.clock().getTime();
    try {
      await limiter.consume(`${key}@${Math.floor(nowMs / 1000)}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooMany(reason, 1000 - (nowMs % 1000));
      throw rejection;
    }
  }
}

const tooMany = (reason: string, msBeforeNext: number) => new TooManyRequests(Math.max(1, Math.ceil(msBeforeNext / 1000)), reason);
