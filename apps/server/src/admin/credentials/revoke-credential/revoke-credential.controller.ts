import { Delete, HttpCode } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { RevokeCredential } from '@keyward/application';

@AdminController('service-accounts', 'credentials')
export class RevokeCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/credentials/:credentialId')
  @HttpCode(204)
  @RequiresScope('manage:service-accounts')
  async revoke(
    @UuidParam('id') id: string,
    @UuidParam('credentialId') credentialId: string,
    @Caller() { context }: AdminCall,
  ): Promise<void> {
    await this.commands.execute(
      new RevokeCredential({ organizationId: context.organizationId, serviceAccountId: id, credentialId, context }),
    );
  }
}
