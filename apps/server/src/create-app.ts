import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { AppModule } from './app.module';
import type { Clock } from './core/tokens';
import { boundedHttpServer } from './http/bounded-http-server';
import { ErrorResponseFilter } from './http/error-response.filter';
import { createValidationPipe } from './http/validation.pipe';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The whole HTTP service, ready to listen: used by main, the end-to-end tests and the benchmark. */
export async function createApp(config: KeywardConfig, options: { clock?: Clock; store?: EventStore; logger?: false } = {}): Promise<NestFastifyApplication> {
  const { http } = config;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For counts only from a TRUST_PROXY peer; anyone else is the client (request.ip is the socket's).
    trustProxy: (address: string) => http.trustProxy.trusts(address),
    serverFactory: boundedHttpServer(http),
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: options.logger === false ? false : ['log', 'warn', 'error'],
    bufferLogs: false,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('keyward admin API').setVersion('1').addBearerAuth().setDescription('Service accounts, credentials and scopes. Authenticate with an access token from /oauth/token.').build(),
  );
  app.getHttpAdapter().get('/openapi.json', (_req, reply: { send(body: unknown): void }) => reply.send(document));
  app.getHttpAdapter().get('/healthz', (_req, reply: { send(body: unknown): void }) => reply.send({ status: 'ok' }));
  await app.init();
  Logger.log(`issuer ${config.issuer}, store ${config.eventStore.kind}`, 'keyward');
  return app;
}
