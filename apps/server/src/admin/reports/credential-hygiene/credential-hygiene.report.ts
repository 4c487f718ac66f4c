import { followsNamingPattern, type OrganizationPolicy } from '@keyward/domain';
import type { CredentialSummary, ServiceAccountDetails, UsageSummary } from '@keyward/projections';

const DAY_MS = 24 * 3600 * 1000;
/** More source networks, or more user agents, than one integration shows: likely several share it. */
export const SHARED_USE = { networks: 5, userAgents: 3 } as const;

export type HygieneFindingCode =
  | 'never_used'
  | 'unused_for_days'
  | 'unused_scopes'
  | 'rotation_overdue'
  | 'rotation_due_soon'
  | 'expiring_soon'
  | 'shared_use'
  | 'name_breaks_convention';

export interface HygieneFinding {
  readonly code: HygieneFindingCode | 'no_owner';
  readonly message: string;
}

export interface CredentialHygiene {
  readonly serviceAccountId: string;
  readonly credentialId: string;
  readonly name: string;
  readonly type: CredentialSummary['type'];
  readonly grantedScopes: readonly string[];
  readonly usedScopes: readonly string[];
  readonly unusedScopes: readonly string[];
  readonly lastUsedAt: string | null;
  readonly secretAgeDays: number | null;
  readonly rotationDueInDays: number | null;
  readonly expiresAt: string | null;
  readonly distinctSourceNetworks: number;
  readonly distinctUserAgents: number;
  readonly findings: readonly HygieneFinding[];
}

export interface AccountHygiene {
  readonly serviceAccountId: string;
  readonly name: string;
  readonly owner: string | null;
  readonly findings: readonly HygieneFinding[];
}

export interface HygieneInput {
  readonly accounts: readonly ServiceAccountDetails[];
  readonly policy: OrganizationPolicy;
  readonly usage: (credentialId: string) => UsageSummary;
  readonly now: Date;
  readonly windowDays: number;
}

const days = (ms: number) => Math.floor(ms / DAY_MS);
const live = (credential: CredentialSummary) => credential.revokedAt === null && credential.expiredAt === null;

/** The least-privilege report: granted against used, age against policy, one item per live credential. */
export function credentialHygiene({ accounts, policy, usage, now, windowDays }: HygieneInput): {
  credentials: CredentialHygiene[];
  accounts: AccountHygiene[];
} {
  const soonDays = Math.max(0, ...policy.reminderDays);
  const credentials: CredentialHygiene[] = [];
  for (const account of accounts) {
    for (const credential of account.credentials.filter(live)) {
      const used = usage(credential.id);
      const usedScopes = credential.scopes.filter((scope) => used.scopes.has(scope));
      const unusedScopes = credential.scopes.filter((scope) => !used.scopes.has(scope));
      const secretIssuedAt =
        credential.tokenEndpointAuthMethod === 'client_secret_basic'
          ? (credential.secretRotatedAt ?? credential.createdAt)
          : credential.type === 'api_token'
            ? credential.createdAt
            : null;
      const secretAgeDays = secretIssuedAt === null ? null : days(now.getTime() - Date.parse(secretIssuedAt));
      const rotationDueInDays =
        credential.tokenEndpointAuthMethod === 'client_secret_basic' && policy.clientSecretMaxAgeDays !== null && secretAgeDays !== null
          ? policy.clientSecretMaxAgeDays - secretAgeDays
          : null;
      const expiresAt = apiTokenExpiry(credential, policy);
      const findings: HygieneFinding[] = [];
      if (credential.lastUsedAt === null)
        findings.push({ code: 'never_used', message: 'no token was ever issued for it: revoke it if nothing needs it' });
      else if (used.tokens === 0)
        findings.push({ code: 'unused_for_days', message: `unused for ${days(now.getTime() - Date.parse(credential.lastUsedAt))} days` });
      if (used.tokens > 0 && unusedScopes.length > 0)
        findings.push({
          code: 'unused_scopes',
          message: `${unusedScopes.join(', ')} not used in ${windowDays} days: narrow it to what it uses`,
        });
      if (rotationDueInDays !== null && rotationDueInDays < 0)
        findings.push({
          code: 'rotation_overdue',
          message: `the secret is ${secretAgeDays} days old; the policy allows ${policy.clientSecretMaxAgeDays}`,
        });
      else if (rotationDueInDays !== null && rotationDueInDays <= soonDays)
        findings.push({ code: 'rotation_due_soon', message: `rotate the secret within ${rotationDueInDays} days` });
      if (expiresAt !== null && Date.parse(expiresAt) - now.getTime() <= soonDays * DAY_MS)
        findings.push({ code: 'expiring_soon', message: `it expires at ${expiresAt}` });
      if (used.networks.size > SHARED_USE.networks || used.userAgents.size > SHARED_USE.userAgents) {
        findings.push({
          code: 'shared_use',
          message: `used from ${used.networks.size} networks with ${used.userAgents.size} user agents: several integrations seem to share it; give each its own`,
        });
      }
      if (!followsNamingPattern(credential.name, policy.credentialNamePattern))
        findings.push({
          code: 'name_breaks_convention',
          message: `"${credential.name}" does not follow ${policy.credentialNamePattern!.description}`,
        });
      credentials.push({
        serviceAccountId: account.id,
        credentialId: credential.id,
        name: credential.name,
        type: credential.type,
        grantedScopes: credential.scopes,
        usedScopes,
        unusedScopes,
        lastUsedAt: credential.lastUsedAt,
        secretAgeDays,
        rotationDueInDays,
        expiresAt,
        distinctSourceNetworks: used.networks.size,
        distinctUserAgents: used.userAgents.size,
        findings,
      });
    }
  }
  return {
    credentials,
    accounts: accounts.map((account) => accountHygiene(account, policy)).filter((account) => account.findings.length > 0),
  };
}

function accountHygiene(account: ServiceAccountDetails, policy: OrganizationPolicy): AccountHygiene {
  const findings: HygieneFinding[] = [];
  if (account.owner === null) findings.push({ code: 'no_owner', message: 'no owner: name the team or contact that answers for it' });
  if (!followsNamingPattern(account.name, policy.accountNamePattern))
    findings.push({
      code: 'name_breaks_convention',
      message: `"${account.name}" does not follow ${policy.accountNamePattern!.description}`,
    });
  return { serviceAccountId: account.id, name: account.name, owner: account.owner, findings };
}

function apiTokenExpiry(credential: CredentialSummary, policy: OrganizationPolicy): string | null {
  if (credential.type !== 'api_token' || credential.expiresAt === null) return null;
  const own = Date.parse(credential.expiresAt);
  const maxAge = policy.apiTokenMaxAgeDays === null ? own : Date.parse(credential.createdAt) + policy.apiTokenMaxAgeDays * DAY_MS;
  return new Date(Math.min(own, maxAge)).toISOString();
}
