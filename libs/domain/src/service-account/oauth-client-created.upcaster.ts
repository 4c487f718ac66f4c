import type { EventUpcaster } from '../schema/event-upcaster';

/**
 * OAuthClientCreated v1 → v2: v1 told how the client authenticates by which field it held
 * (secretDigest, or publicKeys for RFC 7523 private_key_jwt); v2 says it (RFC 7591 §2 token_endpoint_auth_method).
 */
export const oauthClientCreatedV1: EventUpcaster = {
  type: 'OAuthClientCreated',
  fromVersion: 1,
  upcast(data) {
    const v1 = data as { readonly publicKeys?: unknown };
    return { ...(data as object), tokenEndpointAuthMethod: v1.publicKeys === undefined ? 'client_secret_basic' : 'private_key_jwt' };
  },
};
