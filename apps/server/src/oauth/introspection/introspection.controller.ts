import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientCertificateReader, IntrospectionEndpoint, InvalidRequest, type IntrospectionResponse } from '@keyward/oauth';
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

  /** RFC 7662 §2.1: the endpoint takes POST. */
  @Get()
  @ApiExcludeEndpoint()
  refuseGet(@Res({ passthrough: true }) reply: FastifyReply): never {
    reply.header('allow', 'POST');
    throw new InvalidRequest('the introspection endpoint accepts POST only (RFC 7662 §2.1)');
  }
}
