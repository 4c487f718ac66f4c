import { Body, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { CreateServiceAccountDto } from './create-service-account.dto';
import { CreateServiceAccount, type ServiceAccountCreatedResult } from '@keyward/application';

@AdminController('service-accounts', 'service accounts')
export class CreateServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @RequiresScope('manage:service-accounts')
  create(@Body() body: CreateServiceAccountDto, @Caller() { context }: AdminCall): Promise<ServiceAccountCreatedResult> {
    return this.commands.execute(new CreateServiceAccount({ organizationId: context.organizationId, name: body.name, description: body.description ?? '', context, ownership: { owner: body.owner, tags: body.tags } }));
  }
}
