import { Body, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { toServiceAccountResponse } from '../service-account.response';
import { SuspendServiceAccount } from '@keyward/application';
import { BodyMayBeOmitted } from '../../../http/optional-body.decorator';

@BodyMayBeOmitted()
export class SuspendServiceAccountDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@AdminController('service-accounts', 'service accounts')
export class SuspendServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/suspend')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  async suspend(@UuidParam('id') id: string, @Body() body: SuspendServiceAccountDto, @Caller() { context }: AdminCall) {
    return toServiceAccountResponse(
      await this.commands.execute(
        new SuspendServiceAccount({ organizationId: context.organizationId, serviceAccountId: id, reason: body?.reason ?? '', context }),
      ),
    );
  }
}
