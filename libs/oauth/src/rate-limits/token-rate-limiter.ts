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
 * A check's answer: undefined when it admits at once, without a promise (a grant then awaits nothing
 * for it), or a promise that rejects with the 429. rate-limiter-flexible answers every call, even
 * `get`, with a promise, though its memory store counts synchronously: its public API has no sync read.
 */
export type Admission = Promise<void> | undefined;

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
  /**
   * When each lockout this replica started ends, by the memory store's clock (Date.now, which
   * rate-limiter-flexible's expiry uses). Not the authority: a client without an entry, or past it, has
   * no lockout running and needs no lookup; any other asks `lockouts`. Entries are for known clients only.
   */
  private readonly lockoutEnds = new Map<string, number>();

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

  /** 429 while the client is locked out, whatever it presents; at once for a client with no lockout running. */
  requireNotLockedOut(clientId: string): Admission {
    if (!this.settings.enabled) return undefined;
    const ends = this.lockoutEnds.get(clientId);
    if (ends === undefined) return undefined;
    if (Date.now() >= ends) {
      this.lockoutEnds.delete(clientId);
      return undefined;
    }
    return this.lockouts.get(clientId).then((lockout) => {
      if (lockout !== null && lockout.consumedPoints > 0 && lockout.msBeforeNext > 0)
        throw tooMany('client_locked_out', lockout.msBeforeNext);
    });
  }

  /** Counts a failed authentication of a known client; the one that crosses the threshold starts a lockout. */
  async failedAuthentication(clientId: string): Promise<FailureOutcome> {
    if (!this.settings.enabled) return {};
    const counted = await this.failures.penalty(clientId);
    if (counted.consumedPoints < this.settings.failuresBeforeLockout) return {};
    await this.failures.delete(clientId);
    const previous = (await this.lockoutCount.penalty(clientId)).consumedPoints - 1;
    const seconds = Math.min(this.settings.maxLockoutSeconds, this.settings.lockoutSeconds * 2 ** Math.min(previous, 30));
    // The store takes the lockout when set is called; its end is noted after, so never before the store's.
    const locked = this.lockouts.set(clientId, 1, seconds);
    this.lockoutEnds.set(clientId, Date.now() + seconds * 1000);
    await locked;
    return { lockedOutFor: seconds };
  }

  /** Requests that name no known client, per source address. */
  admitUnknownClient(sourceIp: string): Admission {
    if (!this.settings.enabled) return undefined;
    return this.consumeThisSecond(this.unknownClients, sourceIp, sourceRateLimited);
  }

  admitGrant(organizationId: string, plan: Plan): Admission {
    if (!this.settings.enabled) return undefined;
    return this.consumeThisSecond(this.organizations[plan], organizationId, organizationRateLimited);
  }

  // Counted when consume is called; its promise only tells the outcome.
  private consumeThisSecond(limiter: RateLimiterMemory, key: string, refused: (rejection: unknown) => never): Promise<void> {
    return limiter.consume(`${key}@${Math.floor(this.clock().getTime() / 1000)}`).then(admitted, refused);
  }
}

const admitted = (): void => undefined;
// A per-second limit refuses until the next second begins, at most 1000 ms away: Retry-After 1 (RFC 6585 §4).
const refusedThisSecond =
  (reason: string) =>
  (rejection: unknown): never => {
    if (rejection instanceof RateLimiterRes) throw new TooManyRequests(1, reason);
    throw rejection;
  };
const sourceRateLimited = refusedThisSecond('source_rate_limited');
const organizationRateLimited = refusedThisSecond('organization_rate_limited');
const tooMany = (reason: string, msBeforeNext: number) => new TooManyRequests(Math.max(1, Math.ceil(msBeforeNext / 1000)), reason);
