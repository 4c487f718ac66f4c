import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeywardConfig } from '@keyward/config';
import { addConsoleSecurityHeaders } from './console-security-headers';

/**
 * The Fastify parts of the console: cookies for its session, its built assets (content-hashed names,
 * so cached for good), and its security headers. Registered before the app initializes.
 */
export async function registerConsoleHttp(app: NestFastifyApplication, config: KeywardConfig): Promise<void> {
  await app.register(fastifyCookie);
  const assets = join(config.consoleAssetsDir, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/console/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      decorateReply: false,
    });
  }
  app.getHttpAdapter().getInstance().addHook('onRequest', addConsoleSecurityHeaders);
}
