import { X509Certificate } from 'node:crypto';
import type { ClientAuthenticationRequest } from '@keyward/application';
import { InvalidInput, TLS_CLIENT_AUTH_NAME_KINDS, type RegisteredClientCertificate, type TokenEndpointAuthMethod } from '@keyward/domain';
import { canonicalClientPublicKeys, certificateThumbprint, subjectDnSequence } from '@keyward/oauth';
import type { CreateCredentialDto } from './create-credential.dto';

/**
 * RFC 7591 §2 token_endpoint_auth_method with its metadata: inferred from what the body holds when absent,
 * and every member that belongs to another method refused (a tls_client_auth_* name on a secret client
 * would otherwise look like a certificate check that never runs).
 */
export function clientAuthenticationOf(
  body: CreateCredentialDto,
  options: { readonly allowInsecureIssuers: boolean },
): ClientAuthenticationRequest {
  const method: TokenEndpointAuthMethod =
    body.token_endpoint_auth_method ??
    (body.jwks !== undefined ? 'private_key_jwt' : body.federation !== undefined ? 'federated_jwt' : 'client_secret_basic');
  const names = Object.fromEntries(TLS_CLIENT_AUTH_NAME_KINDS.filter((kind) => body[kind] !== undefined).map((kind) => [kind, body[kind]]));
  refuseMembersOfOtherMethods(body, method, Object.keys(names));
  switch (method) {
    case 'client_secret_basic':
      return { tokenEndpointAuthMethod: 'client_secret_basic' };
    case 'private_key_jwt':
      return { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: canonicalClientPublicKeys(jwksKeys(body)) };
    case 'federated_jwt':
      if (body.federation === undefined) throw new InvalidInput('federation', 'is required with federated_jwt');
      return { tokenEndpointAuthMethod: 'federated_jwt', federation: body.federation, allowInsecureIssuers: options.allowInsecureIssuers };
    case 'tls_client_auth':
      // RFC 4514 syntax is checked here, where the DN parser lives; the domain checks the rest.
      if (typeof names.tls_client_auth_subject_dn === 'string') subjectDnSequence(names.tls_client_auth_subject_dn);
      return { tokenEndpointAuthMethod: 'tls_client_auth', names };
    case 'self_signed_tls_client_auth':
      return { tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: jwksKeys(body).map(registeredCertificate) };
  }
}

function refuseMembersOfOtherMethods(body: CreateCredentialDto, method: TokenEndpointAuthMethod, names: readonly string[]): void {
  if (body.jwks !== undefined && method !== 'private_key_jwt' && method !== 'self_signed_tls_client_auth')
    throw new InvalidInput('jwks', `does not go with ${method}`);
  if (body.federation !== undefined && method !== 'federated_jwt') throw new InvalidInput('federation', `does not go with ${method}`);
  if (names.length > 0 && method !== 'tls_client_auth') throw new InvalidInput(names[0], `does not go with ${method}`);
}

function jwksKeys(body: CreateCredentialDto): unknown[] {
  if (body.jwks === undefined || !Array.isArray(body.jwks.keys))
    throw new InvalidInput('jwks.keys', 'must be an array of JWKs (RFC 7517 §5)');
  return body.jwks.keys;
}

/** RFC 8705 §2.2: the certificate is the first of the key's x5c (RFC 7517 §4.7: base64 DER, not base64url). */
function registeredCertificate(key: unknown, index: number): RegisteredClientCertificate {
  const x5c = (key as { x5c?: unknown } | null)?.x5c;
  const field = `jwks.keys[${index}].x5c`;
  if (!Array.isArray(x5c) || typeof x5c[0] !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(x5c[0]))
    throw new InvalidInput(field, 'must hold the client certificate as base64 DER (RFC 7517 §4.7)');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(x5c[0], 'base64'));
  } catch {
    throw new InvalidInput(field, 'is not an X.509 certificate');
  }
  return {
    x5tS256: certificateThumbprint(certificate.raw),
    subject: certificate.subject.split('\n').reverse().join(','),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}
