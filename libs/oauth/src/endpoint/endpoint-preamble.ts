import type { OrganizationPolicyLookup } from '@keyward/projections';
import { readClientCredentials, type PresentedClientCredentials } from '../client-authentication/client-authentication';
import type { AuthenticatedClient, ClientAuthenticator } from '../client-authentication/client-authenticator';
import { requireUsableClient } from '../client-authentication/usable-client';
import { readTokenForm, type OAuthForm, type TokenHttpRequest } from './oauth-form';

/** The request as read: its single-valued parameters, and the client authentication it presents. */
export interface ReadRequest {
  readonly form: OAuthForm;
  readonly presented: PresentedClientCredentials;
}

export interface OpenedRequest extends ReadRequest {
  readonly client: AuthenticatedClient;
}

/**
 * What the token, introspection and revocation endpoints do first: read the form (RFC 6749 §3.2,
 * RFC 7662 §2.1, RFC 7009 §2.1), read the client authentication (§2.3), prove it, and require the
 * credential to be usable. In steps, so an endpoint recording refusals knows who was presented and proven.
 */
export class EndpointPreamble {
  constructor(
    private readonly deps: {
      readonly authenticator: ClientAuthenticator;
      readonly policies: OrganizationPolicyLookup;
      readonly clock: () => Date;
      /** This endpoint's URL, which client assertions may name as aud (RFC 7523 §3). */
      readonly endpointUrl: string;
      /** Parameters that may repeat here (RFC 8707 `resource`); the rest must be sent once. */
      readonly repeatable?: readonly string[];
    },
  ) {}

  read(request: TokenHttpRequest): ReadRequest {
    const form = readTokenForm(request, this.deps.repeatable);
    const presented = readClientCredentials(request.authorization, form, request.clientCertificate);
    if (presented.clientId !== undefined) request.onClientPresented?.(presented.clientId);
    return { form, presented };
  }

  /** Proof of possession only (the token endpoint records who was proven before asking requireUsable); synchronous for a secret. */
  authenticate(presented: PresentedClientCredentials): AuthenticatedClient | Promise<AuthenticatedClient> {
    return this.deps.authenticator.authenticate(presented, this.deps.endpointUrl);
  }

  /** The domain's usability rule, now, under the client's organization policy. */
  requireUsable(client: AuthenticatedClient): AuthenticatedClient {
    return requireUsableClient(client, this.deps.policies.policyOf(client.credential.organizationId), this.deps.clock());
  }

  async open(request: TokenHttpRequest): Promise<OpenedRequest> {
    const read = this.read(request);
    return { ...read, client: this.requireUsable(await this.authenticate(read.presented)) };
  }
}
