import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { organizationDecider } from './organization.decide';
import {
  OrganizationAlreadyExists,
  OrganizationNotFound,
  PlanBelowUsage,
  ScopeAlreadyDefined,
  ServiceAccountNameTaken,
  ServiceAccountQuotaExceeded,
} from './organization.errors';
import type { OrganizationEvent } from './organization.events';

const spec = deciderSpec(organizationDecider);
const organizationId = 'org-1';
const now = new Date('2026-11-28T10:00:00Z');
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { organizationId, name: 'Acme', plan: 'free', createdAt: now.toISOString() },
};
const reserved = (n: number): OrganizationEvent => ({
  type: 'ServiceAccountSlotReserved',
  data: { organizationId, serviceAccountId: `sa-${n}`, name: `bot ${n}` },
});

describe('organization decider', () => {
  it('creates an organization with a trimmed name', () =>
    spec.given([]).when({ type: 'CreateOrganization', organizationId, name: ' Acme ', plan: 'free', now }).then([created]));

  it('refuses to create twice', () =>
    spec
      .given([created])
      .when({ type: 'CreateOrganization', organizationId, name: 'Acme', plan: 'free', now })
      .thenThrows(OrganizationAlreadyExists));

  it('refuses commands on an organization that does not exist', () =>
    spec.given([]).when({ type: 'ChangePlan', plan: 'standard' }).thenThrows(OrganizationNotFound));

  it('reserves a slot for a new service account', () =>
    spec
      .given([created])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-1', name: 'bot 1' })
      .then([reserved(1)]));

  it('allows exactly the free quota of 5, and refuses the sixth with the numbers', () => {
    const five = [created, ...[1, 2, 3, 4, 5].map(reserved)];
    spec
      .given(five)
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-6', name: 'bot 6' })
      .thenThrows(ServiceAccountQuotaExceeded, /free plan allows 5/);
    spec
      .given(five.slice(0, 5))
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-5', name: 'bot 5' })
      .then([reserved(5)]);
  });

  it('frees a slot when an account is released', () => {
    const five = [created, ...[1, 2, 3, 4, 5].map(reserved)];
    const released: OrganizationEvent = { type: 'ServiceAccountSlotReleased', data: { organizationId, serviceAccountId: 'sa-2' } };
    spec
      .given([...five, released])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-6', name: 'bot 6' })
      .then([reserved(6)]);
  });

  it('raises the quota with the plan', () => {
    const upgraded: OrganizationEvent = {
      type: 'OrganizationPlanChanged',
      data: { organizationId, plan: 'standard', previousPlan: 'free' },
    };
    spec
      .given([created, ...[1, 2, 3, 4, 5].map(reserved), upgraded])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-6', name: 'bot 6' })
      .then([reserved(6)]);
  });

  it('refuses a downgrade below the accounts in use', () => {
    const enterprise: OrganizationEvent = { ...created, data: { ...created.data, plan: 'standard' } } as OrganizationEvent;
    spec
      .given([enterprise, ...[1, 2, 3, 4, 5, 6].map(reserved)])
      .when({ type: 'ChangePlan', plan: 'free' })
      .thenThrows(PlanBelowUsage);
  });

  it('keeps service account names unique, ignoring case and spaces', () =>
    spec
      .given([created, reserved(1)])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-9', name: ' BOT 1 ' })
      .thenThrows(ServiceAccountNameTaken));

  it('lets an account keep its own name on rename, and refuses another account name', () => {
    spec
      .given([created, reserved(1), reserved(2)])
      .when({ type: 'RenameServiceAccountSlot', serviceAccountId: 'sa-1', name: 'bot 1' })
      .then([]);
    spec
      .given([created, reserved(1), reserved(2)])
      .when({ type: 'RenameServiceAccountSlot', serviceAccountId: 'sa-1', name: 'bot 2' })
      .thenThrows(ServiceAccountNameTaken);
  });

  it('refuses empty and overlong names', () => {
    spec
      .given([created])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-1', name: '   ' })
      .thenThrows(InvalidInput, /name: must not be empty/);
    spec
      .given([created])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-1', name: 'x'.repeat(101) })
      .thenThrows(InvalidInput, /at most 100/);
  });

  it('defines a scope once, with a valid name', () => {
    spec
      .given([created])
      .when({ type: 'DefineScope', name: 'read:reports', description: 'Read reports' })
      .then([{ type: 'ScopeDefined', data: { organizationId, name: 'read:reports', description: 'Read reports' } }]);
    spec.given([created]).when({ type: 'DefineScope', name: 'manage:service-accounts', description: 'x' }).thenThrows(ScopeAlreadyDefined);
    spec.given([created]).when({ type: 'DefineScope', name: 'Read Reports', description: 'x' }).thenThrows(InvalidInput, /name/);
  });
});
