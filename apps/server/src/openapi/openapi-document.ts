import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { TokenEndpoint } from '@keyward/oauth';
import { optionalBodySchemaNames } from '../http/optional-body.decorator';
import { addErrorResponses } from './error-responses.openapi';
import { addOAuthEndpoints } from './oauth-endpoints.openapi';
import { addValidationRules } from './validation-rules.openapi';

/** GET /openapi.json: what Nest reads from the controllers, completed with what it cannot see. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('keyward')
      .setVersion('1')
      .addBearerAuth()
      .setDescription(
        'Admin API (service accounts, credentials, scopes, organization, audit), OAuth 2.0 endpoints, probes. Admin routes take an access token from /oauth/token.',
      )
      .build(),
  );
  addOAuthEndpoints(document, app.get(TokenEndpoint).grantTypes);
  addValidationRules(document);
  addErrorResponses(document);
  markOptionalBodies(document);
  // RFC 7517 §8.5: the key set's own media type.
  const jwks = document.paths['/.well-known/jwks.json']?.get?.responses[200] as { content?: Record<string, unknown> } | undefined;
  if (jwks)
    jwks.content = {
      'application/jwk-set+json': {
        schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object' } } } },
      },
    };
  return document;
}

/** Bodies whose DTO has @BodyMayBeOmitted() are optional; every other body is required (validation.pipe.ts). */
function markOptionalBodies(document: OpenAPIObject): void {
  const optional = optionalBodySchemaNames();
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch, item.delete]) {
      const body = operation?.requestBody as { required?: boolean; content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
      if (!body?.content) continue;
      const ref = Object.values(body.content)[0]?.schema?.$ref ?? '';
      body.required = !optional.has(ref.split('/').pop() ?? '');
    }
  }
}
