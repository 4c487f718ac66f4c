import type { AccessTokenRevokedData } from '@keyward/domain';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';

/** Records revocations durably and returns once this process's read models have applied them. */
export interface TokenRevocationRecorder {
  revokeAccessToken(revocation: AccessTokenRevokedData, context: RequestContext): Promise<void>;
  /** An API token is a credential: revoking it is a CredentialRevoked on its service account. */
  revokeApiToken(
    target: { readonly organizationId: string; readonly serviceAccountId: string; readonly credentialId: string },
    byServiceAccountId: string,
    context: RequestContext,
  ): Promise<void>;
}
