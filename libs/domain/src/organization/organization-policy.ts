import { InvalidInput } from '../shared/domain-error';

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
}

export const ACCESS_TOKEN_LIFETIME_SECONDS = { min: 300, max: 24 * 3600 } as const;
export const CLIENT_SECRET_MAX_AGE_DAYS = { min: 1, max: 730 } as const;
export const API_TOKEN_MAX_AGE_DAYS = { min: 1, max: 365 } as const;

export const DEFAULT_ORGANIZATION_POLICY: OrganizationPolicy = {
  maxAccessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS.max,
  clientSecretMaxAgeDays: null,
  apiTokenMaxAgeDays: null,
};

export function requirePolicy(policy: OrganizationPolicy): OrganizationPolicy {
  inRange('maxAccessTokenLifetimeSeconds', policy.maxAccessTokenLifetimeSeconds, ACCESS_TOKEN_LIFETIME_SECONDS, 'seconds');
  if (policy.clientSecretMaxAgeDays !== null) inRange('clientSecretMaxAgeDays', policy.clientSecretMaxAgeDays, CLIENT_SECRET_MAX_AGE_DAYS, 'days');
  if (policy.apiTokenMaxAgeDays !== null) inRange('apiTokenMaxAgeDays', policy.apiTokenMaxAgeDays, API_TOKEN_MAX_AGE_DAYS, 'days');
  return policy;
}

function inRange(field: string, value: number, range: { readonly min: number; readonly max: number }, unit: string): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) throw new InvalidInput(field, `must be a whole number of ${unit} from ${range.min} to ${range.max}`);
}
