import type { FastifyRequest } from 'fastify';
import type { ClientCertificateReader, RequestContext, TokenEndpointRequest } from '@keyward/oauth';
import { rememberPresentedClient } from '../http/presented-client';

/**
 * The parts of an HTTP request the OAuth endpoints read (the client certificate included, RFC 8705; the
 * DPoP header, which only the token endpoint reads, RFC 9449 §4.1), and the metadata their events carry.
 * Built member by member: it is made on every grant.
 */
export function oauthHttpRequest(request: FastifyRequest, certificates: ClientCertificateReader): TokenEndpointRequest {
  return {
    body: request.body,
    contentType: request.headers['content-type'],
    authorization: request.headers.authorization,
    sourceIp: request.ip,
    userAgent: userAgentOf(request),
    onClientPresented: rememberPresentedClient(request),
    clientCertificate: certificates.read({ socket: request.raw.socket, headers: request.headers }),
    dpop: request.headers.dpop,
  };
}

export function oauthRequestContext(request: FastifyRequest): RequestContext {
  return { sourceIp: request.ip, userAgent: userAgentOf(request), correlationId: request.id };
}

const userAgentOf = (request: FastifyRequest): string => (request.headers['user-agent'] ?? '').slice(0, 300);
