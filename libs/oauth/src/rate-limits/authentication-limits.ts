import { decodeJwt } from 'jose';
import type { Plan, RefusingEndpoint } from '@keyward/domain';
import type { ClientCredentialLookup } from '@keyward/projections';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import { InvalidClient, OAuthError, TemporarilyUnavailable, TooManyRequests } from '../errors/oauth-errors';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import type { TokenRefusalRecorder } from '../token-endpoint/token-refusal-recorder';
import type { Admission, TokenRateLimiter } from './token-rate-limiter';
import { FederationIssuerUnavailable } from '../federation/federation-issuer-unavailable';

export interface OrganizationPlanLookup {
  planOf(organizationId: string): Plan | undefined;
}

/**
 * Where the OAuth endpoints apply the rate limits, and how refusals are recorded around them:
 * before authentication (lockout of a known client, per-address limit otherwise), after a failed
 * authentication (counting towards a lockout, recorded once when one starts), before a grant (the
 * organization's ceiling). A refusal during a lockout is not recorded again.
 */
export class AuthenticationLimits {
  constructor(
    private readonly deps: {
      readonly limiter: TokenRateLimiter;
      readonly credentials: ClientCredentialLookup;
      readonly plans: OrganizationPlanLookup;
      readonly refusals: TokenRefusalRecorder;
    },
  ) {}

  /** Before the secret or assertion is looked at: the same answer whatever it is (undefined: admitted at once). */
  beforeAuthentication(presented: PresentedClientCredentials, context: RequestContext): Admission {
    const clientId = namedClientId(presented);
    if (clientId !== undefined && this.deps.credentials.findByClientId(clientId)) return this.deps.limiter.requireNotLockedOut(clientId);
    return this.deps.limiter.admitUnknownClient(context.sourceIp);
  }

  /** A request refused before it named a client (malformed) counts against its source address. */
  async unreadRequest(context: RequestContext): Promise<void> {
    await this.deps.limiter.admitUnknownClient(context.sourceIp);
  }

  /**
   * Counts a failed secret of a known client; records the lockout it starts, once. Assertion failures
   * do not count: a signature cannot be guessed, and counting them would let anyone lock a key client out.
   * Nor do certificate failures (RFC 8705): anyone can present a self-signed certificate with a client_id.
   */
  async failedAuthentication(
    error: unknown,
    presented: PresentedClientCredentials | undefined,
    context: RequestContext,
    endpoint: RefusingEndpoint,
  ): Promise<void> {
    if (presented?.method === 'private_key_jwt' || presented?.method === 'tls_client_auth') return;
    const clientId = presented?.clientId;
    if (!(error instanceof InvalidClient) || clientId === undefined || !this.deps.credentials.findByClientId(clientId)) return;
    const { lockedOutFor } = await this.deps.limiter.failedAuthentication(clientId);
    if (lockedOutFor !== undefined)
      await this.deps.refusals.recordAlone(new TooManyRequests(lockedOutFor, 'client_locked_out'), { presented }, context, {
        endpoint,
        lockoutSeconds: lockedOutFor,
      });
  }

  beforeGrant(organizationId: string): Admission {
    return this.deps.limiter.admitGrant(organizationId, this.deps.plans.planOf(organizationId) ?? 'free');
  }

  /**
   * Whether this refusal is recorded: not the 429s of a lockout (its start was), every other OAuth error
   * but 503, except a federated client's unreachable identity provider and a full replay bound (the audit
   * trail must say why).
   */
  static isRecorded(error: unknown): error is OAuthError {
    if (error instanceof FederationIssuerUnavailable) return true;
    // An organization at its bound of live one-time jtis: the store is up, and the security team should see who floods.
    if (error instanceof TemporarilyUnavailable && error.reason === 'replay_claims_full') return true;
    return (
      error instanceof OAuthError && error.status !== 503 && !(error instanceof TooManyRequests && error.reason === 'client_locked_out')
    );
  }
}

/** The client a request names: its client_id, or for an assertion without one the (not yet verified) sub it claims. */
export function namedClientId(presented: PresentedClientCredentials): string | undefined {
  if (presented.clientId !== undefined || presented.method !== 'private_key_jwt') return presented.clientId;
  try {
    const { sub } = decodeJwt(presented.assertion);
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
