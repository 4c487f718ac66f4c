import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientCertificateReader, IntrospectionEndpoint, IntrospectionResponse } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 7662 token introspection. Errors are OAuthError subclasses, answered by the one exception filter. */
export function introspectionRoute(endpoint: IntrospectionEndpoint, certificates: ClientCertificateReader) {
  return (request: FastifyRequest, reply: FastifyReply): Promise<IntrospectionResponse> => {
    // The answer describes a live credential: no cache may keep it (RFC 7662 §4).
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return endpoint.handle(oauthHttpRequest(request, certificates), oauthRequestContext(request));
  };
}
