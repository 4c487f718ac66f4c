import type { INestApplicationContext } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ClientCertificateReader, IntrospectionEndpoint, RevocationEndpoint, TokenEndpoint } from '@keyward/oauth';
import { introspectionRoute } from './introspection/introspection.route';
import { revocationRoute } from './revocation/revocation.route';
import { tokenRoute } from './token/token.route';

/**
 * The OAuth endpoints as plain Fastify routes at the edge, calling the same libs/oauth endpoints. The
 * token endpoint is the hot path, and Nest's router pipeline (parameter resolution, interceptor and
 * pipe chains, its response controller) had nothing to do on it but cost a good share of each grant.
 * Errors still reach the one ErrorResponseFilter: Nest installs it as Fastify's error handler. A GET
 * (any method but POST) is 405 with Allow: POST (http/method-not-allowed.ts; RFC 6749 §3.2, RFC 7662
 * §2.1, RFC 7009 §2.1). They are documented by hand (openapi/oauth-endpoints.openapi.ts).
 */
export function registerOAuthRoutes(fastify: FastifyInstance, app: INestApplicationContext): void {
  const certificates = app.get(ClientCertificateReader);
  fastify.post('/oauth/token', tokenRoute(app.get(TokenEndpoint), certificates));
  fastify.post('/oauth/introspect', introspectionRoute(app.get(IntrospectionEndpoint), certificates));
  fastify.post('/oauth/revoke', revocationRoute(app.get(RevocationEndpoint), certificates));
}
