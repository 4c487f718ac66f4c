import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  DESCRIPTION_MAX,
  MAX_ACTIVE_CREDENTIALS,
  MAX_CLIENT_PUBLIC_KEYS,
  MAX_SCOPES_PER_ORGANIZATION,
  SCOPE_NAME_MAX,
  SCOPE_NAME_PATTERN,
} from '@keyward/domain';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { DefineScope } from '@keyward/application';

export class DefineScopeDto {
  @ApiProperty({ example: 'read:reports', maxLength: SCOPE_NAME_MAX, pattern: SCOPE_NAME_PATTERN.source })
  @IsString()
  @MinLength(1)
  @MaxLength(SCOPE_NAME_MAX)
  name!: string;

  @ApiProperty({ maxLength: DESCRIPTION_MAX })
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description!: string;
}

@AdminController('scopes', 'scopes')
export class DefineScopeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Define a scope',
    description: `An organization defines at most ${MAX_SCOPES_PER_ORGANIZATION} scopes of its own (403 scope_limit_reached past it); an account holds at most ${MAX_ACTIVE_CREDENTIALS} active credentials, a private_key_jwt client at most ${MAX_CLIENT_PUBLIC_KEYS} keys.`,
  })
  @RequiresScope('manage:service-accounts')
  define(@Body() body: DefineScopeDto, @Caller() { context }: AdminCall) {
    return this.commands.execute(
      new DefineScope({ organizationId: context.organizationId, name: body.name, description: body.description, context }),
    );
  }
}
