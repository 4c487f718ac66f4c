import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientCertificateReader, RevocationEndpoint } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 7009 token revocation. */
@Controller('oauth/revoke')
export class RevocationController {
  constructor(
    private readonly endpoint: RevocationEndpoint,
    private readonly certificates: ClientCertificateReader,
  ) {}

  /** RFC 7009 §2.2: 200 with an empty body, also for tokens that were invalid already. */
  @Post()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async revoke(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('cache-control', 'no-store');
    await this.endpoint.handle(oauthHttpRequest(request, this.certificates), oauthRequestContext(request));
    return '';
  }

  // GET (any method but POST) is 405 with Allow: POST (http/method-not-allowed.ts; RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
}
