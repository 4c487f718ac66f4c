import { refusalReasonOf, type RefusingEndpoint, type TokenRefusalError, type TokenRequestRefusedData } from '@keyward/domain';
import type { ClientCredentialLookup, ClientCredentialView } from '@keyward/projections';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import type { OAuthError } from '../errors/oauth-errors';
import { namedClientId } from '../rate-limits/authentication-limits';
import { isWellFormedClientId } from '../secrets/generated-secret';
import { DEFAULT_REFUSAL_WINDOW, RefusalWindow, type RefusalRecord, type RefusalWindowSettings } from './refusal-window';
import type { RequestContext, TokenIssuanceRecorder } from './token-issuance-recorder';

/** Who the refused request named: what it presented, and the credential if authentication got that far. */
export interface RefusedAttempt {
  readonly presented?: PresentedClientCredentials;
  readonly credential?: ClientCredentialView;
}

/**
 * Records TokenRequestRefused for the OAuth endpoints' refusals, in the organization of the client
 * they name. What is recorded is bounded whoever sends it: the reason is a code of a closed set, the
 * user agent is cut, and repeats within a window are folded into one event with a count.
 */
export class TokenRefusalRecorder {
  private readonly window: RefusalWindow;

  constructor(
    private readonly deps: {
      readonly credentials: ClientCredentialLookup;
      readonly recorder: TokenIssuanceRecorder;
      readonly clock: () => Date;
      readonly window?: RefusalWindowSettings;
    },
  ) {
    this.window = new RefusalWindow(deps.window ?? DEFAULT_REFUSAL_WINDOW, deps.clock);
  }

  async record(
    error: OAuthError,
    attempt: RefusedAttempt,
    context: RequestContext,
    extra: { endpoint?: RefusingEndpoint; lockoutSeconds?: number } = {},
  ): Promise<void> {
    await this.write(this.window.admit({ data: this.refusalData(error, attempt, context, extra), context }));
  }

  /** Records at once, unfolded: a lockout is recorded once per lockout, however many requests it then refuses. */
  async recordAlone(
    error: OAuthError,
    attempt: RefusedAttempt,
    context: RequestContext,
    extra: { endpoint?: RefusingEndpoint; lockoutSeconds?: number } = {},
  ): Promise<void> {
    await this.write([{ data: this.refusalData(error, attempt, context, extra), context }]);
  }

  /** Summaries of the windows that closed: called on a timer, and with `everything` at shutdown. */
  async flush(everything = false): Promise<void> {
    await this.write(everything ? this.window.drain() : this.window.closeExpired());
  }

  private refusalData(
    error: OAuthError,
    attempt: RefusedAttempt,
    context: RequestContext,
    extra: { endpoint?: RefusingEndpoint; lockoutSeconds?: number },
  ): TokenRequestRefusedData {
    // An assertion without client_id names its client by sub (unverified: the refusal is filed, not trusted).
    const presentedId = attempt.presented && namedClientId(attempt.presented);
    // A refusal naming a known client (wrong secret, bad assertion) lands in its organization's audit trail.
    const credential = attempt.credential ?? (presentedId === undefined ? undefined : this.deps.credentials.findByClientId(presentedId));
    return {
      error: error.error as TokenRefusalError,
      reason: refusalReasonOf(error.reason, error.error),
      ...(extra.endpoint && extra.endpoint !== 'token' ? { endpoint: extra.endpoint } : {}),
      // Only an id of our format is recorded: clients that swap id and secret must not leak the secret here.
      clientId: credential?.clientId ?? (presentedId !== undefined && isWellFormedClientId(presentedId) ? presentedId : undefined),
      organizationId: credential?.organizationId,
      serviceAccountId: credential?.serviceAccountId,
      credentialId: credential?.credentialId,
      refusedAt: this.deps.clock().toISOString(),
      sourceIp: context.sourceIp.slice(0, 64),
      userAgent: context.userAgent.slice(0, 300),
      ...(extra.lockoutSeconds !== undefined ? { lockoutSeconds: extra.lockoutSeconds } : {}),
    };
  }

  private async write(records: readonly RefusalRecord[]): Promise<void> {
    for (const { data, context } of records) {
      try {
        await this.deps.recorder.record({ type: 'TokenRequestRefused', data }, context);
      } catch {
        // The refusal still reaches the client; a lost refusal record is the lesser harm than a hung error path.
      }
    }
  }
}
