import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * `?dryRun=true` on a create: the same validation and domain decision as the real call (so the same
 * 400/404/409), answered 200 with what would be created; nothing is appended and no secret is made
 * visible. The console's wizard asks it at each step's "Next".
 */
export class DryRunQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: validate and decide only; answers 200 with what would be created, records nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
