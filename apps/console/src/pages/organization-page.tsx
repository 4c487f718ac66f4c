import { adminApi } from '../api/console-api';
import type { Organization, OrganizationPolicy } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { formatTime } from '../components/format';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';

const limit = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? 'No limit' : `${value} ${unit}`);

export function OrganizationPage() {
  const org = useApiData(() => adminApi.get<Organization>('/organization'), []);
  const policy = useApiData(() => adminApi.get<OrganizationPolicy>('/organization/policy'), []);
  return (
    <>
      <PageHeading title="Organization">Organization</PageHeading>
      <ErrorMessage error={org.error ?? policy.error} />
      {org.data && (
        <section aria-labelledby="org-plan">
          <h2 id="org-plan">{org.data.name}</h2>
          <dl className="facts">
            <dt>Organization ID</dt>
            <dd className="mono">{org.data.id}</dd>
            <dt>Plan</dt>
            <dd>{org.data.plan}</dd>
            <dt>Quota used</dt>
            <dd>
              <meter min={0} max={org.data.quota} value={org.data.used} aria-label="Service accounts used" /> {org.data.used} of{' '}
              {org.data.quota} service accounts
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(org.data.createdAt)}</dd>
          </dl>
        </section>
      )}
      {policy.data && (
        <section aria-labelledby="org-policy">
          <h2 id="org-policy">Policy</h2>
          <dl className="facts">
            <dt>Token lifetime cap</dt>
            <dd>{limit(policy.data.maxAccessTokenLifetimeSeconds, 'seconds')}</dd>
            <dt>Maximum client secret age</dt>
            <dd>{limit(policy.data.clientSecretMaxAgeDays, 'days')}</dd>
            <dt>Maximum API token age</dt>
            <dd>{limit(policy.data.apiTokenMaxAgeDays, 'days')}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
