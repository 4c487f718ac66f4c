import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';

export interface PresentedClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly method: 'client_secret_basic' | 'client_secret_post';
}

/**
 * RFC 6749 §2.3.1. Basic carries id and secret each form-urlencoded (Appendix B) before base64.
 * A client must use one method only (§2.3): both at once is invalid_request.
 */
export function readClientCredentials(authorization: string | undefined, form: Readonly<Record<string, string>>): PresentedClientCredentials {
  const inBody = form.client_id !== undefined || form.client_secret !== undefined;
  if (authorization !== undefined) {
    if (inBody && form.client_secret !== undefined) throw new InvalidRequest('client credentials must be sent in the Authorization header or the body, not both');
    const basic = parseBasic(authorization);
    if (form.client_id !== undefined && form.client_id !== basic.clientId) throw new InvalidRequest('client_id in the body differs from the Authorization header');
    return { ...basic, method: 'client_secret_basic' };
  }
  if (form.client_id === undefined || form.client_id === '') throw new InvalidClient('no_client_authentication', false);
  if (form.client_secret === undefined || form.client_secret === '') throw new InvalidClient('missing_client_secret', false);
  return { clientId: form.client_id, clientSecret: form.client_secret, method: 'client_secret_post' };
}

function parseBasic(header: string): { clientId: string; clientSecret: string } {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!match) throw new InvalidClient('malformed_authorization_header', true);
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidClient('malformed_authorization_header', true);
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new InvalidClient('malformed_authorization_header', true);
  }
}

const formDecode = (value: string): string => decodeURIComponent(value.replace(/\+/g, ' '));
