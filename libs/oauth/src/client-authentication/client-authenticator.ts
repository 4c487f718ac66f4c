import type { ClientCredentialView } from '@keyward/projections';
import type { FederatedIdentity } from '../federation/federated-assertion-verifier';
import type { FederatedClientVerifier } from '../federation/federated-client-verifier';
import type { ClientCertificateVerifier } from '../mtls/client-certificate-verifier';
import type { ClientAssertionVerifier } from '../private-key-jwt/client-assertion-verifier';
import type { PresentedClientCredentials } from './client-authentication';
import type { ClientSecretVerifier } from './client-secret-verifier';

type PresentedMethod = PresentedClientCredentials['method'];

/** RFC 8414 §2 `token_endpoint_auth_methods_supported` values keyward implements. */
export type ClientAuthenticationMethod = PresentedMethod | 'self_signed_tls_client_auth';

/** The client that proved possession of its credential, and how (recorded as authMethod, decides 401 + WWW-Authenticate). */
export interface AuthenticatedClient {
  readonly credential: ClientCredentialView;
  readonly method: ClientAuthenticationMethod;
  /** Workload identity federation: who the external provider said the workload is (recorded on AccessTokenIssued). */
  readonly federated?: FederatedIdentity;
}

/** What a verifier proved: the credential, and the method when the presentation alone does not tell it. */
export type ClientProof =
  | ClientCredentialView
  | { readonly credential: ClientCredentialView; readonly method?: ClientAuthenticationMethod; readonly federated?: FederatedIdentity };

type Verifier<M extends PresentedMethod> = (
  presented: Extract<PresentedClientCredentials, { readonly method: M }>,
  endpointUrl: string,
) => ClientProof | Promise<ClientProof>;

/** One verifier per presented method: a presented variant without its verifier does not compile. */
export type ClientAuthenticationVerifiers = { readonly [M in PresentedMethod]: Verifier<M> };

/** A certificate proves one of two RFC 8705 methods, by what the client registered (§2.1 CA-issued, §2.2 self-signed). */
const PROVEN_BY: Partial<Record<PresentedMethod, readonly ClientAuthenticationMethod[]>> = {
  tls_client_auth: ['tls_client_auth', 'self_signed_tls_client_auth'],
};

/**
 * Proves the client holds the credential it registered, by the method it presented. A client may not
 * switch methods: each verifier refuses a credential registered for another one. In-memory lookups only.
 * Whether the proven credential may be used is the endpoint preamble's question, not this one's.
 */
export class ClientAuthenticator {
  constructor(private readonly verifiers: ClientAuthenticationVerifiers) {}

  get methods(): readonly ClientAuthenticationMethod[] {
    return (Object.keys(this.verifiers) as PresentedMethod[]).flatMap((method) => PROVEN_BY[method] ?? [method]);
  }

  /** Synchronous when the verifier is (a secret: the in-memory read model and an HMAC); a promise for those that read keys or claim jtis. */
  authenticate(presented: PresentedClientCredentials, endpointUrl: string): AuthenticatedClient | Promise<AuthenticatedClient> {
    // TypeScript cannot correlate the record's key with the union member; the mapped type above keeps them paired.
    const verify = this.verifiers[presented.method] as Verifier<PresentedMethod>;
    const proof = verify(presented as never, endpointUrl);
    return proof instanceof Promise ? proof.then((awaited) => provenBy(awaited, presented.method)) : provenBy(proof, presented.method);
  }
}

function provenBy(proof: ClientProof, presentedMethod: PresentedMethod): AuthenticatedClient {
  if (!('credential' in proof)) return { credential: proof, method: presentedMethod };
  return {
    credential: proof.credential,
    method: proof.method ?? presentedMethod,
    ...(proof.federated ? { federated: proof.federated } : {}),
  };
}

/** The verifiers keyward ships. A new method: a variant in PresentedClientCredentials, its reader branch, and an entry here. */
export function clientAuthenticationVerifiers(deps: {
  readonly secrets: ClientSecretVerifier;
  readonly assertions: ClientAssertionVerifier;
  readonly federation: FederatedClientVerifier;
  readonly certificates: ClientCertificateVerifier;
}): ClientAuthenticationVerifiers {
  return {
    client_secret_basic: (presented) => deps.secrets.verify(presented),
    client_secret_post: (presented) => deps.secrets.verify(presented),
    // Same wire format (RFC 7523 §2.2): a federated client's assertion comes from the provider it trusts.
    private_key_jwt: (presented, endpointUrl) =>
      deps.federation.trusts(presented.clientId)
        ? deps.federation.verify(presented.assertion, presented.clientId!)
        : deps.assertions.verify(presented.assertion, presented.clientId, endpointUrl),
    tls_client_auth: (presented) => deps.certificates.verify(presented),
  };
}
