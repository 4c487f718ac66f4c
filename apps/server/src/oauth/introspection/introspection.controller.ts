import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientCertificateReader, IntrospectionEndpoint, type IntrospectionResponse } from '@keyward/oauth';
import { oauthHttpRequest, oauthRequestContext } from '../oauth-http-request';

/** RFC 7662 token introspection. Errors are OAuthError subclasses, answered by the one exception filter. */
@Controller('oauth/introspect')
export class IntrospectionController {
  constructor(
    private readonly endpoint: IntrospectionEndpoint,
    private readonly certificates: ClientCertificateReader,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  introspect(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<IntrospectionResponse> {
    // The answer describes a live credential: no cache may keep it (RFC 7662 §4).
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.endpoint.handle(oauthHttpRequest(request, this.certificates), oauthRequestContext(request));
  }

  // GET (any method but POST) is 405 with Allow: POST (http/method-not-allowed.ts; RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
}
