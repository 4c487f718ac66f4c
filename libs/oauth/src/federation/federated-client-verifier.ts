import type { ClientCredentialLookup, FederatedClientView } from '@keyward/projections';
import type { ClientProof } from '../client-authentication/client-authenticator';
import type { FederatedAssertionVerifier } from './federated-assertion-verifier';

/**
 * A client_assertion for a federated_jwt client (found by the client_id sent beside it: the provider's
 * token names the workload, not the keyward client) is verified against the provider the client trusts.
 */
export class FederatedClientVerifier {
  constructor(
    private readonly deps: {
      readonly credentials: ClientCredentialLookup;
      readonly assertions: FederatedAssertionVerifier;
    },
  ) {}

  trusts(clientId: string | undefined): boolean {
    return clientId !== undefined && this.federatedClient(clientId) !== undefined;
  }

  async verify(assertion: string, clientId: string): Promise<ClientProof> {
    const credential = this.federatedClient(clientId)!;
    const federated = await this.deps.assertions.verify(assertion, {
      clientId,
      organizationId: credential.organizationId,
      trust: credential.federation,
    });
    return { credential, federated };
  }

  private federatedClient(clientId: string): FederatedClientView | undefined {
    const credential = this.deps.credentials.findByClientId(clientId);
    return credential?.tokenEndpointAuthMethod === 'federated_jwt' ? credential : undefined;
  }
}
