/** Fields that must never leave the store through an API: digests of secrets and sealed keys. */
const NEVER_SHOWN = new Set(['secretDigest', 'tokenDigest', 'encryptedPrivateKey']);

export function redactEventData(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object') return {};
  return Object.fromEntries(Object.entries(data).filter(([key]) => !NEVER_SHOWN.has(key)));
}
