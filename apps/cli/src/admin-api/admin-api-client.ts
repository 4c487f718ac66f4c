import { CliFailure, EXIT, exitCodeForStatus } from './exit-codes';

export interface AdminApiCredentials {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** KEYWARD_URL, KEYWARD_CLIENT_ID, KEYWARD_CLIENT_SECRET: a service account of the organization, as any integration holds. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AdminApiCredentials {
  const missing = ['KEYWARD_URL', 'KEYWARD_CLIENT_ID', 'KEYWARD_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new CliFailure(`${missing.join(', ')} must be set (the server URL and an admin client of your organization)`, EXIT.usage);
  const url = env.KEYWARD_URL!.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(url)) throw new CliFailure('KEYWARD_URL must be an http(s) URL', EXIT.usage);
  return { url, clientId: env.KEYWARD_CLIENT_ID!, clientSecret: env.KEYWARD_CLIENT_SECRET! };
}

/**
 * The admin API over HTTP, as any client of it: an access token from /oauth/token (client_secret_basic,
 * RFC 6749 §2.3.1), then Bearer calls. It never touches the store.
 */
export class AdminApiClient {
  private token?: Promise<string>;

  constructor(private readonly credentials: AdminApiCredentials) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(`${this.credentials.url}/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const { error, message, field } = (answer ?? {}) as { error?: string; message?: string; field?: string };
      throw new CliFailure(
        `${response.status} ${error ?? 'error'}: ${message ?? response.statusText}${field ? ` (field ${field})` : ''}`,
        exitCodeForStatus(response.status),
      );
    }
    return answer as T;
  }

  private accessToken(): Promise<string> {
    return (this.token ??= this.requestToken());
  }

  private async requestToken(): Promise<string> {
    const form = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    const basic = Buffer.from(`${form(this.credentials.clientId)}:${form(this.credentials.clientSecret)}`).toString('base64');
    const response = await this.send(`${this.credentials.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const answer = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || !answer.access_token) {
      throw new CliFailure(
        `no access token for KEYWARD_CLIENT_ID: ${response.status} ${answer.error ?? ''} ${answer.error_description ?? ''}`.trim(),
        exitCodeForStatus(response.status),
      );
    }
    return answer.access_token;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new CliFailure(`cannot reach ${this.credentials.url}: ${(error as Error).message}`, EXIT.unavailable);
    }
  }
}
