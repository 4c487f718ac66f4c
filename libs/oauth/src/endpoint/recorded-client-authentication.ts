import type { RefusingEndpoint } from '@keyward/domain';
import type { PresentedClientCredentials } from '../client-authentication/client-authentication';
import { OAuthError, TooManyRequests } from '../errors/oauth-errors';
import { AuthenticationLimits } from '../rate-limits/authentication-limits';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import type { TokenRefusalRecorder } from '../token-endpoint/token-refusal-recorder';
import type { EndpointPreamble, OpenedRequest } from './endpoint-preamble';
import type { TokenHttpRequest } from './oauth-form';

export interface AuthenticationRecording {
  readonly limits?: AuthenticationLimits;
  readonly refusals?: TokenRefusalRecorder;
}

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
): Promise<OpenedRequest> {
  let presented: PresentedClientCredentials | undefined;
  try {
    const read = preamble.read(request);
    presented = read.presented;
    await recording.limits?.beforeAuthentication(presented, context);
    return { ...read, client: preamble.requireUsable(await preamble.authenticate(presented)) };
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
