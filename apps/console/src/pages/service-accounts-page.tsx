import { Button, Link } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { adminApi } from '../api/console-api';
import type { ServiceAccountListItem } from '../api/types';
import { ErrorMessage } from '../components/error-message';
import { formatTime } from '../components/format';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';

export function ServiceAccountsPage() {
  const navigate = useNavigate();
  const { data, error } = useApiData(() => adminApi.get<{ items: ServiceAccountListItem[] }>('/service-accounts'), []);
  return (
    <>
      <div className="page-head">
        <PageHeading title="Service accounts">Service accounts</PageHeading>
        <Button className="button primary" onPress={() => navigate('/service-accounts/new')}>
          Create service account
        </Button>
      </div>
      <p className="lead">One service account per integration, each with its own credentials and scopes.</p>
      <ErrorMessage error={error} />
      {data && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Service accounts of this organization</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Credentials</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>No service accounts yet.</td>
                </tr>
              )}
              {data.items.map((account) => (
                <tr key={account.id}>
                  <th scope="row">
                    <Link href={`/service-accounts/${account.id}`}>{account.name}</Link>
                    {account.description && <div className="muted">{account.description}</div>}
                  </th>
                  <td>
                    <StatusBadge status={account.status} />
                  </td>
                  <td>{account.activeCredentials}</td>
                  <td>{formatTime(account.lastUsedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const label = status.charAt(0).toUpperCase() + status.slice(1);
  return <span className={`badge badge-${status}`}>{label}</span>;
}
