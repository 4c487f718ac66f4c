import type { ClientCredentialView } from '@keyward/projections';
import { readClientCredentials } from '../client-authentication/client-authentication';
import type { ClientAuthenticator } from '../client-authentication/client-authenticator';
import { requireUsableClient } from '../client-authentication/endpoint-client';
import { InvalidRequest, UnauthorizedClient } from '../errors/oauth-errors';
import { readTokenForm, type TokenHttpRequest } from '../token-endpoint/token-request';
import type { IntrospectionResponse } from './introspection-response';
import type { TokenIntrospector } from './token-introspector';

export const INTROSPECT_SCOPE = 'introspect';

/** RFC 7662 §2.1: POST, form-encoded `token` (and an optional hint), by an authenticated client holding the introspect scope. */
export class IntrospectionEndpoint {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly introspector: TokenIntrospector,
    private readonly endpointUrl: string,
  ) {}

  async handle(request: TokenHttpRequest): Promise<IntrospectionResponse> {
    const form = readTokenForm(request);
    const presented = readClientCredentials(request.authorization, form);
    const caller: ClientCredentialView = requireUsableClient(await this.authenticator.authenticate(presented, this.endpointUrl), presented.method === 'client_secret_basic');
    if (!caller.scopes.includes(INTROSPECT_SCOPE)) throw new UnauthorizedClient('introspection needs a client holding the introspect scope', 'introspect_scope_missing');
    if (form.token === undefined) throw new InvalidRequest('token is required (RFC 7662 §2.1)');
    // The hint only orders the lookup (§2.1); both kinds are tried whatever it says.
    return this.introspector.introspect(form.token, caller);
  }
}
