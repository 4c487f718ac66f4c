import { Body, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { OperatorOnly } from '../../admin-auth/admin-auth.errors';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import type { KeywardConfig } from '@keyward/config';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '@keyward/domain';
import { SigningKeyRing } from '@keyward/oauth';
import { KEYWARD_CONFIG, RevokeSigningKey, RotateSigningKey } from '@keyward/application';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall, AdminPrincipal } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { BodyMayBeOmitted } from '../../../http/optional-body.decorator';

@BodyMayBeOmitted()
export class RotateSigningKeyDto {
  @ApiPropertyOptional({ enum: SIGNING_ALGORITHMS, description: 'the server default (SIGNING_ALG) when absent' })
  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS)
  alg?: SigningAlgorithm;
}

/**
 * Signing keys belong to the whole server, not to one tenant: only admins of the operator organization
 * (OPERATOR_ORGANIZATION_ID) may see or rotate them here. The CLI (`keys:rotate`) runs with the operator's access to the store.
 */
@AdminController('signing-keys', 'signing keys')
export class RotateSigningKeyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ring: SigningKeyRing,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
  ) {}

  @Get()
  @RequiresScope('read:service-accounts')
  list(@Caller() { principal }: AdminCall) {
    this.requireOperator(principal);
    return { items: this.ring.list() };
  }

  @Post('rotate')
  @HttpCode(202)
  @RequiresScope('manage:service-accounts')
  rotate(@Body() body: RotateSigningKeyDto, @Caller() { principal, context }: AdminCall) {
    this.requireOperator(principal);
    return this.commands.execute(new RotateSigningKey({ alg: body?.alg, context }));
  }

  /** Emergency revocation (a leaked key): out of the JWKS at once, its tokens inactive everywhere; the active key is replaced at once. */
  @Post(':kid/revoke')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  revoke(@Param('kid') kid: string, @Caller() { principal, context }: AdminCall) {
    this.requireOperator(principal);
    return this.commands.execute(new RevokeSigningKey({ kid, context }));
  }

  private requireOperator(principal: AdminPrincipal): void {
    if (!this.config.operatorOrganizationId || principal.organizationId !== this.config.operatorOrganizationId) {
      throw new OperatorOnly();
    }
  }
}
