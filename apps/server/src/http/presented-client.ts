import type { FastifyRequest } from 'fastify';

/**
 * The client id an OAuth request presented, as its endpoint read it from the form or the Basic header:
 * the request log attributes the line by it instead of parsing the credentials a second time.
 */
const presentedClients = new WeakMap<FastifyRequest, string>();

export function rememberPresentedClient(request: FastifyRequest): (clientId: string) => void {
  return (clientId) => void presentedClients.set(request, clientId);
}

export function rememberedPresentedClient(request: FastifyRequest): string | undefined {
  return presentedClients.get(request);
}
