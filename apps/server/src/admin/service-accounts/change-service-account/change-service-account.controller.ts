import { Body, Patch } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { toServiceAccountResponse } from '../service-account.response';
import { ChangeServiceAccountDto } from './change-service-account.dto';
import { ChangeServiceAccount } from '@keyward/application';

@AdminController('service-accounts', 'service accounts')
export class ChangeServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @RequiresScope('manage:service-accounts')
  async change(@UuidParam('id') id: string, @Body() body: ChangeServiceAccountDto, @Caller() { context }: AdminCall) {
    return toServiceAccountResponse(
      await this.commands.execute(
        new ChangeServiceAccount({ organizationId: context.organizationId, serviceAccountId: id, changes: body, context }),
      ),
    );
  }
}
