/**
 * RFC 8707 §2 `resource` and the common `audience` parameter, against the audiences a credential may
 * ask for. Nothing asked: the credential's default (its first audience), or the issuer when it lists none.
 */
export type AudienceDecision =
  | { readonly granted: true; readonly audience: string | readonly string[] }
  | { readonly granted: false; readonly error: 'invalid_target'; readonly reason: string; readonly description: string };

export function decideAudience(allowed: readonly string[], issuer: string, requested: readonly string[]): AudienceDecision {
  const permitted = allowed.length > 0 ? allowed : [issuer];
  if (requested.length === 0) return { granted: true, audience: permitted[0] };
  const asked = [...new Set(requested)];
  const refused = asked.filter((audience) => !permitted.includes(audience));
  if (refused.length > 0) {
    return {
      granted: false,
      error: 'invalid_target',
      reason: 'audience_not_allowed',
      description: `this client may not request a token for: ${refused.join(' ')}`,
    };
  }
  return { granted: true, audience: asked.length === 1 ? asked[0] : asked };
}

/** RFC 8707 §2: a resource is an absolute URI without a fragment. */
export function isValidResourceIndicator(value: string): boolean {
  if (value.includes('#')) return false;
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}
