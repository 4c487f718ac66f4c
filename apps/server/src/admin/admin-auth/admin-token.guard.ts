import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '@keyward/application';
import type { KeywardConfig } from '@keyward/config';
import { ClientCertificateReader } from '@keyward/oauth';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from './access-token-verifier';
import type { AdminCall } from './admin-principal';
import { InsufficientScope, InvalidToken } from './admin-auth.errors';
import { REQUIRED_SCOPE } from './requires-scope.decorator';

export type AdminRequest = FastifyRequest & { adminCall?: AdminCall };

/** Admins authenticate with access tokens from this server (RFC 6750 Bearer); no static admin keys. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly certificates: ClientCertificateReader;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
    @Inject(KEYWARD_CONFIG) config: KeywardConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.certificates = new ClientCertificateReader({ mtls: config.mtls, proxies: config.http.trustProxy, clock });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const header = request.headers.authorization;
    const match = header && /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
    if (!match) throw new InvalidToken('a Bearer access token is required');
    const principal = await this.verifier.verify(
      match[1],
      this.certificates.read({ socket: request.raw.socket, headers: request.headers })?.thumbprint,
    );
    const scope = this.reflector.get<string | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (scope && !principal.scopes.has(scope)) throw new InsufficientScope(scope);
    request.adminCall = {
      principal,
      context: {
        actor: `service_account:${principal.serviceAccountId}`,
        organizationId: principal.organizationId,
        sourceIp: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300),
        // Set per request from x-correlation-id or traceparent (http/correlation-id.ts).
        correlationId: request.id,
      },
    };
    return true;
  }
}
