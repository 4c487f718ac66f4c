import { InvalidInput } from '../shared/domain-error';
import { requireNamingPattern, type NamingPattern } from '../naming/naming-pattern';

/**
 * An organization's limits on its own credentials. `null` means no limit. Lowering a limit applies to
 * credentials that already exist: their next token or introspection is judged by the new limit.
 */
export interface OrganizationPolicy {
  /** Cap of every access token's lifetime, whatever its credential asks for. */
  readonly maxAccessTokenLifetimeSeconds: number;
  /** A client secret older than this (since creation or its last rotation) stops working. */
  readonly clientSecretMaxAgeDays: number | null;
  /** An API token older than this stops working, even before its own expiry. */
  readonly apiTokenMaxAgeDays: number | null;
  /** Every service account must name an owner (a team or a contact) when created or changed. */
  readonly requireOwner: boolean;
  /** Names of service accounts, checked on create and rename; null: any name. */
  readonly accountNamePattern: NamingPattern | null;
  /** Names of credentials, checked on create and rename; null: any name. */
  readonly credentialNamePattern: NamingPattern | null;
  /** Days before a secret reaches its maximum age, or a token its expiry, that a reminder event is recorded. */
  readonly reminderDays: readonly number[];
  /** SuspiciousTokenActivity new_source_network: a credential used for this many days meets a new /24 or /64. null: off (noisy behind cloud NAT). */
  readonly suspiciousNewNetworkAfterDays: number | null;
  /** refusal_burst: this many refused requests of one client within 10 minutes. null: off. */
  readonly suspiciousRefusalBurst: number | null;
  /** use_after_long_idle: a token for a credential unused this many days. null: off. */
  readonly suspiciousIdleDays: number | null;
}

export const ACCESS_TOKEN_LIFETIME_SECONDS = { min: 300, max: 24 * 3600 } as const;
export const CLIENT_SECRET_MAX_AGE_DAYS = { min: 1, max: 730 } as const;
export const API_TOKEN_MAX_AGE_DAYS = { min: 1, max: 365 } as const;

export const DEFAULT_ORGANIZATION_POLICY: OrganizationPolicy = {
  maxAccessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS.max,
  clientSecretMaxAgeDays: null,
  apiTokenMaxAgeDays: null,
  requireOwner: false,
  accountNamePattern: null,
  credentialNamePattern: null,
  reminderDays: [14, 3, 1],
  suspiciousNewNetworkAfterDays: null,
  suspiciousRefusalBurst: 20,
  suspiciousIdleDays: 30,
};

export const REMINDER_DAYS = { min: 1, max: 365, count: 10 } as const;

/** The policy an OrganizationPolicyChanged event records; events written before a field existed get its default. */
export function policyFromEvent(data: Partial<OrganizationPolicy>): OrganizationPolicy {
  const policy: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_ORGANIZATION_POLICY) as (keyof OrganizationPolicy)[])
    policy[key] = data[key] === undefined ? DEFAULT_ORGANIZATION_POLICY[key] : data[key];
  return policy as unknown as OrganizationPolicy;
}

export function samePolicy(a: OrganizationPolicy, b: OrganizationPolicy): boolean {
  return (Object.keys(DEFAULT_ORGANIZATION_POLICY) as (keyof OrganizationPolicy)[]).every(
    (key) => JSON.stringify(a[key]) === JSON.stringify(b[key]),
  );
}

export function requirePolicy(policy: OrganizationPolicy): OrganizationPolicy {
  inRange('maxAccessTokenLifetimeSeconds', policy.maxAccessTokenLifetimeSeconds, ACCESS_TOKEN_LIFETIME_SECONDS, 'seconds');
  if (policy.clientSecretMaxAgeDays !== null)
    inRange('clientSecretMaxAgeDays', policy.clientSecretMaxAgeDays, CLIENT_SECRET_MAX_AGE_DAYS, 'days');
  if (policy.apiTokenMaxAgeDays !== null) inRange('apiTokenMaxAgeDays', policy.apiTokenMaxAgeDays, API_TOKEN_MAX_AGE_DAYS, 'days');
  if (typeof policy.requireOwner !== 'boolean') throw new InvalidInput('requireOwner', 'must be true or false');
  const reminderDays = policy.reminderDays;
  if (!Array.isArray(reminderDays) || reminderDays.length > REMINDER_DAYS.count)
    throw new InvalidInput('reminderDays', `must list at most ${REMINDER_DAYS.count} thresholds`);
  for (const days of reminderDays) inRange('reminderDays', days, REMINDER_DAYS, 'days');
  if (policy.suspiciousNewNetworkAfterDays !== null)
    inRange('suspiciousNewNetworkAfterDays', policy.suspiciousNewNetworkAfterDays, { min: 1, max: 365 }, 'days');
  if (policy.suspiciousRefusalBurst !== null)
    inRange('suspiciousRefusalBurst', policy.suspiciousRefusalBurst, { min: 3, max: 100_000 }, 'refusals');
  if (policy.suspiciousIdleDays !== null) inRange('suspiciousIdleDays', policy.suspiciousIdleDays, { min: 1, max: 365 }, 'days');
  return {
    ...policy,
    // Largest first, each once: the order reminders come in.
    reminderDays: [...new Set(reminderDays)].sort((a, b) => b - a),
    accountNamePattern: policy.accountNamePattern && requireNamingPattern('accountNamePattern', policy.accountNamePattern),
    credentialNamePattern: policy.credentialNamePattern && requireNamingPattern('credentialNamePattern', policy.credentialNamePattern),
  };
}

function inRange(field: string, value: number, range: { readonly min: number; readonly max: number }, unit: string): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max)
    throw new InvalidInput(field, `must be a whole number of ${unit} from ${range.min} to ${range.max}`);
}
