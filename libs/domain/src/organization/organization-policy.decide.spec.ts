import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { organizationDecider } from './organization.decide';
import type { OrganizationEvent } from './organization.events';
import { DEFAULT_ORGANIZATION_POLICY } from './organization-policy';

const spec = deciderSpec(organizationDecider);
const organizationId = 'org-1';
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { organizationId, name: 'Acme', plan: 'free', createdAt: '2026-11-28T10:00:00.000Z' },
};

describe('organization policy', () => {
  it('caps token lifetimes and limits secret and API token ages, recording the previous policy', () =>
    spec
      .given([created])
      .when({ type: 'ChangeOrganizationPolicy', changes: { maxAccessTokenLifetimeSeconds: 3600, clientSecretMaxAgeDays: 90 } })
      .then([
        {
          type: 'OrganizationPolicyChanged',
          data: {
            organizationId,
            ...DEFAULT_ORGANIZATION_POLICY,
            maxAccessTokenLifetimeSeconds: 3600,
            clientSecretMaxAgeDays: 90,
            previous: DEFAULT_ORGANIZATION_POLICY,
          },
        },
      ]));

  it('records nothing when nothing changes, and lifts a limit with null', () => {
    spec
      .given([created])
      .when({ type: 'ChangeOrganizationPolicy', changes: { apiTokenMaxAgeDays: null } })
      .then([]);
    const limited: OrganizationEvent = {
      type: 'OrganizationPolicyChanged',
      data: { organizationId, ...DEFAULT_ORGANIZATION_POLICY, apiTokenMaxAgeDays: 30, previous: DEFAULT_ORGANIZATION_POLICY },
    };
    spec
      .given([created, limited])
      .when({ type: 'ChangeOrganizationPolicy', changes: { apiTokenMaxAgeDays: null } })
      .then([
        {
          type: 'OrganizationPolicyChanged',
          data: { organizationId, ...DEFAULT_ORGANIZATION_POLICY, previous: { ...DEFAULT_ORGANIZATION_POLICY, apiTokenMaxAgeDays: 30 } },
        },
      ]);
  });

  it('refuses values out of range, naming the field', () => {
    spec
      .given([created])
      .when({ type: 'ChangeOrganizationPolicy', changes: { maxAccessTokenLifetimeSeconds: 60 } })
      .thenThrows(InvalidInput, /maxAccessTokenLifetimeSeconds/);
    spec
      .given([created])
      .when({ type: 'ChangeOrganizationPolicy', changes: { clientSecretMaxAgeDays: 0 } })
      .thenThrows(InvalidInput, /clientSecretMaxAgeDays/);
    spec
      .given([created])
      .when({ type: 'ChangeOrganizationPolicy', changes: { apiTokenMaxAgeDays: 366 } })
      .thenThrows(InvalidInput, /apiTokenMaxAgeDays/);
  });
});
