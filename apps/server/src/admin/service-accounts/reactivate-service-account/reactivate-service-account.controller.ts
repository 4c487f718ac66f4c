import { HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { toServiceAccountResponse } from '../service-account.response';
import { ReactivateServiceAccount } from '@keyward/application';

@AdminController('service-accounts', 'service accounts')
export class ReactivateServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  async reactivate(@UuidParam('id') id: string, @Caller() { context }: AdminCall) {
    return toServiceAccountResponse(
      await this.commands.execute(new ReactivateServiceAccount({ organizationId: context.organizationId, serviceAccountId: id, context })),
    );
  }
}
