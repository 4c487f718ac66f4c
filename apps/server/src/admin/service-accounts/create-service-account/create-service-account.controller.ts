import { Body, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { DryRunQuery } from '../../admin-auth/dry-run-query.dto';
import { CreateServiceAccountDto } from './create-service-account.dto';
import { CreateServiceAccount, type ServiceAccountCreatedResult, type ServiceAccountPreview } from '@keyward/application';

@AdminController('service-accounts', 'service accounts')
export class CreateServiceAccountController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'created' })
  @ApiOkResponse({
    description: 'dryRun=true: validated and decided like the real call; the body is what would be created, without id; nothing recorded',
  })
  @RequiresScope('manage:service-accounts')
  create(
    @Body() body: CreateServiceAccountDto,
    @Query() { dryRun }: DryRunQuery,
    @Caller() { context }: AdminCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ServiceAccountCreatedResult | ServiceAccountPreview> {
    // Nothing is created by a dry run: 200, not 201.
    if (dryRun === 'true') reply.status(200);
    return this.commands.execute(
      new CreateServiceAccount({
        organizationId: context.organizationId,
        name: body.name,
        description: body.description ?? '',
        context,
        ownership: { owner: body.owner, tags: body.tags },
        dryRun: dryRun === 'true',
      }),
    );
  }
}
