import { Delete, HttpCode } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { DeleteServiceAccount } from '@keyward/application';

@AdminController('service-accounts', 'service accounts')
export class DeleteServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(204)
  @RequiresScope('manage:service-accounts')
  async delete(@UuidParam('id') id: string, @Caller() { context }: AdminCall): Promise<void> {
    await this.commands.execute(new DeleteServiceAccount({ organizationId: context.organizationId, serviceAccountId: id, context }));
  }
}
