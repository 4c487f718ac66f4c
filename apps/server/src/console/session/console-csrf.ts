import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { KEYWARD_CONFIG } from '@keyward/application';

/**
 * Synchronizer tokens bound to the session (OWASP CSRF cheat sheet, "signed double-submit"): the token
 * is an HMAC of the session's access token, so it needs no server state and dies with the session.
 */
@Injectable()
export class ConsoleCsrf {
  private readonly key: Buffer;

  constructor(@Inject(KEYWARD_CONFIG) config: KeywardConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.secretPepper, Buffer.alloc(0), 'keyward console csrf v1', 32));
  }

  tokenFor(sessionToken: string): string {
    return createHmac('sha256', this.key).update(sessionToken).digest('base64url');
  }

  matches(sessionToken: string, presented: string | undefined): boolean {
    if (typeof presented !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(sessionToken));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
