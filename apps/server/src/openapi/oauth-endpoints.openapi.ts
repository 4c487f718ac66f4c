import type { OpenAPIObject } from '@nestjs/swagger';
import { JWT_BEARER_ASSERTION_TYPE } from '@keyward/oauth';

type Schema = Record<string, unknown>;

// RFC 6749 §2.3.1 client_secret_post, RFC 7523 §2.2 private_key_jwt; Basic goes in the Authorization header.
const SECRET_IN_BODY: Schema = {
  client_id: { type: 'string', maxLength: 128, description: 'with client_secret (client_secret_post), or alone beside a Basic header' },
  client_secret: { type: 'string', maxLength: 256, writeOnly: true },
};
const ASSERTION: Schema = {
  client_assertion_type: { type: 'string', enum: [JWT_BEARER_ASSERTION_TYPE] },
  client_assertion: { type: 'string', maxLength: 8192, description: 'a JWT signed with a key registered for the client (RFC 7523)' },
  client_id: { type: 'string', maxLength: 128 },
};

/** One form per client authentication method: a client uses exactly one (RFC 6749 §2.3). */
function form(own: Schema, required: readonly string[]): Schema {
  const withSecret = { type: 'object', additionalProperties: false, required, properties: { ...own, ...SECRET_IN_BODY } };
  const withAssertion = {
    type: 'object',
    additionalProperties: false,
    required: [...required, 'client_assertion_type', 'client_assertion'],
    properties: { ...own, ...ASSERTION },
  };
  return { oneOf: [withSecret, withAssertion] };
}

const formBody = (schema: Schema, description: string) => ({
  required: true,
  description,
  content: { 'application/x-www-form-urlencoded': { schema } },
});
const noStore = { 'Cache-Control': { schema: { type: 'string', enum: ['no-store'] } } };

/**
 * The OAuth endpoints as they answer (their controllers read the raw form, so Nest cannot describe them):
 * form bodies, client authentication by Basic header or form, RFC 6749 §5.1 / RFC 7662 §2.2 / RFC 7009 §2.2 answers.
 */
export function addOAuthEndpoints(document: OpenAPIObject, grantTypes: readonly string[]): void {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    client_secret_basic: {
      type: 'http',
      scheme: 'basic',
      description: 'client_id and client_secret, each form-urlencoded (RFC 6749 §2.3.1)',
    },
  };
  const clientAuth: Record<string, string[]>[] = [{ client_secret_basic: [] }, {}];
  const tokenForm = form(
    {
      grant_type: {
        type: 'string',
        enum: ['client_credentials'],
        description: `this document describes client_credentials; the server supports ${grantTypes.join(', ')} (see the metadata)`,
      },
      scope: {
        type: 'string',
        maxLength: 1000,
        pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$',
        description: 'RFC 6749 §3.3',
      },
      resource: {
        type: 'array',
        items: { type: 'string', format: 'uri', maxLength: 2000 },
        maxItems: 10,
        description: 'RFC 8707 audiences',
      },
    },
    ['grant_type'],
  );
  const tokenAnswer = {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in', 'scope'],
    properties: {
      access_token: { type: 'string' },
      token_type: { type: 'string', enum: ['Bearer', 'DPoP'] },
      expires_in: { type: 'integer' },
      scope: { type: 'string' },
    },
  };
  const tokenHint = {
    token: { type: 'string', minLength: 1, maxLength: 8192 },
    token_type_hint: { type: 'string', enum: ['access_token', 'api_token'] },
  };
  document.paths['/oauth/token'] = {
    post: {
      tags: ['oauth'],
      summary: 'Access token (RFC 6749 §4.4 client credentials grant; RFC 7523 client assertions; RFC 8707 resource; RFC 9449 DPoP)',
      security: clientAuth,
      parameters: [
        {
          name: 'DPoP',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 8192 },
          description: 'RFC 9449 proof for a sender-constrained token',
        },
      ],
      requestBody: formBody(tokenForm, 'RFC 6749 §4.4.2'),
      responses: { 200: { description: 'RFC 6749 §5.1', headers: noStore, content: { 'application/json': { schema: tokenAnswer } } } },
    },
  };
  document.paths['/oauth/introspect'] = {
    post: {
      tags: ['oauth'],
      summary: 'Token introspection (RFC 7662); the caller needs the introspect scope (without it: 401 invalid_client, as a wrong secret)',
      security: clientAuth,
      requestBody: formBody(form(tokenHint, ['token']), 'RFC 7662 §2.1'),
      responses: {
        200: {
          description: 'RFC 7662 §2.2: { active: false } and nothing else for a token that is not active',
          headers: noStore,
          content: {
            'application/json': { schema: { type: 'object', required: ['active'], properties: { active: { type: 'boolean' } } } },
          },
        },
      },
    },
  };
  document.paths['/oauth/revoke'] = {
    post: {
      tags: ['oauth'],
      summary: 'Token revocation (RFC 7009): access tokens by jti, API tokens',
      security: clientAuth,
      requestBody: formBody(form(tokenHint, ['token']), 'RFC 7009 §2.1'),
      responses: { 200: { description: 'RFC 7009 §2.2: revoked, or was not valid already; empty body' } },
    },
  };
}
