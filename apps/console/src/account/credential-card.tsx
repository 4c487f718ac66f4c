import type { CredentialSummary, Scope } from '../api/types';
import { adminApi } from '../api/console-api';
import { ConfirmAction } from '../components/confirm-dialog';
import { age, formatTime } from '../components/format';
import { EditScopes } from './edit-scopes';
import { RotateSecret } from './rotate-secret';

interface CredentialCardProps {
  readonly accountId: string;
  readonly credential: CredentialSummary;
  readonly catalog: readonly Scope[];
  readonly onChanged: () => Promise<void>;
}

/** One credential: what it is, how old its secret is, and what can be done with it. A region named after it. */
export function CredentialCard({ accountId, credential, catalog, onChanged }: CredentialCardProps) {
  const headingId = `credential-${credential.id}`;
  const live = !credential.revokedAt && !credential.expiredAt;
  const rotatable = live && credential.type === 'oauth_client' && credential.tokenEndpointAuthMethod === 'client_secret_basic';
  const previousStops =
    credential.previousSecretExpiresAt && Date.parse(credential.previousSecretExpiresAt) > Date.now()
      ? credential.previousSecretExpiresAt
      : null;
  const path = `/service-accounts/${accountId}/credentials/${credential.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{credential.name}</h3>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{credential.type === 'oauth_client' ? `OAuth 2.0 client (${credential.tokenEndpointAuthMethod})` : 'API token'}</dd>
        {credential.clientId && (
          <>
            <dt>Client ID</dt>
            <dd className="mono">{credential.clientId}</dd>
          </>
        )}
        <dt>Scopes</dt>
        <dd>{credential.scopes.join(', ') || 'None'}</dd>
        {credential.type === 'oauth_client' && (
          <>
            <dt>Audiences</dt>
            <dd>{credential.audiences.join(', ') || 'This server only'}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatTime(credential.createdAt)}</dd>
        <dt>Last used</dt>
        <dd>{formatTime(credential.lastUsedAt)}</dd>
        <dt>Expires</dt>
        <dd>{formatTime(credential.expiresAt, 'Does not expire')}</dd>
        <dt>Secret age</dt>
        <dd>
          {credential.tokenEndpointAuthMethod === 'private_key_jwt'
            ? 'No secret (key pair)'
            : age(credential.secretRotatedAt ?? credential.createdAt)}
        </dd>
        {previousStops && (
          <>
            <dt>Previous secret stops</dt>
            <dd>{formatTime(previousStops)}</dd>
          </>
        )}
        {credential.revokedAt && (
          <>
            <dt>Revoked</dt>
            <dd>{formatTime(credential.revokedAt)}</dd>
          </>
        )}
        {credential.expiredAt && (
          <>
            <dt>Expired</dt>
            <dd>{formatTime(credential.expiredAt)}</dd>
          </>
        )}
      </dl>
      {live && (
        <div className="actions">
          {rotatable && <RotateSecret path={path} credentialName={credential.name} onRotated={onChanged} />}
          <EditScopes path={path} credential={credential} catalog={catalog} onSaved={onChanged} />
          <ConfirmAction label="Revoke" title={`Revoke ${credential.name}?`} onConfirm={() => adminApi.delete(path).then(onChanged)}>
            <p>It stops working at once: no new tokens, and its access tokens are refused. This cannot be undone.</p>
          </ConfirmAction>
        </div>
      )}
    </section>
  );
}
