import type { FastifyRequest } from 'fastify';
import type { ClientCertificateReader, RequestContext, TokenHttpRequest } from '@keyward/oauth';
import { rememberPresentedClient } from '../http/presented-client';

/** The parts of an HTTP request the OAuth endpoints read (the client certificate included, RFC 8705), and the metadata their events carry. */
export function oauthHttpRequest(request: FastifyRequest, certificates: ClientCertificateReader): TokenHttpRequest {
  const clientCertificate = certificates.read({ socket: request.raw.socket, headers: request.headers });
  return {
    body: request.body,
    contentType: request.headers['content-type'],
    authorization: request.headers.authorization,
    sourceIp: request.ip,
    userAgent: userAgentOf(request),
    onClientPresented: rememberPresentedClient(request),
    ...(clientCertificate ? { clientCertificate } : {}),
  };
}

export function oauthRequestContext(request: FastifyRequest): RequestContext {
  return { sourceIp: request.ip, userAgent: userAgentOf(request), correlationId: request.id };
}

const userAgentOf = (request: FastifyRequest): string => (request.headers['user-agent'] ?? '').slice(0, 300);
