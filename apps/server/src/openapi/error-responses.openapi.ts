import type { OpenAPIObject } from '@nestjs/swagger';

const ERROR = { $ref: '#/components/schemas/ErrorResponse' };
const OAUTH_ERROR = { $ref: '#/components/schemas/OAuthErrorResponse' };

const MEANING: Readonly<Record<number, string>> = {
  400: 'bad input: `field` names the first field at fault, `message` says why; nothing was changed',
  401: 'no valid credentials (a Bearer access token of this server for the admin API; client authentication for OAuth)',
  403: 'authenticated, but the token lacks the scope, the plan quota is used up, or the organization is locked down',
  404: 'no such resource in the caller’s organization',
  409: 'the change conflicts with the current state (a name taken, a concurrent change): reload and retry',
  413: 'the body exceeds 64 KiB',
  415: 'the body is not of the media type the route takes',
  429: 'too many requests: wait as Retry-After says',
  503: 'the event store is unavailable or the read models lag: retry after Retry-After (nothing was recorded)',
};

/** Which errors each family of routes can answer; a route's own declarations win. */
const FAMILIES: readonly { readonly test: (path: string) => boolean; readonly statuses: readonly number[]; readonly schema: object }[] = [
  { test: (path) => path.startsWith('/admin/'), statuses: [400, 401, 403, 404, 409, 413, 415, 429, 503], schema: ERROR },
  { test: (path) => path.startsWith('/oauth/'), statuses: [400, 401, 413, 415, 429, 503], schema: OAUTH_ERROR },
  { test: (path) => path.startsWith('/.well-known/'), statuses: [429], schema: ERROR },
];

/**
 * Every route lists the errors it can answer with the common error schema, so the document matches
 * behaviour without each controller repeating nine decorators. New admin routes get them by their path.
 */
export function addErrorResponses(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ErrorResponse: {
      type: 'object',
      required: ['error', 'message'],
      properties: {
        error: {
          type: 'string',
          description:
            'a stable code: invalid_request, invalid_token, insufficient_scope, not_found, conflict, quota_exceeded, unavailable, …',
        },
        message: { type: 'string', description: 'for people; never a secret' },
        field: { type: 'string', description: 'the field at fault (400)' },
        fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
      },
    },
    OAuthErrorResponse: {
      type: 'object',
      required: ['error'],
      description: 'RFC 6749 §5.2',
      properties: {
        error: {
          type: 'string',
          description:
            'invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope, invalid_target, temporarily_unavailable, …',
        },
        error_description: { type: 'string' },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const family = FAMILIES.find((f) => f.test(path));
    if (!family) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      for (const status of family.statuses) {
        operation.responses[status] ??= { description: MEANING[status], content: { 'application/json': { schema: family.schema } } };
      }
    }
  }
}
