import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPE = 'keyward:required-scope';

/** The scope an admin route needs, checked by AdminTokenGuard (RFC 6750 §3.1 insufficient_scope). */
export const RequiresScope = (scope: 'manage:service-accounts' | 'read:service-accounts' | 'read:audit-log') =>
  SetMetadata(REQUIRED_SCOPE, scope);
