import { Body, HttpCode, Post } from '@nestjs/common';
import { InvalidInput } from '@keyward/domain';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { CreateCredentialDto } from './create-credential.dto';
import { CreateCredential, type CreatedCredential } from '@keyward/application';

@AdminController('service-accounts', 'credentials')
export class CreateCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/credentials')
  @HttpCode(201)
  @RequiresScope('manage:service-accounts')
  create(@UuidParam('id') id: string, @Body() body: CreateCredentialDto, @Caller() { context }: AdminCall): Promise<CreatedCredential> {
    if (body.type === 'oauth_client' && body.expiresInDays !== undefined) {
      throw new InvalidInput('expiresInDays', 'only api_token credentials expire');
    }
    const clientOnly = (['jwks', 'audiences', 'accessTokenLifetimeSeconds'] as const).find((field) => body[field] !== undefined);
    if (body.type === 'api_token' && clientOnly) throw new InvalidInput(clientOnly, 'only oauth_client credentials take it');
    if (body.jwks !== undefined && !Array.isArray(body.jwks.keys)) throw new InvalidInput('jwks.keys', 'must be an array of JWKs (RFC 7517 §5)');
    return this.commands.execute(
      new CreateCredential(context.organizationId, id, body.type, body.name, body.scopes, body.expiresInDays, context, {
        publicKeys: body.jwks?.keys,
        audiences: body.audiences,
        accessTokenLifetimeSeconds: body.accessTokenLifetimeSeconds,
      }),
    );
  }
}
