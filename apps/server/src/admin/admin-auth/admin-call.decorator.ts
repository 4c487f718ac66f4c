import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AdminCall } from './admin-principal';
import type { AdminRequest } from './admin-token.guard';

/** The verified caller of an admin route (set by AdminTokenGuard). */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): AdminCall => {
  const call = context.switchToHttp().getRequest<AdminRequest>().adminCall;
  if (!call) throw new Error('AdminTokenGuard did not run for this route');
  return call;
});
