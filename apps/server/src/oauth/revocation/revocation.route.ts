import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientCertificateReader, RevocationEndpoint } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 7009 token revocation: §2.2, 200 with an empty body, also for tokens that were invalid already. */
export function revocationRoute(endpoint: RevocationEndpoint, certificates: ClientCertificateReader) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<string> => {
    void reply.header('cache-control', 'no-store');
    await endpoint.handle(oauthHttpRequest(request, certificates), oauthRequestContext(request));
    return '';
  };
}
