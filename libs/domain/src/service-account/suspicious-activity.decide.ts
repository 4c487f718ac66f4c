import type { LiveAccount } from './credential.guards';
import type { ServiceAccountCommand } from './service-account.commands';
import type { ServiceAccountEvent } from './service-account.events';

/** Once per credential and reason per window: replicas detecting the same thing, or a burst that goes on, record it once. */
export const SUSPICIOUS_ACTIVITY_WINDOW_MS = 24 * 3600 * 1000;

export function decideSuspiciousActivity(
  command: Extract<ServiceAccountCommand, { type: 'RecordSuspiciousActivity' }>,
  state: LiveAccount,
): ServiceAccountEvent[] {
  const credential = state.credentials.get(command.credentialId);
  if (!credential) return [];
  const last = credential.suspiciousAt?.[command.reason];
  if (last !== undefined && command.now.getTime() - Date.parse(last) < SUSPICIOUS_ACTIVITY_WINDOW_MS) return [];
  const ref = { organizationId: state.organizationId, serviceAccountId: state.id, credentialId: credential.id };
  return [
    { type: 'SuspiciousTokenActivity', data: { ...ref, reason: command.reason, detectedAt: command.now.toISOString(), ...command.facts } },
  ];
}
