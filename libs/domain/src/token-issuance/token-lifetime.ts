/** The credential's lifetime (or the server default), never above the organization's cap. */
export function accessTokenLifetime(
  credentialLifetimeSeconds: number | undefined,
  serverDefaultSeconds: number,
  organizationCapSeconds: number,
): number {
  return Math.min(credentialLifetimeSeconds ?? serverDefaultSeconds, organizationCapSeconds);
}
