import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '@keyward/domain';
import { EventStoreUnavailable, WrongExpectedRevision } from '@keyward/event-store';
import { InvalidClient, OAuthError, TemporarilyUnavailable, TooManyRequests } from '@keyward/oauth';
import { ProjectionLagTimeout } from '@keyward/projections';
import { InsufficientScope, InvalidToken, OperatorOnly } from '../admin/admin-auth/admin-auth.errors';

const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  quota: 403,
  forbidden: 403,
};

/** Every error becomes an HTTP answer here, and only here. Messages never carry a secret. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const url = host.switchToHttp().getRequest<FastifyRequest>().url ?? '';
    const [status, body, headers] = url.startsWith('/oauth/') ? this.translateForOAuth(error) : this.translate(error);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    void reply.status(status).send(body);
  }

  /** The OAuth endpoints answer every error in the RFC 6749 §5.2 shape, framework errors included. */
  private translateForOAuth(error: unknown): [number, object, Record<string, string>] {
    const [status, body, headers] = this.translate(error);
    if ('error_description' in body || status >= 500) return [status, body, headers];
    const { message } = body as { message?: unknown };
    return [
      status,
      { error: 'invalid_request', error_description: String(message ?? 'invalid request') },
      { ...headers, 'cache-control': 'no-store', pragma: 'no-cache' },
    ];
  }

  private translate(error: unknown): [number, object, Record<string, string>] {
    // RFC 6749 §5.2
    if (error instanceof OAuthError) {
      const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
      if (error instanceof InvalidClient && error.usedBasic) headers['www-authenticate'] = 'Basic realm="keyward", charset="UTF-8"';
      if (error instanceof TemporarilyUnavailable || error.status === 503) headers['retry-after'] = '1';
      if (error instanceof TooManyRequests) headers['retry-after'] = String(error.retryAfterSeconds);
      return [error.status, { error: error.error, error_description: error.description }, headers];
    }
    // RFC 6750 §3
    if (error instanceof InvalidToken)
      return [401, { error: error.error, message: error.message }, { 'www-authenticate': `Bearer realm="keyward", error="invalid_token"` }];
    if (error instanceof InsufficientScope) {
      return [
        403,
        { error: error.error, message: error.message },
        { 'www-authenticate': `Bearer realm="keyward", error="insufficient_scope", scope="${error.scope}"` },
      ];
    }
    if (error instanceof OperatorOnly) return [403, { error: error.error, message: error.message }, {}];
    if (error instanceof DomainError)
      return [
        STATUS_OF_KIND[error.kind],
        { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
        {},
      ];
    if (error instanceof WrongExpectedRevision)
      return [409, { error: 'conflict', message: 'a concurrent change was made; reload and retry' }, {}];
    if (error instanceof EventStoreUnavailable || error instanceof ProjectionLagTimeout) {
      this.logger.warn(`unavailable: ${(error as Error).message}`);
      return [503, { error: 'unavailable', message: 'the event store is unavailable; retry later' }, { 'retry-after': '1' }];
    }
    // Raised before a route runs (Nest wraps Fastify's body errors): too large, malformed JSON, wrong media type.
    const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: unknown })?.statusCode;
    if (status === 413) return [413, { error: 'payload_too_large', message: 'the request body exceeds 64 KiB' }, {}];
    if (status === 415)
      return [
        415,
        { error: 'unsupported_media_type', message: 'send application/json (the OAuth endpoints take application/x-www-form-urlencoded)' },
        {},
      ];
    if (error instanceof HttpException) return [error.getStatus(), normalizeHttpBody(error), {}];
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return [
        status,
        {
          error: 'invalid_request',
          message: /JSON/i.test((error as Error).message) ? 'the body is not valid JSON' : (error as Error).message,
        },
        {},
      ];
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [500, { error: 'internal_error', message: 'internal error' }, {}];
  }
}

function normalizeHttpBody(error: HttpException): object {
  const response = error.getResponse();
  if (
    typeof response === 'object' &&
    response !== null &&
    'error' in response &&
    typeof (response as { error: unknown }).error === 'string' &&
    'message' in response
  )
    return response;
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
  return {
    error: error.getStatus() === 404 ? 'not_found' : 'invalid_request',
    message: Array.isArray(message) ? message.join('; ') : String(message),
  };
}
