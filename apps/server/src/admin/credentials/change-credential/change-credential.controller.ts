import { Body, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_SCOPES_PER_CREDENTIAL, NAME_MAX, SCOPE_NAME_MAX } from '@keyward/domain';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { ChangeCredential } from './change-credential.handler';

export class ChangeCredentialDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(SCOPE_NAME_MAX, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES_PER_CREDENTIAL)
  scopes?: string[];
}

@AdminController('service-accounts', 'credentials')
export class ChangeCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id/credentials/:credentialId')
  @RequiresScope('manage:service-accounts')
  change(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('credentialId', ParseUUIDPipe) credentialId: string,
    @Body() body: ChangeCredentialDto,
    @Caller() { context }: AdminCall,
  ) {
    return this.commands.execute(new ChangeCredential(context.organizationId, id, credentialId, body, context));
  }
}
