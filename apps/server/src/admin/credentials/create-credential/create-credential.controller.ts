import { Body, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { DryRunQuery } from '../../admin-auth/dry-run-query.dto';
import type { KeywardConfig } from '@keyward/config';
import { KEYWARD_CONFIG } from '@keyward/application';
import { clientAuthenticationOf } from './client-authentication-request';
import { InvalidInput } from '@keyward/domain';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { CreateCredentialDto } from './create-credential.dto';
import { CreateCredential, type CreatedCredential, type CredentialPreview } from '@keyward/application';

const CLIENT_ONLY = [
  'jwks',
  'audiences',
  'accessTokenLifetimeSeconds',
  'token_endpoint_auth_method',
  'federation',
  'tls_client_certificate_bound_access_tokens',
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

@AdminController('service-accounts', 'credentials')
export class CreateCredentialController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
  ) {}

  @Post(':id/credentials')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'created, with its secret shown once' })
  @ApiOkResponse({
    description:
      'dryRun=true: validated and decided like the real call; the body is what would be created, without id, client id or secret; nothing recorded',
  })
  @RequiresScope('manage:service-accounts')
  create(
    @UuidParam('id') id: string,
    @Body() body: CreateCredentialDto,
    @Query() { dryRun }: DryRunQuery,
    @Caller() { context }: AdminCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedCredential | CredentialPreview> {
    if (dryRun === 'true') reply.status(200);
    if (body.type === 'oauth_client' && body.expiresInDays !== undefined) {
      throw new InvalidInput('expiresInDays', 'only api_token credentials expire');
    }
    const clientOnly = CLIENT_ONLY.find((field) => body[field] !== undefined);
    if (body.type === 'api_token' && clientOnly) throw new InvalidInput(clientOnly, 'only oauth_client credentials take it');
    return this.commands.execute(
      new CreateCredential({
        organizationId: context.organizationId,
        serviceAccountId: id,
        type: body.type,
        name: body.name,
        scopes: body.scopes,
        expiresInDays: body.expiresInDays,
        context,
        clientOptions: {
          authentication: body.type === 'oauth_client' ? clientAuthenticationOf(body, this.config.federation) : undefined,
          audiences: body.audiences,
          accessTokenLifetimeSeconds: body.accessTokenLifetimeSeconds,
          certificateBoundAccessTokens: body.tls_client_certificate_bound_access_tokens,
        },
        dryRun: dryRun === 'true',
      }),
    );
  }
}
