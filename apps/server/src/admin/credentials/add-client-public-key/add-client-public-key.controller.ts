import { Body, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ApiProperty } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsObject } from 'class-validator';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { AddClientPublicKey } from '@keyward/application';

export class AddClientPublicKeyDto {
  @ApiProperty({
    description:
      'a public JWK (RFC 7517) with a kid: EC P-256, OKP Ed25519 or RSA of 2048–8192 bits with e = 65537; only kty, crv, x, y, n, e, kid, alg and use are stored',
  })
  @IsObject()
  jwk!: Record<string, unknown>;
}

@AdminController('service-accounts', 'credentials')
export class AddClientPublicKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/credentials/:credentialId/keys')
  @HttpCode(201)
  @RequiresScope('manage:service-accounts')
  add(
    @UuidParam('id') id: string,
    @UuidParam('credentialId') credentialId: string,
    @Body() body: AddClientPublicKeyDto,
    @Caller() { context }: AdminCall,
  ) {
    return this.commands.execute(
      new AddClientPublicKey({ organizationId: context.organizationId, serviceAccountId: id, credentialId, publicKey: body.jwk, context }),
    );
  }
}
