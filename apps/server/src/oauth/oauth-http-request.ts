import type { FastifyRequest } from 'fastify';
import type { RequestContext, TokenHttpRequest } from '@keyward/oauth';

/** The parts of an HTTP request the OAuth endpoints read, and the metadata their events carry. */
export function oauthHttpRequest(request: FastifyRequest): TokenHttpRequest {
  return { body: request.body, contentType: request.headers['content-type'], authorization: request.headers.authorization, sourceIp: request.ip, userAgent: userAgentOf(request) };
}

export function oauthRequestContext(request: FastifyRequest): RequestContext {
  return { sourceIp: request.ip, userAgent: userAgentOf(request), correlationId: request.id };
}

const userAgentOf = (request: FastifyRequest): string => (request.headers['user-agent'] ?? '').slice(0, 300);
