import type { IncomingHttpHeaders } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { createLogger, PinoNestLogger, type LoggerOptions } from '@keyward/logging';
import { AppModule } from './app.module';
import type { Clock } from '@keyward/application';
import { registerConsoleHttp } from './console/http/register-console-http';
import { boundedHttpServer } from './http/bounded-http-server';
import { correlationIdOf } from './http/correlation-id';
import { ErrorResponseFilter } from './http/error-response.filter';
import { answerMethodNotAllowed } from './http/method-not-allowed';
import { lazyRequestLogger } from './http/lazy-request-logger';
import { logRequests } from './http/request-log';
import { createValidationPipe } from './http/validation.pipe';
import { registerOAuthRoutes } from './oauth/oauth-routes';
import { buildOpenApiDocument } from './openapi/openapi-document';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The whole HTTP service, ready to listen: used by main, the end-to-end tests and the benchmark. */
export async function createApp(
  config: KeywardConfig,
  options: { clock?: Clock; store?: EventStore; logger?: false; logDestination?: LoggerOptions['destination'] } = {},
): Promise<NestFastifyApplication> {
  const { http } = config;
  const logger = createLogger(
    { level: options.logger === false ? 'silent' : config.logLevel, format: config.logFormat, destination: options.logDestination },
    'keyward',
  );
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For counts only from a TRUST_PROXY peer; anyone else is the client (request.ip is the socket's).
    trustProxy: (address: string) => http.trustProxy.trusts(address),
    serverFactory: boundedHttpServer(http, config.tls ? { server: config.tls, mtls: config.mtls } : undefined),
    forceCloseConnections: 'idle',
    loggerInstance: logger,
    childLoggerFactory: lazyRequestLogger,
    // Our own request line (http/request-log.ts) replaces Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
    // The request id is the correlation id, so Fastify's own lines and ours carry the same one.
    genReqId: (request: { headers: IncomingHttpHeaders }) => correlationIdOf(request.headers),
  });
  logRequests(adapter.getInstance(), logger);
  answerMethodNotAllowed(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new PinoNestLogger(logger),
  });
  await registerConsoleHttp(app, config);
  registerOAuthRoutes(adapter.getInstance(), app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  const document = buildOpenApiDocument(app);
  app.getHttpAdapter().get('/openapi.json', (_req, reply: { send(body: unknown): void }) => reply.send(document));
  await app.init();
  Logger.log(
    `issuer ${config.issuer}, store ${config.eventStore.kind}${config.tls ? ', TLS with client certificates requested' : ''}`,
    'keyward',
  );
  if (config.federation.allowInsecureIssuers)
    Logger.warn(
      'FEDERATION_ALLOW_INSECURE_ISSUERS=true: federated credentials may trust http issuers; for development and tests only',
      'keyward',
    );
  return app;
}
