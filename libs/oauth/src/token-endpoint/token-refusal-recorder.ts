import type { TokenRefusalError } from '@keyward/domain';
import type { ClientCredentialLookup, ClientCredentialView } from '@keyward/projections';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import type { OAuthError } from '../errors/oauth-errors';
import { isWellFormedClientId } from '../secrets/generated-secret';
import type { RequestContext, TokenIssuanceRecorder } from './token-issuance-recorder';

/** Who the refused request named: what it presented, and the credential if authentication got that far. */
export interface RefusedAttempt {
  readonly presented?: PresentedClientCredentials;
  readonly credential?: ClientCredentialView;
}

/** Records TokenRequestRefused for every OAuth error of the token endpoint, in the organization of the client it names. */
export class TokenRefusalRecorder {
  constructor(
    private readonly deps: {
      readonly credentials: ClientCredentialLookup;
      readonly recorder: TokenIssuanceRecorder;
      readonly clock: () => Date;
    },
  ) {}

  async record(error: OAuthError, attempt: RefusedAttempt, context: RequestContext): Promise<void> {
    const presentedId = attempt.presented?.clientId;
    // A refusal naming a known client (wrong secret, bad assertion) lands in its organization's audit trail.
    const credential = attempt.credential ?? (presentedId === undefined ? undefined : this.deps.credentials.findByClientId(presentedId));
    try {
      await this.deps.recorder.record(
        {
          type: 'TokenRequestRefused',
          data: {
            error: error.error as TokenRefusalError,
            reason: error.reason,
            // Only an id of our format is recorded: clients that swap id and secret must not leak the secret here.
            clientId: credential?.clientId ?? (presentedId !== undefined && isWellFormedClientId(presentedId) ? presentedId : undefined),
            organizationId: credential?.organizationId,
            serviceAccountId: credential?.serviceAccountId,
            credentialId: credential?.credentialId,
            refusedAt: this.deps.clock().toISOString(),
            sourceIp: context.sourceIp,
            userAgent: context.userAgent,
          },
        },
        context,
      );
    } catch {
      // The refusal still reaches the client; a lost refusal record is the lesser harm than a hung error path.
    }
  }
}
