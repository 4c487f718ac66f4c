import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleCsrf } from './console-csrf';
import { sessionTokenOf } from './console-session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

const refused = (message: string) => new ForbiddenException({ error: 'csrf_refused', message });

/**
 * State-changing console calls come from the console's own pages: the browser's Fetch Metadata and
 * Origin say so (a cross-site form or fetch cannot forge either), and a JSON body forces a CORS preflight.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw refused('cross-site requests are refused');
    const origin = request.headers.origin;
    if (origin !== undefined && hostOf(origin) !== request.headers.host) throw refused('the Origin is not this server');
    return true;
  }
}

/** Every state-changing call of a signed-in console carries the session's CSRF token in X-CSRF-Token. */
@Injectable()
export class CsrfTokenGuard implements CanActivate {
  constructor(private readonly csrf: ConsoleCsrf) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const session = sessionTokenOf(request);
    // No session: nothing to forge; the call answers 401 further on.
    if (session && !this.csrf.matches(session, request.headers[CSRF_HEADER] as string | undefined))
      throw refused('the CSRF token is missing or wrong; reload the console');
    return true;
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
