import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MAX_TAGS, OWNER_MAX, TAG_PATTERN, TAG_RULE } from '@keyward/domain';

/** Owner and tags, shared by the create and change DTOs. */
export class OwnershipFieldsDto {
  @ApiPropertyOptional({
    maxLength: OWNER_MAX,
    nullable: true,
    example: 'team-payments',
    description: 'a team or a contact; null or "" for none',
  })
  @ValidateIf((dto: OwnershipFieldsDto) => dto.owner !== null && dto.owner !== undefined)
  @IsString()
  @MaxLength(OWNER_MAX)
  owner?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['env=prod', 'pci'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: `each tag must be ${TAG_RULE}` })
  tags?: string[];
}
