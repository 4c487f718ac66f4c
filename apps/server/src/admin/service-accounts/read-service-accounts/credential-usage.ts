import type { CredentialSummary } from '@keyward/projections';

/** What a list of accounts shows of their credentials: how many still work, and when one was last used. */
export function credentialUsage(credentials: readonly CredentialSummary[]): { activeCredentials: number; lastUsedAt: string | null } {
  const active = credentials.filter((credential) => credential.revokedAt === null && credential.expiredAt === null).length;
  // ISO-8601 UTC timestamps order as strings.
  const lastUsedAt = credentials.reduce<string | null>(
    (latest, { lastUsedAt: used }) => (used !== null && (latest === null || used > latest) ? used : latest),
    null,
  );
  return { activeCredentials: active, lastUsedAt };
}
