import type { Plan } from '../shared/plans';
import type { OrganizationPolicy } from './organization-policy';

export type OrganizationCommand =
  | { readonly type: 'CreateOrganization'; readonly organizationId: string; readonly name: string; readonly plan: Plan; readonly now: Date }
  | { readonly type: 'ChangePlan'; readonly plan: Plan }
  | { readonly type: 'DefineScope'; readonly name: string; readonly description: string }
  | { readonly type: 'ReserveServiceAccountSlot'; readonly serviceAccountId: string; readonly name: string }
  | { readonly type: 'RenameServiceAccountSlot'; readonly serviceAccountId: string; readonly name: string }
  | { readonly type: 'ReleaseServiceAccountSlot'; readonly serviceAccountId: string }
  | { readonly type: 'ChangeOrganizationPolicy'; readonly changes: Partial<OrganizationPolicy> }
  /** Break glass: records which accounts the lockdown suspends (the handler then suspends each). */
  | {
      readonly type: 'StartLockdown';
      readonly lockdownId: string;
      readonly reason: string;
      readonly serviceAccountIds: readonly string[];
      readonly exemptServiceAccountIds: readonly string[];
      readonly now: Date;
    }
  | { readonly type: 'LiftLockdown'; readonly now: Date };
