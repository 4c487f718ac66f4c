import { InvalidInput } from '../shared/domain-error';
import { ACCESS_TOKEN_LIFETIME_SECONDS, DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy } from '../organization/organization-policy';
import { requireIntegerInRange } from './credential.rules';
import { isCredentialActive, type CredentialState, type KeyClientState } from './credential.state';
import { CredentialNotFound, CredentialRevokedAlready, NotAPrivateKeyJwtClient, ServiceAccountNotActive } from './service-account.errors';
import type { ServiceAccountState } from './service-account.state';

/** Preconditions shared by the credential decisions. */
export type LiveAccount = Exclude<ServiceAccountState, { status: 'absent' | 'deleted' }>;

export function requireActive(state: LiveAccount): void {
  if (state.status !== 'active') throw new ServiceAccountNotActive(state.status);
}

export function requireLiveCredential(state: LiveAccount, credentialId: string): CredentialState {
  const credential = state.credentials.get(credentialId);
  if (!credential) throw new CredentialNotFound();
  if (!isCredentialActive(credential)) throw new CredentialRevokedAlready();
  return credential;
}

export function requireKeyClient(state: LiveAccount, credentialId: string): KeyClientState {
  requireActive(state);
  const credential = requireLiveCredential(state, credentialId);
  if (credential.type !== 'oauth_client' || credential.tokenEndpointAuthMethod !== 'private_key_jwt') throw new NotAPrivateKeyJwtClient();
  return credential;
}

/** 5 min to 24 h, and no more than the organization allows. */
export function requireTokenLifetime(seconds: number, policy: OrganizationPolicy = DEFAULT_ORGANIZATION_POLICY): void {
  requireIntegerInRange('accessTokenLifetimeSeconds', seconds, ACCESS_TOKEN_LIFETIME_SECONDS, 'seconds');
  if (seconds > policy.maxAccessTokenLifetimeSeconds) {
    throw new InvalidInput(
      'accessTokenLifetimeSeconds',
      `the organization policy caps access tokens at ${policy.maxAccessTokenLifetimeSeconds} seconds`,
    );
  }
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
