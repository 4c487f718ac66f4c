import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * The one HTTP helper of the test suites: plain fetch calls to the OAuth endpoints and the admin API,
 * as an integration would write them, and client keys and assertions for private_key_jwt.
 */
export interface HttpAnswer<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

async function answerOf(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const basicAuthorization = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** POST a form to an OAuth endpoint (a repeated parameter as an array), with optional Basic credentials and extra headers. */
export async function postForm(
  url: string,
  form: Record<string, string | string[]>,
  options: { basic?: { id: string; secret: string }; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  if (options.basic) headers.authorization = basicAuthorization(options.basic.id, options.basic.secret);
  return answerOf(await fetch(url, { method: 'POST', headers, body }));
}

export async function requestToken(
  baseUrl: string,
  credentials: { clientId: string; clientSecret: string },
  options: {
    method?: 'basic' | 'post';
    scope?: string;
    extra?: Record<string, string | string[]>;
    grantType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpAnswer<Record<string, unknown>>> {
  const form: Record<string, string | string[]> = {
    grant_type: options.grantType ?? 'client_credentials',
    ...(options.scope ? { scope: options.scope } : {}),
    ...options.extra,
  };
  if ((options.method ?? 'basic') === 'basic')
    return postForm(`${baseUrl}/oauth/token`, form, {
      basic: { id: credentials.clientId, secret: credentials.clientSecret },
      headers: options.headers,
    });
  return postForm(
    `${baseUrl}/oauth/token`,
    { ...form, client_id: credentials.clientId, client_secret: credentials.clientSecret },
    { headers: options.headers },
  );
}

/** A client_credentials access token (client_secret_basic); `form` adds parameters (scope, resource, ...). */
export async function accessToken(
  baseUrl: string,
  credentials: { clientId: string; clientSecret: string },
  form: Record<string, string | string[]> = {},
): Promise<string> {
  const answer = await requestToken(baseUrl, credentials, { extra: form });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

/** Calls /admin/v1 with a Bearer token; a raw string body is sent as is (for malformed JSON tests). */
export function adminApi(baseUrl: string, token: string) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return answerOf(
      await fetch(`${baseUrl}/admin/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  };
}

export interface ClientKey {
  readonly privateKey: Parameters<SignJWT['sign']>[0];
  readonly publicJwk: JWK & { kid: string };
  readonly alg: string;
}

export async function newClientKey(kid: string, alg: 'ES256' | 'EdDSA' | 'PS256' | 'RS256' = 'ES256'): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid }, alg };
}

/** An RFC 7523 client assertion; `over` replaces claims or header members to build the bad ones. */
export function clientAssertion(
  key: ClientKey,
  clientId: string,
  audience: string,
  over: { claims?: Record<string, unknown>; header?: Record<string, unknown>; jti?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: over.jti ?? crypto.randomUUID(),
    iat: now,
    exp: now + 60,
    ...over.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid, ...over.header })
    .sign(key.privateKey);
}
