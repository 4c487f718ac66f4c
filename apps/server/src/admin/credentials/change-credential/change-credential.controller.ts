import { Body, Patch } from '@nestjs/common';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  MAX_AUDIENCES_PER_CREDENTIAL,
  MAX_SCOPES_PER_CREDENTIAL,
  NAME_MAX,
  SCOPE_NAME_MAX,
} from '@keyward/domain';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { ChangeCredential } from '@keyward/application';

export class ChangeCredentialDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(SCOPE_NAME_MAX, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES_PER_CREDENTIAL)
  scopes?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'RFC 8707 audiences its tokens may name; the first is the default; [] for the issuer only',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_AUDIENCES_PER_CREDENTIAL)
  audiences?: string[];

  @ApiPropertyOptional({
    minimum: ACCESS_TOKEN_LIFETIME_SECONDS.min,
    maximum: ACCESS_TOKEN_LIFETIME_SECONDS.max,
    nullable: true,
    description: 'null: the server default',
  })
  @ValidateIf((dto: ChangeCredentialDto) => dto.accessTokenLifetimeSeconds !== null && dto.accessTokenLifetimeSeconds !== undefined)
  @IsInt()
  @Min(ACCESS_TOKEN_LIFETIME_SECONDS.min)
  @Max(ACCESS_TOKEN_LIFETIME_SECONDS.max)
  accessTokenLifetimeSeconds?: number | null;
}

@AdminController('service-accounts', 'credentials')
export class ChangeCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id/credentials/:credentialId')
  @RequiresScope('manage:service-accounts')
  change(
    @UuidParam('id') id: string,
    @UuidParam('credentialId') credentialId: string,
    @Body() body: ChangeCredentialDto,
    @Caller() { context }: AdminCall,
  ) {
    return this.commands.execute(
      new ChangeCredential({ organizationId: context.organizationId, serviceAccountId: id, credentialId, changes: body, context }),
    );
  }
}
