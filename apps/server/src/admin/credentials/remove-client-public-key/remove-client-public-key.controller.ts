import { Delete, Param } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { RemoveClientPublicKey } from '@keyward/application';

@AdminController('service-accounts', 'credentials')
export class RemoveClientPublicKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/credentials/:credentialId/keys/:kid')
  @RequiresScope('manage:service-accounts')
  remove(
    @UuidParam('id') id: string,
    @UuidParam('credentialId') credentialId: string,
    @Param('kid') kid: string,
    @Caller() { context }: AdminCall,
  ) {
    return this.commands.execute(
      new RemoveClientPublicKey({ organizationId: context.organizationId, serviceAccountId: id, credentialId, kid, context }),
    );
  }
}
