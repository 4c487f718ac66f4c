import type { OrganizationPolicyLookup } from '@keyward/projections';
import type { DPoPProofVerifier } from '../dpop/dpop-proof-verifier';
import type { GrantHandlers } from '../token-endpoint/grant-handler';
import { CLIENT_CREDENTIALS, ClientCredentialsGrant, type ClientCredentialsSettings } from './client-credentials.grant';

export interface GrantDependencies {
  readonly policies: OrganizationPolicyLookup;
  readonly dpop: DPoPProofVerifier;
  readonly settings: ClientCredentialsSettings;
}

/**
 * The grant types keyward's token endpoint accepts, by grant_type (also advertised as RFC 8414
 * grant_types_supported). A new grant is one file in this folder and one entry here.
 */
export function grantHandlers(deps: GrantDependencies): GrantHandlers {
  return {
    [CLIENT_CREDENTIALS]: new ClientCredentialsGrant(deps),
  };
}
