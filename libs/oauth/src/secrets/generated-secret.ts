import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { base62, base62OfUint32 } from './base62';

/**
 * Secrets keyward hands out: a readable prefix, 256 random bits in base62 and a CRC32 checksum,
 * so leak scanners recognise them and a mistyped one is refused without a lookup (GitHub's token format).
 */
export const SECRET_PREFIX = { clientSecret: 'kw_cs_', apiToken: 'kw_at_' } as const;
export type SecretKind = keyof typeof SECRET_PREFIX;

const BODY_LENGTH = 43; // 62^43 > 2^256
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const SECRET_PATTERN = /^kw_(cs|at)_[0-9A-Za-z]{49}$/;

export function generateSecret(kind: SecretKind): string {
  const body = base62(randomBytes(32), BODY_LENGTH);
  return `${SECRET_PREFIX[kind]}${body}${checksum(SECRET_PREFIX[kind] + body)}`;
}

/** True when the value has the shape and checksum of a secret of this kind. */
export function isWellFormedSecret(kind: SecretKind, value: string): boolean {
  if (!SECRET_PATTERN.test(value) || !value.startsWith(SECRET_PREFIX[kind])) return false;
  const split = value.length - CHECKSUM_LENGTH;
  return checksum(value.slice(0, split)) === value.slice(split);
}

function checksum(text: string): string {
  return base62OfUint32(crc32(text), CHECKSUM_LENGTH);
}

/** Client ids are identifiers, not secrets: 128 random bits are plenty to be unguessable. */
export function generateClientId(): string {
  return `kw_ci_${base62(randomBytes(16), 22)}`;
}

const CLIENT_ID_PATTERN = /^kw_ci_[0-9A-Za-z]{22}$/;

/** Whether a presented client_id could be one of ours: anything else (a pasted secret, say) is never recorded. */
export function isWellFormedClientId(value: string): boolean {
  return CLIENT_ID_PATTERN.test(value);
}
