import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';
import type { PresentedCertificate } from '../mtls/presented-certificate';

export interface PresentedClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly method: 'client_secret_basic' | 'client_secret_post';
}

/** RFC 7523 §2.2: a signed JWT assertion; client_id is optional beside it (RFC 7521 §4.2). */
export interface PresentedClientAssertion {
  readonly method: 'private_key_jwt';
  readonly assertion: string;
  readonly clientId?: string;
}

/**
 * RFC 8705 §2: client_id in the body and a client certificate on the connection (or from a TRUST_PROXY
 * proxy). Whether it proves tls_client_auth or self_signed_tls_client_auth depends on the registration.
 */
export interface PresentedClientCertificate {
  readonly method: 'tls_client_auth';
  readonly clientId: string;
  readonly certificate: PresentedCertificate;
}

export type PresentedClientCredentials = PresentedClientSecret | PresentedClientAssertion | PresentedClientCertificate;

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * RFC 6749 §2.3.1. Basic carries id and secret each form-urlencoded (Appendix B) before base64.
 * A client must use one method only (§2.3): both at once is invalid_request.
 */
export function readClientCredentials(
  authorization: string | undefined,
  form: Readonly<Record<string, string>>,
  certificate?: PresentedCertificate,
): PresentedClientCredentials {
  const inBody = form.client_id !== undefined || form.client_secret !== undefined;
  const assertionInBody = form.client_assertion !== undefined || form.client_assertion_type !== undefined;
  if (authorization !== undefined) {
    if ((inBody && form.client_secret !== undefined) || assertionInBody) {
      throw new InvalidRequest('client credentials must be sent in the Authorization header or the body, not both');
    }
    const basic = parseBasic(authorization);
    if (form.client_id !== undefined && form.client_id !== basic.clientId)
      throw new InvalidRequest('client_id in the body differs from the Authorization header');
    return basic;
  }
  if (assertionInBody) return readAssertion(form);
  if (form.client_id === undefined || form.client_id === '') throw new InvalidClient('no_client_authentication', false);
  if ((form.client_secret === undefined || form.client_secret === '') && certificate)
    return { method: 'tls_client_auth', clientId: form.client_id, certificate };
  if (form.client_secret === undefined || form.client_secret === '') throw new InvalidClient('missing_client_secret', false);
  return { clientId: form.client_id, clientSecret: form.client_secret, method: 'client_secret_post' };
}

/** RFC 7521 §4.2: client_assertion_type and client_assertion together, never beside a secret. */
function readAssertion(form: Readonly<Record<string, string>>): PresentedClientAssertion {
  if (form.client_secret !== undefined)
    throw new InvalidRequest('use one client authentication method: client_secret or client_assertion, not both');
  if (form.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE)
    throw new InvalidRequest(`client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE} (RFC 7523 §2.2)`);
  if (form.client_assertion === undefined) throw new InvalidRequest('client_assertion is required with client_assertion_type');
  return {
    method: 'private_key_jwt',
    assertion: form.client_assertion,
    ...(form.client_id !== undefined ? { clientId: form.client_id } : {}),
  };
}

// Tested, not matched: no match array or captured copy per request; the credentials start after "Basic ".
const BASIC_CREDENTIALS = /^Basic [A-Za-z0-9+/]+={0,2}$/i;

function parseBasic(header: string): PresentedClientSecret {
  const trimmed = header.trim();
  if (!BASIC_CREDENTIALS.test(trimmed)) throw new InvalidClient('malformed_authorization_header', true);
  const decoded = Buffer.from(trimmed.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidClient('malformed_authorization_header', true);
  try {
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
      method: 'client_secret_basic',
    };
  } catch {
    throw new InvalidClient('malformed_authorization_header', true);
  }
}

// Without '%' or '+' there is nothing to decode (generated ids and secrets never have either).
const formDecode = (value: string): string =>
  value.includes('%') || value.includes('+') ? decodeURIComponent(value.replace(/\+/g, ' ')) : value;
