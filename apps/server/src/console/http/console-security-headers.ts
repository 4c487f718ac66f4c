import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every console response: nothing loads from another origin, no inline script or style element, no
 * framing (clickjacking), no referrer leaking ids in paths, no MIME sniffing.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const isConsolePath = (url: string): boolean => url === '/console' || url.startsWith('/console/') || url.startsWith('/console?');

/** An onRequest hook in callback style: an async hook costs every request (every token grant too) a promise and a turn. */
export function addConsoleSecurityHeaders(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (isConsolePath(request.url)) void reply.headers(CONSOLE_SECURITY_HEADERS);
  done();
}
