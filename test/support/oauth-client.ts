/** A plain HTTP client for the token endpoint and the admin API, as an integration would write it. */
export interface TokenAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export async function requestToken(
  baseUrl: string,
  credentials: { clientId: string; clientSecret: string },
  options: { method?: 'basic' | 'post'; scope?: string; extra?: Record<string, string>; grantType?: string; headers?: Record<string, string> } = {},
): Promise<TokenAnswer> {
  const form = new URLSearchParams({ grant_type: options.grantType ?? 'client_credentials', ...(options.scope ? { scope: options.scope } : {}), ...options.extra });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  if ((options.method ?? 'basic') === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', credentials.clientId);
    form.set('client_secret', credentials.clientSecret);
  }
  const response = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', headers, body: form });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export async function accessToken(baseUrl: string, credentials: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const answer = await requestToken(baseUrl, credentials, { scope });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

export interface AdminAnswer<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Calls /admin/v1 with a Bearer token; a raw string body is sent as is (for malformed JSON tests). */
export function adminApi(baseUrl: string, token: string) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}
