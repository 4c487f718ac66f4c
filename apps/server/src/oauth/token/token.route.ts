import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientCertificateReader, TokenEndpoint, TokenResponse } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 6749 §3.2 token endpoint. Errors are OAuthError subclasses, answered by the one exception filter. */
export function tokenRoute(endpoint: TokenEndpoint, certificates: ClientCertificateReader) {
  return (request: FastifyRequest, reply: FastifyReply): Promise<TokenResponse> => {
    // RFC 6749 §5.1: token responses must not be cached.
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return endpoint.handle(oauthHttpRequest(request, certificates), oauthRequestContext(request));
  };
}
