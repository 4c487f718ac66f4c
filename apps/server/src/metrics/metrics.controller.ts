import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import type { KeywardConfig } from '@keyward/config';
import { KEYWARD_CONFIG } from '@keyward/application';
import { bearerMatches, METRICS_CONTENT_TYPE } from './metrics-exposition';

/** GET /metrics on the public listener: only when METRICS_TOKEN is set, and only with that bearer token. */
@Controller('metrics')
@ApiExcludeController()
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
  ) {}

  @Get()
  metrics(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!bearerMatches(authorization, this.config.metrics.token!))
      throw new UnauthorizedException({ error: 'unauthorized', message: 'metrics need the METRICS_TOKEN bearer token' });
    reply.header('content-type', METRICS_CONTENT_TYPE);
    return this.registry.metrics();
  }
}
