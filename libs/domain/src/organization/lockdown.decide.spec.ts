import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from '../service-account/service-account.decide';
import type { ServiceAccountEvent } from '../service-account/service-account.events';
import { organizationDecider } from './organization.decide';
import { NoActiveLockdown } from './organization.errors';
import type { OrganizationEvent } from './organization.events';

const organizations = deciderSpec(organizationDecider);
const accounts = deciderSpec(serviceAccountDecider);
const organizationId = 'org-1';
const now = new Date('2026-11-28T10:00:00Z');
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { organizationId, name: 'Acme', plan: 'free', createdAt: now.toISOString() },
};
const start = {
  type: 'StartLockdown',
  lockdownId: 'ld-1',
  reason: 'leaked key',
  serviceAccountIds: ['sa-1', 'sa-2'],
  exemptServiceAccountIds: ['sa-admin'],
  now,
} as const;
const started: OrganizationEvent = {
  type: 'OrganizationLockdownStarted',
  data: {
    organizationId,
    lockdownId: 'ld-1',
    reason: 'leaked key',
    serviceAccountIds: ['sa-1', 'sa-2'],
    exemptServiceAccountIds: ['sa-admin'],
    startedAt: now.toISOString(),
  },
};
const lifted: OrganizationEvent = {
  type: 'OrganizationLockdownLifted',
  data: { organizationId, lockdownId: 'ld-1', serviceAccountIds: ['sa-1', 'sa-2'], liftedAt: now.toISOString() },
};

describe('organization lockdown', () => {
  it('records one lockdown with its reason, the accounts it suspends and those it exempts', () =>
    organizations.given([created]).when(start).then([started]));

  it('needs a reason', () =>
    organizations
      .given([created])
      .when({ ...start, reason: '  ' })
      .thenThrows(InvalidInput, /reason/));

  it('starts no second lockdown while one is active (the handler finishes the recorded one)', () =>
    organizations
      .given([created, started])
      .when({ ...start, lockdownId: 'ld-2' })
      .then([]));

  it('lifts the active lockdown with the accounts it suspended, and refuses a lift without one', () => {
    organizations.given([created, started]).when({ type: 'LiftLockdown', now }).then([lifted]);
    organizations.given([created]).when({ type: 'LiftLockdown', now }).thenThrows(NoActiveLockdown);
    organizations.given([created, started, lifted]).when({ type: 'LiftLockdown', now }).thenThrows(NoActiveLockdown);
  });

  describe('on an account', () => {
    const ref = { organizationId, serviceAccountId: 'sa-1' };
    const account: ServiceAccountEvent = {
      type: 'ServiceAccountCreated',
      data: { ...ref, name: 'bot', description: '', createdAt: now.toISOString() },
    };
    const byLockdown: ServiceAccountEvent = {
      type: 'ServiceAccountSuspended',
      data: { ...ref, reason: 'leaked key', lockdownId: 'ld-1', suspendedAt: now.toISOString() },
    };
    const byHand: ServiceAccountEvent = {
      type: 'ServiceAccountSuspended',
      data: { ...ref, reason: 'under review', suspendedAt: now.toISOString() },
    };
    const reactivatedByHand: ServiceAccountEvent = {
      type: 'ServiceAccountReactivated',
      data: { ...ref, reactivatedAt: now.toISOString() },
    };

    it('marks the suspension with the lockdown', () =>
      accounts.given([account]).when({ type: 'SuspendServiceAccount', reason: 'leaked key', lockdownId: 'ld-1', now }).then([byLockdown]));

    it('the lift reactivates only a suspension that is still the lockdown’s', () => {
      accounts
        .given([account, byLockdown])
        .when({ type: 'ReactivateServiceAccount', lockdownId: 'ld-1', now })
        .then([{ type: 'ServiceAccountReactivated', data: { ...ref, lockdownId: 'ld-1', reactivatedAt: now.toISOString() } }]);
      accounts.given([account, byHand]).when({ type: 'ReactivateServiceAccount', lockdownId: 'ld-1', now }).then([]);
      accounts
        .given([account, byLockdown, reactivatedByHand, byHand])
        .when({ type: 'ReactivateServiceAccount', lockdownId: 'ld-1', now })
        .then([]);
      accounts.given([account, byLockdown]).when({ type: 'ReactivateServiceAccount', lockdownId: 'ld-other', now }).then([]);
    });
  });
});
