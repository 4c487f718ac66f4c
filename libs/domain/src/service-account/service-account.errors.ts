import { DomainError } from '../shared/domain-error';

export class ServiceAccountNotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code = 'service_account_not_found';
  constructor() {
    super('service account not found');
  }
}

export class ServiceAccountAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'service_account_exists';
  constructor() {
    super('service account already exists');
  }
}

export class ServiceAccountNotActive extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'service_account_not_active';
  constructor(status: string) {
    super(`the service account is ${status}`);
  }
}

export class CredentialNotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code = 'credential_not_found';
  constructor() {
    super('credential not found');
  }
}

export class CredentialRevokedAlready extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'credential_revoked';
  constructor() {
    super('the credential is revoked');
  }
}

export class CredentialNameTaken extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'credential_name_taken';
  constructor(name: string) {
    super(`a credential named "${name}" already exists on this service account`, 'name');
  }
}

export class CredentialLimitReached extends DomainError {
  readonly kind = 'quota';
  readonly code = 'credential_limit_reached';
  constructor(limit: number) {
    super(`a service account holds at most ${limit} active credentials; revoke one first`);
  }
}

export class UnknownScope extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'unknown_scope';
  constructor(readonly scopes: readonly string[]) {
    super(`not in the organization's scope catalog: ${scopes.join(', ')}`, 'scopes');
  }
}

export class NotAnOAuthClient extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'not_an_oauth_client';
  constructor(message = 'only OAuth client credentials have a secret to rotate') {
    super(message);
  }
}

export class NotAPrivateKeyJwtClient extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'not_a_private_key_jwt_client';
  constructor() {
    super('only OAuth clients created with a JWK set (private_key_jwt) hold public keys');
  }
}

/** Removing the last key would leave a client no way to authenticate; revoke the credential instead. */
export class LastClientPublicKey extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'last_client_public_key';
  constructor() {
    super('a private_key_jwt client keeps at least one key; add the new key before removing the old one, or revoke the credential');
  }
}
