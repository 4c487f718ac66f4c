import { Button } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import { adminApi } from '../api/console-api';
import type { Scope, ServiceAccountDetails } from '../api/types';
import { ConfirmAction } from '../components/confirm-dialog';
import { ErrorMessage } from '../components/error-message';
import { formatTime } from '../components/format';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';
import { StatusBadge } from '../pages/service-accounts-page';
import { CredentialCard } from './credential-card';
import { useState } from 'react';

export function ServiceAccountPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const account = useApiData(() => adminApi.get<ServiceAccountDetails>(`/service-accounts/${id}`), [id]);
  const catalog = useApiData(() => adminApi.get<{ items: Scope[] }>('/scopes'), []);
  const [error, setError] = useState<unknown>();
  const data = account.data;
  if (!data) return <ErrorMessage error={account.error} />;
  const live = data.credentials.filter((credential) => !credential.revokedAt && !credential.expiredAt);
  const gone = data.credentials.filter((credential) => credential.revokedAt || credential.expiredAt);
  return (
    <>
      <div className="page-head">
        <PageHeading title={data.name}>{data.name}</PageHeading>
        <StatusBadge status={data.status} />
      </div>
      {data.description && <p className="lead">{data.description}</p>}
      <dl className="facts">
        <dt>Service account ID</dt>
        <dd className="mono">{data.id}</dd>
        {data.owner && (
          <>
            <dt>Owner</dt>
            <dd>{data.owner}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatTime(data.createdAt)}</dd>
      </dl>
      <div className="actions">
        {data.status === 'active' ? (
          <ConfirmAction
            label="Suspend"
            title={`Suspend ${data.name}?`}
            onConfirm={() => adminApi.post(`/service-accounts/${id}/suspend`).then(account.reload)}
          >
            <p>
              None of its credentials can get a token while it is suspended, and its access tokens stop working at once. You can reactivate
              it later.
            </p>
          </ConfirmAction>
        ) : (
          <Button className="button" onPress={() => adminApi.post(`/service-accounts/${id}/reactivate`).then(account.reload, setError)}>
            Reactivate
          </Button>
        )}
        <ConfirmAction
          label="Delete"
          title={`Delete ${data.name}?`}
          onConfirm={async () => {
            await adminApi.delete(`/service-accounts/${id}`);
            navigate('/service-accounts');
          }}
        >
          <p>The service account and all its credentials stop working for good. Its audit trail stays. This cannot be undone.</p>
        </ConfirmAction>
      </div>
      <ErrorMessage error={error} />
      <h2>Credentials</h2>
      {live.length === 0 && <p>No working credential.</p>}
      {live.map((credential) => (
        <CredentialCard
          key={credential.id}
          accountId={id}
          credential={credential}
          catalog={catalog.data?.items ?? []}
          onChanged={account.reload}
        />
      ))}
      {gone.length > 0 && (
        <details>
          <summary>Revoked and expired credentials ({gone.length})</summary>
          {gone.map((credential) => (
            <CredentialCard key={credential.id} accountId={id} credential={credential} catalog={[]} onChanged={account.reload} />
          ))}
        </details>
      )}
    </>
  );
}
