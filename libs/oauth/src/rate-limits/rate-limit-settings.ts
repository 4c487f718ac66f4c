import type { Plan } from '@keyward/domain';

/** The limits one replica applies (each replica counts on its own; docs/rate-limits.md says how they add up). */
export interface RateLimitSettings {
  readonly enabled: boolean;
  /** Failed client authentications of one client_id tolerated within `failureWindowSeconds` before it is locked out. */
  readonly failuresBeforeLockout: number;
  readonly failureWindowSeconds: number;
  /** The first lockout; each further one within a day doubles it, up to the maximum. */
  readonly lockoutSeconds: number;
  readonly maxLockoutSeconds: number;
  /** Requests per second from one source address that name no known client. */
  readonly unknownClientRequestsPerSecond: number;
  /** Grants per second one organization may receive, by plan. */
  readonly organizationGrantsPerSecond: Readonly<Record<Plan, number>>;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  enabled: true,
  failuresBeforeLockout: 5,
  failureWindowSeconds: 60,
  lockoutSeconds: 1,
  maxLockoutSeconds: 900,
  unknownClientRequestsPerSecond: 10,
  organizationGrantsPerSecond: { free: 20, standard: 200, enterprise: 2000 },
};
