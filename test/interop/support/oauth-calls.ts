import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** POST a form to an OAuth endpoint, with optional Basic credentials and extra headers. */
export async function postForm(url: string, form: Record<string, string | string[]>, options: { basic?: { id: string; secret: string }; headers?: Record<string, string> } = {}): Promise<Answer> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  if (options.basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(options.basic.id)}:${encodeURIComponent(options.basic.secret)}`).toString('base64')}`;
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function adminCall(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function clientCredentialsToken(baseUrl: string, client: { clientId: string; clientSecret: string }, extra: Record<string, string | string[]> = {}): Promise<string> {
  const answer = await postForm(`${baseUrl}/oauth/token`, { grant_type: 'client_credentials', ...extra }, { basic: { id: client.clientId, secret: client.clientSecret } });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
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
export function clientAssertion(key: ClientKey, clientId: string, audience: string, over: { claims?: Record<string, unknown>; header?: Record<string, unknown>; jti?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: clientId, sub: clientId, aud: audience, jti: over.jti ?? crypto.randomUUID(), iat: now, exp: now + 60, ...over.claims })
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid, ...over.header })
    .sign(key.privateKey);
}
