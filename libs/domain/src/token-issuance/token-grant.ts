/** The scopes a token gets, or why the request is refused with invalid_scope (RFC 6749 §5.2). */
export type ScopeDecision =
  | { readonly granted: true; readonly scopes: readonly string[] }
  | { readonly granted: false; readonly error: 'invalid_scope'; readonly reason: 'scope_not_granted'; readonly description: string };

/**
 * RFC 6749 §3.3 / §4.4.2: a token holds the requested scopes, each held by the credential.
 * Without a scope parameter the token gets every scope of the credential.
 */
export function decideScopes(held: readonly string[], requested: readonly string[] | undefined): ScopeDecision {
  if (requested === undefined) return { granted: true, scopes: held };
  const notHeld = requested.filter((scope) => !held.includes(scope));
  if (notHeld.length > 0)
    return {
      granted: false,
      error: 'invalid_scope',
      reason: 'scope_not_granted',
      description: `scope not granted to this client: ${notHeld.join(' ')}`,
    };
  return { granted: true, scopes: [...new Set(requested)] };
}
