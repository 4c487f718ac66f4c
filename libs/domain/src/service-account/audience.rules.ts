import { InvalidInput } from '../shared/domain-error';

export const MAX_AUDIENCES_PER_CREDENTIAL = 20;
const AUDIENCE_MAX = 500;

/**
 * The audiences a credential's tokens may name (RFC 8707 §2 resource URIs, or the logical names
 * clients send as `audience`). Order matters: the first is the default aud.
 */
export function requireAudiences(audiences: readonly string[]): string[] {
  if (audiences.length > MAX_AUDIENCES_PER_CREDENTIAL)
    throw new InvalidInput('audiences', `must hold at most ${MAX_AUDIENCES_PER_CREDENTIAL} audiences`);
  for (const audience of audiences) {
    if (!/^[\x21-\x7e]+$/.test(audience) || audience.length > AUDIENCE_MAX) {
      throw new InvalidInput('audiences', `"${audience.slice(0, 50)}" must be 1 to ${AUDIENCE_MAX} printable characters without spaces`);
    }
    if (audience.includes('#')) throw new InvalidInput('audiences', `"${audience.slice(0, 50)}" must not hold a fragment (RFC 8707 §2)`);
  }
  return [...new Set(audiences)];
}
