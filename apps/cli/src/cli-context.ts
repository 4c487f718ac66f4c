import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@keyward/config';
import type { CommandContext } from '@keyward/application';
import { CliModule } from './cli.module';

/** Runs `work` inside a Nest application context on the configured store, and closes it after. */
export async function withCli<T>(work: (app: INestApplicationContext, context: CommandContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), { logger: ['error'] });
  try {
    return await work(app, { actor: `cli:${safeUser()}`, userAgent: 'keyward-cli', correlationId: randomUUID() });
  } finally {
    await app.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
