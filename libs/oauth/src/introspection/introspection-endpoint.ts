import type { EndpointPreamble } from '../endpoint/endpoint-preamble';
import type { TokenHttpRequest } from '../endpoint/oauth-form';
import { openRecorded, type AuthenticationRecording } from '../endpoint/recorded-client-authentication';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import { InvalidRequest } from '../errors/oauth-errors';
import type { IntrospectionResponse } from './introspection-response';
import type { TokenIntrospector } from './token-introspector';

export const INTROSPECT_SCOPE = 'introspect';

/**
 * RFC 7662 §2.1: POST, form-encoded `token` (and an optional hint), by an authenticated client holding the
 * introspect scope. A client without it is refused as if its credentials were invalid (§2.3: 401, RFC 6749
 * §5.2 invalid_client), recorded with the real reason (introspect_scope_missing): a distinct answer would let
 * anyone holding a stolen secret confirm it here, where nothing else leaves a trace.
 */
export class IntrospectionEndpoint {
  constructor(
    private readonly deps: { readonly preamble: EndpointPreamble; readonly introspector: TokenIntrospector } & AuthenticationRecording,
  ) {}

  async handle(request: TokenHttpRequest, context: RequestContext): Promise<IntrospectionResponse> {
    const { form, client } = await openRecorded(this.deps.preamble, request, context, 'introspection', this.deps, (authenticated) =>
      authenticated.credential.scopes.includes(INTROSPECT_SCOPE) ? undefined : 'introspect_scope_missing',
    );
    const caller = client.credential;
    if (form.token === undefined) throw new InvalidRequest('token is required (RFC 7662 §2.1)');
    // The hint only orders the lookup (§2.1); both kinds are tried whatever it says.
    return this.deps.introspector.introspect(form.token, caller);
  }
}
