/** RFC 6750 §3.1 errors of a protected resource, answered with WWW-Authenticate: Bearer. */
export class InvalidToken extends Error {
  readonly status = 401;
  readonly error = 'invalid_token';
}

export class InsufficientScope extends Error {
  readonly status = 403;
  readonly error = 'insufficient_scope';
  constructor(readonly scope: string) {
    super(`this call needs the scope ${scope}`);
  }
}
