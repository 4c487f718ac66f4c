const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Fixed-width base62 of an unsigned big-endian integer, so every secret has the same length. */
export function base62(bytes: Uint8Array, width: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}

/**
 * The same digits for a 32-bit unsigned integer (a CRC32), with Number arithmetic: exact below 2^53, and
 * without the BigInt steps, which cost about a µs of every client-secret check on the token endpoint.
 */
export function base62OfUint32(value: number, width: number): string {
  let rest = value >>> 0;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}
