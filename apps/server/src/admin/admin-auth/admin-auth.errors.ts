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

/** Server-wide operations (signing keys) belong to the operator organization, not to tenants. */
export class OperatorOnly extends Error {
  readonly status = 403;
  readonly error = 'forbidden';
  constructor() {
    super('signing keys are managed by the operator organization (OPERATOR_ORGANIZATION_ID) or with `keyward keys:rotate`');
  }
}
