import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { KeywardConfig } from '@keyward/config';
import { KEYWARD_CONFIG } from '@keyward/application';

/** The single-page console: every page path answers its index.html; the client-side router takes it from there. */
@ApiExcludeController()
@Controller('console')
export class ConsoleIndexController {
  private index?: Buffer;

  constructor(@Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig) {}

  @Get()
  root(@Res() reply: FastifyReply): Promise<void> {
    return this.send(reply);
  }

  @Get('*')
  page(@Param('*') path: string, @Res() reply: FastifyReply): Promise<void> {
    const first = path.split('/')[0];
    if (first === 'api' || first === 'assets') throw new NotFoundException({ error: 'not_found', message: 'no such console resource' });
    return this.send(reply);
  }

  private async send(reply: FastifyReply): Promise<void> {
    this.index ??= await readFile(join(this.config.consoleAssetsDir, 'index.html')).catch(() => undefined);
    if (!this.index)
      throw new ServiceUnavailableException({
        error: 'console_not_built',
        message: 'the console is not built: run `npm run build:console`',
      });
    void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.index);
  }
}
