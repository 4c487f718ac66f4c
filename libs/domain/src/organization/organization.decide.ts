import { unreachable, type Decider } from '../shared/decider';
import { InvalidInput } from '../shared/domain-error';
import { requireDescription, requireName } from '../shared/names';
import { SERVICE_ACCOUNT_QUOTA } from '../shared/plans';
import { BUILT_IN_SCOPES, isValidScopeName } from '../shared/scopes';
import type { OrganizationCommand } from './organization.commands';
import {
  OrganizationAlreadyExists,
  OrganizationNotFound,
  PlanBelowUsage,
  NoActiveLockdown,
  ScopeAlreadyDefined,
  ScopeLimitReached,
  ServiceAccountNameTaken,
  ServiceAccountQuotaExceeded,
} from './organization.errors';
import type { OrganizationEvent } from './organization.events';
import { requirePolicy, samePolicy } from './organization-policy';
import { requireNameFollows } from '../naming/naming-pattern';
import { evolveOrganization, initialOrganizationState, startOrganizationFold, type OrganizationState } from './organization.state';

/**
 * What one organization can accumulate is capped, so loading its stream stays cheap: scopes here;
 * credentials per account (MAX_ACTIVE_CREDENTIALS) and keys per client (MAX_CLIENT_PUBLIC_KEYS) in theirs.
 */
export const MAX_SCOPES_PER_ORGANIZATION = 500;
const BUILT_IN_SCOPE_COUNT = Object.keys(BUILT_IN_SCOPES).length;

type ActiveOrganization = Extract<OrganizationState, { status: 'active' }>;

export function decideOrganization(command: OrganizationCommand, state: OrganizationState): OrganizationEvent[] {
  if (command.type === 'CreateOrganization') {
    if (state.status !== 'absent') throw new OrganizationAlreadyExists();
    const name = requireName('name', command.name);
    return [
      {
        type: 'OrganizationCreated',
        data: { organizationId: command.organizationId, name, plan: command.plan, createdAt: command.now.toISOString() },
      },
    ];
  }
  if (state.status === 'absent') throw new OrganizationNotFound();
  const organizationId = state.id;
  switch (command.type) {
    case 'ChangePlan': {
      if (command.plan === state.plan) return [];
      const quota = SERVICE_ACCOUNT_QUOTA[command.plan];
      if (state.accounts.size > quota) throw new PlanBelowUsage({ plan: command.plan, quota, used: state.accounts.size });
      return [{ type: 'OrganizationPlanChanged', data: { organizationId, plan: command.plan, previousPlan: state.plan } }];
    }
    case 'DefineScope': {
      if (!isValidScopeName(command.name))
        throw new InvalidInput('name', 'must look like "action:resource" (lowercase letters, digits, "_.-*", at most 100 characters)');
      if (state.scopes.has(command.name)) throw new ScopeAlreadyDefined(command.name);
      if (state.scopes.size - BUILT_IN_SCOPE_COUNT >= MAX_SCOPES_PER_ORGANIZATION) throw new ScopeLimitReached(MAX_SCOPES_PER_ORGANIZATION);
      const description = requireDescription('description', command.description);
      return [{ type: 'ScopeDefined', data: { organizationId, name: command.name, description } }];
    }
    case 'ReserveServiceAccountSlot': {
      const name = requireUniqueName(state, command.name, command.serviceAccountId);
      const quota = SERVICE_ACCOUNT_QUOTA[state.plan];
      if (state.accounts.size >= quota) throw new ServiceAccountQuotaExceeded({ plan: state.plan, quota, used: state.accounts.size });
      return [{ type: 'ServiceAccountSlotReserved', data: { organizationId, serviceAccountId: command.serviceAccountId, name } }];
    }
    case 'RenameServiceAccountSlot': {
      const name = requireUniqueName(state, command.name, command.serviceAccountId);
      if (state.accounts.get(command.serviceAccountId) === name) return [];
      return [{ type: 'ServiceAccountSlotRenamed', data: { organizationId, serviceAccountId: command.serviceAccountId, name } }];
    }
    case 'ReleaseServiceAccountSlot':
      if (!state.accounts.has(command.serviceAccountId)) return [];
      return [{ type: 'ServiceAccountSlotReleased', data: { organizationId, serviceAccountId: command.serviceAccountId } }];
    case 'ChangeOrganizationPolicy': {
      const policy = requirePolicy({ ...state.policy, ...definedOnly(command.changes) });
      const previous = state.policy;
      if (samePolicy(policy, previous)) return [];
      return [{ type: 'OrganizationPolicyChanged', data: { organizationId, ...policy, previous } }];
    }
    case 'StartLockdown': {
      // Started already (a retry after a crash half-way): the handler finishes the recorded one.
      if (state.lockdown?.status === 'active') return [];
      const reason = requireDescription('reason', command.reason).trim();
      if (reason.length === 0) throw new InvalidInput('reason', 'must say why the organization is locked down');
      const { lockdownId, serviceAccountIds, exemptServiceAccountIds } = command;
      return [
        {
          type: 'OrganizationLockdownStarted',
          data: { organizationId, lockdownId, reason, serviceAccountIds, exemptServiceAccountIds, startedAt: command.now.toISOString() },
        },
      ];
    }
    case 'LiftLockdown': {
      if (state.lockdown?.status !== 'active') throw new NoActiveLockdown();
      const { id: lockdownId, serviceAccountIds } = state.lockdown;
      return [
        {
          type: 'OrganizationLockdownLifted',
          data: { organizationId, lockdownId, serviceAccountIds, liftedAt: command.now.toISOString() },
        },
      ];
    }
    default:
      return unreachable(command);
  }
}

function requireUniqueName(state: ActiveOrganization, rawName: string, serviceAccountId: string): string {
  const name = requireName('name', rawName);
  requireNameFollows('name', name, state.policy.accountNamePattern);
  for (const [id, existing] of state.accounts) {
    if (id !== serviceAccountId && existing.toLowerCase() === name.toLowerCase()) throw new ServiceAccountNameTaken(name);
  }
  return name;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export const organizationDecider: Decider<OrganizationCommand, OrganizationEvent, OrganizationState> = {
  initialState: initialOrganizationState,
  decide: decideOrganization,
  evolve: evolveOrganization,
  startFold: startOrganizationFold,
};
