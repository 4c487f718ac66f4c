import type { ClientCredentialView } from '@keyward/projections';
import type { ClientAssertionVerifier } from '../private-key-jwt/client-assertion-verifier';
import type { PresentedClientCredentials } from './client-authentication';
import type { ClientSecretVerifier } from './client-secret-verifier';

/** RFC 8414 §2 `token_endpoint_auth_methods_supported` values keyward implements. */
export type ClientAuthenticationMethod = PresentedClientCredentials['method'];

/** The client that proved possession of its credential, and how (recorded as authMethod, decides 401 + WWW-Authenticate). */
export interface AuthenticatedClient {
  readonly credential: ClientCredentialView;
  readonly method: ClientAuthenticationMethod;
}

type Verifier<M extends ClientAuthenticationMethod> = (
  presented: Extract<PresentedClientCredentials, { readonly method: M }>,
  endpointUrl: string,
) => ClientCredentialView | Promise<ClientCredentialView>;

/** One verifier per method: a presented variant without its verifier does not compile. */
export type ClientAuthenticationVerifiers = { readonly [M in ClientAuthenticationMethod]: Verifier<M> };

/**
 * Proves the client holds the credential it registered, by the method it presented. A client may not
 * switch methods: each verifier refuses a credential registered for another one. In-memory lookups only.
 * Whether the proven credential may be used is the endpoint preamble's question, not this one's.
 */
export class ClientAuthenticator {
  constructor(private readonly verifiers: ClientAuthenticationVerifiers) {}

  get methods(): readonly ClientAuthenticationMethod[] {
    return Object.keys(this.verifiers) as ClientAuthenticationMethod[];
  }

  async authenticate(presented: PresentedClientCredentials, endpointUrl: string): Promise<AuthenticatedClient> {
    // TypeScript cannot correlate the record's key with the union member; the mapped type above keeps them paired.
    const verify = this.verifiers[presented.method] as Verifier<ClientAuthenticationMethod>;
    return { credential: await verify(presented as never, endpointUrl), method: presented.method };
  }
}

/** The verifiers keyward ships. A new method: a variant in PresentedClientCredentials, its reader branch, and an entry here. */
export function clientAuthenticationVerifiers(deps: { readonly secrets: ClientSecretVerifier; readonly assertions: ClientAssertionVerifier }): ClientAuthenticationVerifiers {
  return {
    client_secret_basic: (presented) => deps.secrets.verify(presented),
    client_secret_post: (presented) => deps.secrets.verify(presented),
    private_key_jwt: (presented, endpointUrl) => deps.assertions.verify(presented.assertion, presented.clientId, endpointUrl),
  };
}
