import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client id an OAuth request presented, as its endpoint read it (null when it read none). */
    presentedClientId: string | null;
  }
}

/**
 * The client id an OAuth request presented, as its endpoint read it from the form or the Basic header:
 * the request log attributes the line by it instead of parsing the credentials a second time. Declared
 * on every request before the server starts, so setting it keeps Fastify's request shape.
 */
export function declarePresentedClient(fastify: FastifyInstance): void {
  fastify.decorateRequest('presentedClientId', null);
}

export function rememberPresentedClient(request: FastifyRequest): (clientId: string) => void {
  return (clientId) => void (request.presentedClientId = clientId);
}

export function rememberedPresentedClient(request: FastifyRequest): string | undefined {
  return request.presentedClientId ?? undefined;
}
