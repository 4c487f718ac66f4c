import { unreachable, type Decider } from '../shared/decider';
import { requireDescription, requireName } from '../shared/names';
import { decideCredential } from './credential.decide';
import { decideReminder } from './credential-reminder.decide';
import { decideSuspiciousActivity } from './suspicious-activity.decide';
import { requireOwner, requireTags } from '../naming/ownership.rules';
import type { ServiceAccountCommand } from './service-account.commands';
import { ServiceAccountAlreadyExists, ServiceAccountNotFound } from './service-account.errors';
import type { ServiceAccountEvent } from './service-account.events';
import {
  evolveServiceAccount,
  initialServiceAccountState,
  startServiceAccountFold,
  type ServiceAccountState,
} from './service-account.state';

/** The account's own lifecycle here; its credentials are decided in credential.decide.ts. */
export function decideServiceAccount(command: ServiceAccountCommand, state: ServiceAccountState): ServiceAccountEvent[] {
  if (command.type === 'CreateServiceAccount') {
    if (state.status !== 'absent') throw new ServiceAccountAlreadyExists();
    const name = requireName('name', command.name);
    const description = requireDescription('description', command.description);
    const owner = requireOwner(command.owner, command.policy);
    const tags = requireTags(command.tags);
    const { serviceAccountId, organizationId } = command;
    return [
      {
        type: 'ServiceAccountCreated',
        data: {
          serviceAccountId,
          organizationId,
          name,
          description,
          ...(owner !== null ? { owner } : {}),
          ...(tags.length > 0 ? { tags } : {}),
          createdAt: command.now.toISOString(),
        },
      },
    ];
  }
  // A deleted account is gone for every purpose: its id answers like an unknown one.
  if (state.status === 'absent' || state.status === 'deleted') throw new ServiceAccountNotFound();
  const ref = { organizationId: state.organizationId, serviceAccountId: state.id };

  switch (command.type) {
    case 'ChangeServiceAccountDetails': {
      const events: ServiceAccountEvent[] = [];
      if (command.name !== undefined) {
        const name = requireName('name', command.name);
        if (name !== state.name) events.push({ type: 'ServiceAccountRenamed', data: { ...ref, name, previousName: state.name } });
      }
      if (command.description !== undefined) {
        const description = requireDescription('description', command.description);
        if (description !== state.description) events.push({ type: 'ServiceAccountDescriptionChanged', data: { ...ref, description } });
      }
      if (command.owner !== undefined || command.tags !== undefined) {
        const owner = command.owner !== undefined ? requireOwner(command.owner, command.policy) : state.owner;
        const tags = command.tags !== undefined ? requireTags(command.tags) : state.tags;
        if (owner !== state.owner || tags.join(' ') !== state.tags.join(' ')) {
          events.push({
            type: 'ServiceAccountOwnershipChanged',
            data: { ...ref, owner, tags, previousOwner: state.owner, previousTags: state.tags },
          });
        }
      }
      return events;
    }
    case 'SuspendServiceAccount': {
      if (state.status === 'suspended') return [];
      const lockdown = command.lockdownId !== undefined ? { lockdownId: command.lockdownId } : {};
      return [
        {
          type: 'ServiceAccountSuspended',
          data: { ...ref, reason: requireDescription('reason', command.reason), ...lockdown, suspendedAt: command.now.toISOString() },
        },
      ];
    }
    case 'ReactivateServiceAccount': {
      if (state.status === 'active') return [];
      // Lifting a lockdown leaves alone an account suspended for another reason since.
      if (command.lockdownId !== undefined && state.suspendedByLockdown !== command.lockdownId) return [];
      const lockdown = command.lockdownId !== undefined ? { lockdownId: command.lockdownId } : {};
      return [{ type: 'ServiceAccountReactivated', data: { ...ref, ...lockdown, reactivatedAt: command.now.toISOString() } }];
    }
    case 'DeleteServiceAccount':
      return [{ type: 'ServiceAccountDeleted', data: { ...ref, deletedAt: command.now.toISOString() } }];
    case 'CreateOAuthClient':
    case 'CreateApiToken':
    case 'ChangeCredential':
    case 'RotateClientSecret':
    case 'RevokeCredential':
    case 'AddClientPublicKey':
    case 'RemoveClientPublicKey':
    case 'ExpireCredential':
      return decideCredential(command, state);
    case 'RemindCredential':
      return decideReminder(command, state);
    case 'RecordSuspiciousActivity':
      return decideSuspiciousActivity(command, state);
    default:
      return unreachable(command);
  }
}
export const serviceAccountDecider: Decider<ServiceAccountCommand, ServiceAccountEvent, ServiceAccountState> = {
  initialState: initialServiceAccountState,
  decide: decideServiceAccount,
  evolve: evolveServiceAccount,
  startFold: startServiceAccountFold,
};
