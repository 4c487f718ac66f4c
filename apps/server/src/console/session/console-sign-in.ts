import { ForbiddenException, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InProcessHttp } from './in-process-http';

export interface IssuedSessionToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly scopes: readonly string[];
}

/** The console needs at least one of these to show anything; a credential without them cannot sign in. */
export const CONSOLE_SCOPES = ['read:service-accounts', 'manage:service-accounts', 'read:audit-log'] as const;

/**
 * Sign-in is the client credentials grant (RFC 6749 §4.4) done server-side: the secret goes from the
 * form to this server once and is never kept; the browser gets the access token only as an HttpOnly cookie.
 */
@Injectable()
export class ConsoleSignIn {
  constructor(private readonly http: InProcessHttp) {}

  async exchange(from: FastifyRequest, clientId: string, clientSecret: string): Promise<IssuedSessionToken> {
    // RFC 6749 §2.3.1: client_secret_basic form-urlencodes both parts before base64.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const response = await this.http.call(from, {
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    const body = JSON.parse(response.body) as {
      access_token?: string;
      expires_in?: number;
      scope?: string;
      error?: string;
      error_description?: string;
    };
    if (response.status === 401 || body.error === 'invalid_client') {
      throw new UnauthorizedException({
        error: 'invalid_client',
        message: 'the client ID or the client secret is wrong, or the credential is no longer active',
      });
    }
    if (response.status !== 200 || !body.access_token) {
      throw new HttpException(
        { error: body.error ?? 'sign_in_failed', message: body.error_description ?? 'the sign-in failed; retry' },
        response.status >= 400 ? response.status : 502,
      );
    }
    const scopes = (body.scope ?? '').split(' ').filter(Boolean);
    if (!scopes.some((scope) => (CONSOLE_SCOPES as readonly string[]).includes(scope))) {
      throw new ForbiddenException({
        error: 'not_an_admin',
        message: `this credential holds none of the admin scopes (${CONSOLE_SCOPES.join(', ')})`,
      });
    }
    return { accessToken: body.access_token, expiresInSeconds: body.expires_in ?? 0, scopes };
  }
}
