import type { EndpointPreamble } from '../endpoint/endpoint-preamble';
import { readRepeatedParameter, type TokenHttpRequest } from '../endpoint/oauth-form';
import { InvalidRequest, OAuthError, TooManyRequests, UnsupportedGrantType } from '../errors/oauth-errors';
import { AuthenticationLimits } from '../rate-limits/authentication-limits';
import type { AccessTokenIssuer, TokenResponse } from './access-token-issuer';
import type { GrantHandler, GrantHandlers } from './grant-handler';
import type { RequestContext } from './token-issuance-recorder';
import type { RefusedAttempt, TokenRefusalRecorder } from './token-refusal-recorder';

export interface TokenEndpointRequest extends TokenHttpRequest {
  readonly dpop?: string | string[];
}

/** RFC 8707 §2 `resource` and the `audience` parameter may repeat at the token endpoint; nothing else may (RFC 6749 §3.2). */
export const TOKEN_ENDPOINT_REPEATABLE = ['resource', 'audience'] as const;

/**
 * RFC 6749 §3.2: read, authenticate the client, dispatch by grant_type, issue. Every outcome is
 * recorded: a refusal as TokenRequestRefused, a token only after its AccessTokenIssued is durable.
 * Everything before that append reads memory only.
 */
export class TokenEndpoint {
  constructor(
    private readonly deps: {
      /** Built with TOKEN_ENDPOINT_REPEATABLE. */
      readonly preamble: EndpointPreamble;
      readonly grants: GrantHandlers;
      readonly issuer: AccessTokenIssuer;
      readonly refusals: TokenRefusalRecorder;
      /** Rate limits and lockouts; absent, none apply. */
      readonly limits?: AuthenticationLimits;
    },
  ) {}

  /** RFC 8414 §2 grant_types_supported. */
  get grantTypes(): readonly string[] {
    return Object.keys(this.deps.grants);
  }

  async handle(request: TokenEndpointRequest, context: RequestContext): Promise<TokenResponse> {
    let attempt: RefusedAttempt = {};
    const limits = this.deps.limits;
    try {
      const { form, presented } = this.deps.preamble.read(request);
      attempt = { presented };
      // Each step answers at once when it needs no I/O (a known client not locked out, a secret checked
      // against the read model, a grant without DPoP): a grant awaits its organization's limit, the record
      // and the signature, not a promise per step.
      // Rate limits before anything is read from the secret, and before anything is written.
      const admitted = limits?.beforeAuthentication(presented, context);
      if (admitted) await admitted;
      const authenticating = this.deps.preamble.authenticate(presented);
      const proven = authenticating instanceof Promise ? await authenticating : authenticating;
      attempt = { presented, credential: proven.credential };
      const client = this.deps.preamble.requireUsable(proven);
      const granting = limits?.beforeGrant(client.credential.organizationId);
      if (granting) await granting;
      const { grantType, handler } = this.dispatch(form.grant_type);
      const deciding = handler.grant({
        client,
        form,
        repeated: (name) => readRepeatedParameter(request.body, name),
        dpop: request.dpop,
        certificate: request.clientCertificate,
      });
      const grant = deciding instanceof Promise ? await deciding : deciding;
      return await this.deps.issuer.issue(client, grantType, grant, context);
    } catch (caught) {
      const error = limits ? await this.countRefusal(limits, caught, attempt, context) : caught;
      // 503 is ours, not the client's: nothing to audit as a refusal; a lockout was recorded when it began.
      if (AuthenticationLimits.isRecorded(error)) await this.deps.refusals.record(error, attempt, context);
      throw error;
    }
  }

  /** A refusal counts: towards its client's lockout, or against its source address when it named no client (then maybe a 429). */
  private async countRefusal(
    limits: AuthenticationLimits,
    error: unknown,
    attempt: RefusedAttempt,
    context: RequestContext,
  ): Promise<unknown> {
    if (!(error instanceof OAuthError) || error instanceof TooManyRequests) return error;
    if (attempt.presented === undefined) {
      try {
        await limits.unreadRequest(context);
      } catch (limited) {
        return limited;
      }
      return error;
    }
    await limits.failedAuthentication(error, attempt.presented, context, 'token');
    return error;
  }

  private dispatch(grantType: string | undefined): { readonly grantType: string; readonly handler: GrantHandler } {
    if (grantType === undefined) throw new InvalidRequest('grant_type is required');
    // Own properties only: grant_type=constructor must not find Object.prototype's.
    const handler = Object.hasOwn(this.deps.grants, grantType) ? this.deps.grants[grantType] : undefined;
    if (!handler) throw new UnsupportedGrantType(`grant_type ${grantType} is not supported; use ${this.grantTypes.join(' or ')}`);
    return { grantType, handler };
  }
}
