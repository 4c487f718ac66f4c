import { Body, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ROTATION_GRACE_SECONDS } from '@keyward/domain';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { RotateClientSecret, type RotatedClientSecret } from '@keyward/application';
import { BodyMayBeOmitted } from '../../../http/optional-body.decorator';

@BodyMayBeOmitted()
export class RotateClientSecretDto {
  @ApiPropertyOptional({
    minimum: ROTATION_GRACE_SECONDS.min,
    maximum: ROTATION_GRACE_SECONDS.max,
    default: ROTATION_GRACE_SECONDS.default,
  })
  @IsOptional()
  @IsInt()
  @Min(ROTATION_GRACE_SECONDS.min)
  @Max(ROTATION_GRACE_SECONDS.max)
  graceSeconds?: number;
}

@AdminController('service-accounts', 'credentials')
export class RotateClientSecretController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/credentials/:credentialId/rotate')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  rotate(
    @UuidParam('id') id: string,
    @UuidParam('credentialId') credentialId: string,
    @Body() body: RotateClientSecretDto,
    @Caller() { context }: AdminCall,
  ): Promise<RotatedClientSecret> {
    return this.commands.execute(
      new RotateClientSecret({
        organizationId: context.organizationId,
        serviceAccountId: id,
        credentialId,
        graceSeconds: body?.graceSeconds ?? ROTATION_GRACE_SECONDS.default,
        context,
      }),
    );
  }
}
