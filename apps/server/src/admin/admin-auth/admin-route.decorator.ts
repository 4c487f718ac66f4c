import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from './admin-token.guard';

/** An admin API controller: under /admin/v1, guarded by an access token of this server. */
export const AdminController = (path: string, tag: string) =>
  applyDecorators(Controller(`admin/v1/${path}`), UseGuards(AdminTokenGuard), ApiBearerAuth(), ApiTags(tag));
