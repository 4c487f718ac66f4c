import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session is the access token itself, in a cookie scripts cannot read (HttpOnly) nor other sites send (SameSite=Strict). */
export const SESSION_COOKIE = 'keyward_console_session';
const COOKIE_PATH = '/console';

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies?.[SESSION_COOKIE];
  return token ? token : undefined;
}

/** Secure when the console is served over https (the issuer's scheme, or the connection's). */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}
