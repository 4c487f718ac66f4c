import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';

/**
 * RFC 9110 §15.5.6: a method the resource does not support is 405 with an Allow header listing those it
 * does (TRACE, OPTIONS, a GET on /oauth/token...), not 404. A shadow router holds every declared route.
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): void {
  const declared = FindMyWay();
  const methodsOf = new Map<string, Set<string>>();
  fastify.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url.includes('*')) return;
    for (const method of [route.method].flat()) {
      const known = methodsOf.get(route.url) ?? new Set<string>();
      if (known.size === 0) {
        methodsOf.set(route.url, known);
        declared.on('GET', route.url, () => undefined, { url: route.url });
      }
      known.add(method);
    }
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // is404, not routeOptions.url: Fastify builds a new routeOptions object on every read.
    if (!request.is404) return done();
    const found = declared.find('GET', request.url.split('?')[0]);
    const allowed = found ? methodsOf.get((found.store as { url: string }).url) : undefined;
    if (!allowed) return done();
    const allow = [...allowed].sort().join(', ');
    const message = `${request.method} is not allowed here; use ${allow}`;
    const body = request.url.startsWith('/oauth/')
      ? { error: 'invalid_request', error_description: message }
      : { error: 'method_not_allowed', message };
    void reply.code(405).header('allow', allow).send(body);
  });
}
