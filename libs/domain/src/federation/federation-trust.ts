/**
 * Workload identity federation: instead of holding a secret or keys, a credential trusts tokens that
 * an external OpenID Provider (GitHub Actions, a Kubernetes API server, a cloud) issues to a workload.
 * Every condition here must hold for a token to authenticate the client.
 */
export interface FederationTrust {
  /** Exactly the `iss` the provider puts in its tokens; its discovery document lives under it. */
  readonly issuer: string;
  readonly subject: SubjectMatch;
  /** The `aud` the token must carry; unset means keyward's own issuer URL. */
  readonly audience?: string;
  /** Further claims the token must carry with exactly these values (nested objects match member by member). */
  readonly claims: ClaimConditions;
  /** Refuse tokens whose `iat` is older than this, whatever their `exp` says. */
  readonly maxTokenAgeSeconds: number;
  /**
   * false (default): each token authenticates once (its `jti` is remembered until it expires) and a token
   * without `jti` is refused. true: a token may be presented again until it expires, as Kubernetes
   * projected tokens are reused by the pod; `jti` is then not required.
   */
  readonly allowTokenReuse: boolean;
}

/** `exact`: the whole `sub`. `pattern`: `*` stands for one or more characters other than `:`. */
export type SubjectMatch = { readonly match: 'exact'; readonly value: string } | { readonly match: 'pattern'; readonly value: string };

export type ClaimValue = string | number | boolean;
export interface ClaimConditions {
  readonly [claim: string]: ClaimValue | ClaimConditions;
}

export const DEFAULT_MAX_FEDERATED_TOKEN_AGE_SECONDS = 3600;
