import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { KeywardConfig } from '@keyward/config';
import { AccessTokenReader } from '@keyward/oauth';
import { AccessTokenVerifier } from '../../admin/admin-auth/access-token-verifier';
import { KEYWARD_CONFIG } from '@keyward/application';
import { ConsoleCsrf } from './console-csrf';

/** What the console's pages know of their session; the token itself never reaches the page. */
export interface ConsoleSessionView {
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: string;
  readonly csrfToken: string;
}

export const sessionEnded = () =>
  new UnauthorizedException({ error: 'session_ended', message: 'the console session ended; sign in again' });

/** A session lives exactly as long as its access token: expired, revoked, or its credential or account stopped, and it is gone. */
@Injectable()
export class ConsoleSession {
  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    private readonly verifier: AccessTokenVerifier,
    private readonly reader: AccessTokenReader,
    private readonly csrf: ConsoleCsrf,
  ) {}

  async view(token: string): Promise<ConsoleSessionView> {
    const principal = await this.verifier.verify(token).catch(() => undefined);
    const claims = principal && (await this.reader.read(token));
    if (!principal || !claims) throw sessionEnded();
    return {
      organizationId: principal.organizationId,
      serviceAccountId: principal.serviceAccountId,
      clientId: principal.clientId,
      scopes: [...principal.scopes],
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      csrfToken: this.csrf.tokenFor(token),
    };
  }

  /** Secure cookies when the console is reached over https (directly, or as the configured issuer). */
  secureCookies(request: FastifyRequest): boolean {
    return request.protocol === 'https' || this.config.issuer.startsWith('https://');
  }
}
