import type { Plan } from '../shared/plans';
import type { OrganizationPolicy } from './organization-policy';

/** Stream `organization-{organizationId}`. Slot events keep the quota and name uniqueness consistent under concurrency. */
export type OrganizationEvent =
  | {
      readonly type: 'OrganizationCreated';
      readonly data: { readonly organizationId: string; readonly name: string; readonly plan: Plan; readonly createdAt: string };
    }
  | {
      readonly type: 'OrganizationPlanChanged';
      readonly data: { readonly organizationId: string; readonly plan: Plan; readonly previousPlan: Plan };
    }
  | {
      readonly type: 'ScopeDefined';
      readonly data: { readonly organizationId: string; readonly name: string; readonly description: string };
    }
  | {
      readonly type: 'ServiceAccountSlotReserved';
      readonly data: { readonly organizationId: string; readonly serviceAccountId: string; readonly name: string };
    }
  | {
      readonly type: 'ServiceAccountSlotRenamed';
      readonly data: { readonly organizationId: string; readonly serviceAccountId: string; readonly name: string };
    }
  | { readonly type: 'ServiceAccountSlotReleased'; readonly data: { readonly organizationId: string; readonly serviceAccountId: string } }
  | {
      readonly type: 'OrganizationPolicyChanged';
      readonly data: { readonly organizationId: string } & OrganizationPolicy & { readonly previous: OrganizationPolicy };
    }
  | {
      readonly type: 'OrganizationLockdownStarted';
      readonly data: {
        readonly organizationId: string;
        readonly lockdownId: string;
        readonly reason: string;
        /** The accounts it suspends: those active when it started, but the exempt ones (the caller's). */
        readonly serviceAccountIds: readonly string[];
        readonly exemptServiceAccountIds: readonly string[];
        readonly startedAt: string;
      };
    }
  | {
      readonly type: 'OrganizationLockdownLifted';
      readonly data: {
        readonly organizationId: string;
        readonly lockdownId: string;
        readonly serviceAccountIds: readonly string[];
        readonly liftedAt: string;
      };
    }
  /** Recorded for the audit trail only; it changes no state. */
  | {
      readonly type: 'ServiceAccountQuotaRefused';
      readonly data: { readonly organizationId: string; readonly plan: Plan; readonly quota: number; readonly used: number };
    };

export const ORGANIZATION_EVENT_TYPES: readonly OrganizationEvent['type'][] = [
  'OrganizationCreated',
  'OrganizationPlanChanged',
  'ScopeDefined',
  'ServiceAccountSlotReserved',
  'ServiceAccountSlotRenamed',
  'ServiceAccountSlotReleased',
  'ServiceAccountQuotaRefused',
  'OrganizationPolicyChanged',
  'OrganizationLockdownStarted',
  'OrganizationLockdownLifted',
];

export const organizationStream = (organizationId: string): string => `organization-${organizationId}`;
