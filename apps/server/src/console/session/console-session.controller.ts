import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleSession, sessionEnded, type ConsoleSessionView } from './console-session';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './console-session-cookie';
import { CsrfTokenGuard, SameOriginGuard } from './console-guards';
import { ConsoleSignIn } from './console-sign-in';
import { ConsoleSignOut } from './console-sign-out';
import { SignInDto } from './sign-in.dto';

@ApiExcludeController()
@Controller('console/api/session')
export class ConsoleSessionController {
  constructor(
    private readonly session: ConsoleSession,
    private readonly signIn: ConsoleSignIn,
    private readonly signOut: ConsoleSignOut,
  ) {}

  @Post()
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  async create(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsoleSessionView> {
    const issued = await this.signIn.exchange(request, body.clientId, body.clientSecret);
    setSessionCookie(
      reply.header('cache-control', 'no-store'),
      issued.accessToken,
      issued.expiresInSeconds,
      this.session.secureCookies(request),
    );
    return this.session.view(issued.accessToken);
  }

  @Get()
  async read(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConsoleSessionView> {
    reply.header('cache-control', 'no-store');
    const token = sessionTokenOf(request);
    if (!token) throw sessionEnded();
    try {
      return await this.session.view(token);
    } catch (error) {
      clearSessionCookie(reply, this.session.secureCookies(request));
      throw error;
    }
  }

  /** Sign out: the access token is revoked, so a copy of the cookie opens nothing either. */
  @Delete()
  @HttpCode(204)
  @UseGuards(SameOriginGuard, CsrfTokenGuard)
  async remove(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(request);
    if (token) await this.signOut.revoke(token, request);
    clearSessionCookie(reply, this.session.secureCookies(request));
  }
}
