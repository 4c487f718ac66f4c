import type { ServiceAccountCommand } from './service-account.commands';
import type { ServiceAccountEvent } from './service-account.events';
import { CredentialNotFound } from './service-account.errors';
import { isCredentialActive } from './credential.state';
import { credentialExpiry, expiryFactsOf } from './credential-expiry';
import type { LiveAccount } from './credential.guards';

const DAY_MS = 24 * 3600 * 1000;

/**
 * A reminder once per threshold: the tightest of the policy's reminderDays the credential has crossed
 * (a sweep that comes late skips the wider ones rather than sending three at once). A rotation or a
 * new policy moves the instant it counts to, and the reminders start again for the new one.
 */
export function decideReminder(
  command: Extract<ServiceAccountCommand, { type: 'RemindCredential' }>,
  state: LiveAccount,
): ServiceAccountEvent[] {
  const credential = state.credentials.get(command.credentialId);
  if (!credential) throw new CredentialNotFound();
  if (!isCredentialActive(credential)) return [];
  const expiry = credentialExpiry(expiryFactsOf(credential), command.policy);
  const now = command.now.getTime();
  if (!expiry || expiry.atMs <= now) return [];
  const daysLeft = (expiry.atMs - now) / DAY_MS;
  const crossed = command.policy.reminderDays.filter((days) => daysLeft <= days);
  if (crossed.length === 0) return [];
  const thresholdDays = Math.min(...crossed);
  const dueAt = new Date(expiry.atMs).toISOString();
  const last = credential.lastReminder;
  if (last && last.dueAt === dueAt && last.thresholdDays <= thresholdDays) return [];
  const ref = { organizationId: state.organizationId, serviceAccountId: state.id, credentialId: credential.id };
  const remindedAt = command.now.toISOString();
  if (expiry.reason === 'client_secret_max_age')
    return [{ type: 'CredentialRotationDue', data: { ...ref, thresholdDays, dueAt, remindedAt } }];
  return [{ type: 'CredentialExpiringSoon', data: { ...ref, thresholdDays, expiresAt: dueAt, reason: expiry.reason, remindedAt } }];
}
