import type { RefusingEndpoint } from '@keyward/domain';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import type { AuthenticatedClient } from '../client-authentication/client-authenticator';
import { InvalidClient, OAuthError, TooManyRequests } from '../errors/oauth-errors';
import { AuthenticationLimits } from '../rate-limits/authentication-limits';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import type { TokenRefusalRecorder } from '../token-endpoint/token-refusal-recorder';
import type { EndpointPreamble, OpenedRequest } from './endpoint-preamble';
import type { TokenHttpRequest } from './oauth-form';

export interface AuthenticationRecording {
  readonly limits?: AuthenticationLimits;
  readonly refusals?: TokenRefusalRecorder;
}

/** Whether an authenticated client may use the endpoint at all: undefined, or the refusal reason for the audit trail. */
export type EndpointPermission = (client: AuthenticatedClient) => string | undefined;

/**
 * Introspection and revocation authenticate their caller as the token endpoint does, under the same
 * limits (a lockout earned at one endpoint holds at all three), and record a failed authentication as
 * TokenRequestRefused with their endpoint: testing a secret there is neither free nor unseen.
 */
export async function openRecorded(
  preamble: EndpointPreamble,
  request: TokenHttpRequest,
  context: RequestContext,
  endpoint: RefusingEndpoint,
  recording: AuthenticationRecording,
  permission?: EndpointPermission,
): Promise<OpenedRequest> {
  let presented: PresentedClientCredentials | undefined;
  try {
    const read = preamble.read(request);
    presented = read.presented;
    await recording.limits?.beforeAuthentication(presented, context);
    const client = preamble.requireUsable(await preamble.authenticate(presented));
    // A right secret for a client the endpoint does not serve answers as a wrong one, and counts towards its
    // lockout the same way: otherwise the answer, or a lockout that never comes, tells a caller the secret is right.
    const refused = permission?.(client);
    if (refused !== undefined) throw new InvalidClient(refused, client.method === 'client_secret_basic');
    return { ...read, client };
  } catch (caught) {
    let error = caught;
    const limits = recording.limits;
    if (limits && caught instanceof OAuthError && !(caught instanceof TooManyRequests)) {
      if (presented === undefined)
        error = await limits.unreadRequest(context).then(
          () => caught,
          (limited: unknown) => limited,
        );
      else await limits.failedAuthentication(caught, presented, context, endpoint);
    }
    if (recording.refusals && AuthenticationLimits.isRecorded(error))
      await recording.refusals.record(error, { presented }, context, { endpoint });
    throw error;
  }
}
