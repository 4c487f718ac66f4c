import { All, Controller, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleSession, sessionEnded } from '../session/console-session';
import { clearSessionCookie, sessionTokenOf } from '../session/console-session-cookie';
import { CsrfTokenGuard, SameOriginGuard } from '../session/console-guards';
import { InProcessHttp } from '../session/in-process-http';

const PREFIX = '/console/api';

/**
 * The console's pages call /console/api/admin/v1/… with their cookie; this forwards each call to the
 * admin API with the session's access token as a Bearer token (a backend-for-frontend). The admin API
 * stays the only write path: same guards, validation, errors and events as any other admin client.
 */
@ApiExcludeController()
@Controller('console/api/admin/v1')
@UseGuards(SameOriginGuard, CsrfTokenGuard)
export class ConsoleAdminProxyController {
  constructor(
    private readonly http: InProcessHttp,
    private readonly session: ConsoleSession,
  ) {}

  // Fastify's router takes a bare trailing wildcard (find-my-way), not path-to-regexp's named one.
  @All('*')
  async forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(request);
    if (!token) throw sessionEnded();
    const hasBody = request.body !== undefined && request.body !== null;
    const response = await this.http.call(request, {
      method: request.method,
      url: request.url.slice(PREFIX.length),
      headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      payload: hasBody ? JSON.stringify(request.body) : undefined,
    });
    // The token expired or was revoked, or its credential stopped: the session is over.
    if (response.status === 401) {
      clearSessionCookie(reply, this.session.secureCookies(request));
      throw sessionEnded();
    }
    const contentType = response.headers['content-type'];
    if (typeof contentType === 'string') void reply.header('content-type', contentType);
    void reply.header('cache-control', 'no-store').status(response.status).send(response.body);
  }
}
