/**
 * RFC 6749 §5.2 error responses, one class per error code (as panva/node-oidc-provider does).
 * `reason` is for the audit trail only and never sent to the client.
 */
export abstract class OAuthError extends Error {
  abstract readonly error: string;
  abstract readonly status: number;

  readonly description: string;

  constructor(
    description: string,
    readonly reason: string = description,
  ) {
    // Descriptions may quote the request (a parameter name): what goes back is bounded whatever was sent.
    const bounded = description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description;
    super(bounded);
    this.description = bounded;
    this.name = new.target.name;
  }
}

const MAX_DESCRIPTION = 200;

export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request';
  readonly status = 400;
}

/** RFC 6749 §5.2: 401 when the client authenticated with the Authorization header, with WWW-Authenticate. */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client';
  readonly status = 401;
  constructor(
    reason: string,
    readonly usedBasic: boolean,
  ) {
    super('client authentication failed', reason);
  }
}

export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope';
  readonly status = 400;
}

export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client';
  readonly status = 400;
}

export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type';
  readonly status = 400;
}

/** The issue event could not be recorded: no token without its event (fail closed). */
export class TemporarilyUnavailable extends OAuthError {
  readonly error = 'temporarily_unavailable';
  readonly status = 503;
}

/** RFC 8707 §2: the requested resource or audience is invalid, unknown or not allowed for this client. */
export class InvalidTarget extends OAuthError {
  readonly error = 'invalid_target';
  readonly status = 400;
}

/** RFC 9449 §5: the DPoP proof is missing where required, malformed, or fails a check of §4.3. */
export class InvalidDPoPProof extends OAuthError {
  readonly error = 'invalid_dpop_proof';
  readonly status = 400;
}

/**
 * A rate limit or a client lockout (RFC 6585 §4): 429 with Retry-After. Not an RFC 6749 code; the
 * error name follows RFC 6585's status text, as other authorization servers do.
 */
export class TooManyRequests extends OAuthError {
  readonly error = 'too_many_requests';
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(`too many requests; retry after ${retryAfterSeconds} s`, reason);
  }
}
