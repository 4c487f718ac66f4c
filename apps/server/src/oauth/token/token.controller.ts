import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientCertificateReader, TokenEndpoint, type TokenResponse } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 6749 §3.2 token endpoint. Errors are OAuthError subclasses, answered by the one exception filter. */
@Controller('oauth/token')
export class TokenController {
  constructor(
    private readonly endpoint: TokenEndpoint,
    private readonly certificates: ClientCertificateReader,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async token(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenResponse> {
    // RFC 6749 §5.1: token responses must not be cached.
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.endpoint.handle(
      { ...oauthHttpRequest(request, this.certificates), dpop: request.headers.dpop },
      oauthRequestContext(request),
    );
  }

  // GET (any method but POST) is 405 with Allow: POST (http/method-not-allowed.ts; RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
}
