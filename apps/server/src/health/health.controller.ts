import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readiness, type ReadinessReport } from './readiness';

/** Probes for orchestrators: liveness (the process serves) and readiness (it can serve correctly). */
@Controller()
@ApiTags('probes')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'the process serves HTTP' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOkResponse({ description: 'ready: the store answers, read models reached its head, a signing key is active' })
  @ApiServiceUnavailableResponse({ description: 'not ready; checks name what fails' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    void reply.status(report.status === 'ready' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }
}
