import { OAuthError } from '../errors/oauth-errors';

/**
 * The provider a federated credential trusts cannot be reached (or serves unusable documents) and no
 * cached key can verify the token: fail closed. 503, not invalid_client: the client did nothing wrong
 * and may retry. Unlike TemporarilyUnavailable (the store is failing), it is recorded as a refusal.
 */
export class FederationIssuerUnavailable extends OAuthError {
  readonly error = 'temporarily_unavailable';
  readonly status = 503;
  constructor(reason: string) {
    super('the identity provider this client trusts cannot be reached; retry later', reason);
  }
}
