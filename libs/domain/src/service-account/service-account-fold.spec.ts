import { serviceAccountDecider } from './service-account.decide';
import type { ServiceAccountEvent } from './service-account.events';

const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const at = '2026-12-01T10:00:00.000Z';
const created: ServiceAccountEvent = { type: 'ServiceAccountCreated', data: { ...ref, name: 'bot', description: '', createdAt: at } };
const token = (i: number): ServiceAccountEvent => ({
  type: 'ApiTokenCreated',
  data: { ...ref, credentialId: `cr-${i}`, name: `t${i}`, tokenDigest: `d${i}`, scopes: ['read'], createdAt: at, expiresAt: at },
});
const history: ServiceAccountEvent[] = [
  created,
  token(1),
  token(2),
  { type: 'CredentialRenamed', data: { ...ref, credentialId: 'cr-1', name: 'renamed' } },
  { type: 'CredentialRevoked', data: { ...ref, credentialId: 'cr-2', revokedAt: at } },
  { type: 'ServiceAccountSuspended', data: { ...ref, reason: 'r', suspendedAt: at } },
  token(3),
];
const fold = (events: readonly ServiceAccountEvent[]) =>
  events.reduce(serviceAccountDecider.startFold!(), serviceAccountDecider.initialState);

describe('service account stream: linear fold', () => {
  it('folds to the same state as evolving event by event', () =>
    expect(fold(history)).toEqual(history.reduce(serviceAccountDecider.evolve, serviceAccountDecider.initialState)));

  it('never changes a state it did not make: a state handed out before stays as it was', () => {
    const before = fold(history.slice(0, 2));
    const after = history.slice(2).reduce(serviceAccountDecider.startFold!(), before);
    expect(before.status !== 'absent' && [...before.credentials.keys()]).toEqual(['cr-1']);
    expect(after.status !== 'absent' && [...after.credentials.keys()]).toEqual(['cr-1', 'cr-2', 'cr-3']);
  });

  it('copies the credentials map once per fold, then updates it in place (evolve copies it per event)', () => {
    const step = serviceAccountDecider.startFold!();
    const first = step(step(serviceAccountDecider.initialState, created), token(1));
    const second = step(first, token(2));
    const credentialsOf = (state: typeof first) => (state.status === 'absent' ? undefined : state.credentials);
    expect(credentialsOf(second)).toBe(credentialsOf(first));
    expect(credentialsOf(serviceAccountDecider.evolve(first, token(3)))).not.toBe(credentialsOf(first));
  });
});
