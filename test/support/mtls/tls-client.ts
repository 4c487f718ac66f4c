import { execFile } from 'node:child_process';
import { request } from 'node:https';
import type { TestCertificate } from '@keyward/testing/certificates';

export interface TlsAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface TlsOptions {
  readonly ca: string;
  /** The client certificate to present, if any. */
  readonly client?: TestCertificate;
  readonly headers?: Record<string, string>;
}

/** A form POST with node's https client, presenting `client` as its certificate when given. */
export function httpsPost(url: string, form: Record<string, string>, options: TlsOptions): Promise<TlsAnswer> {
  return httpsRequest(url, 'POST', new URLSearchParams(form).toString(), {
    ...options,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
  });
}

/** The admin API over https with a Bearer token (JSON in and out). */
export function httpsAdmin(baseUrl: string, token: string, options: TlsOptions) {
  return (method: string, path: string, body?: unknown) =>
    httpsRequest(`${baseUrl}/admin/v1${path}`, method, body === undefined ? undefined : JSON.stringify(body), {
      ...options,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
    });
}

export function httpsRequest(url: string, method: string, body: string | undefined, options: TlsOptions): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: options.ca,
        ...(options.client ? { cert: options.client.certPem, key: options.client.keyPem } : {}),
        headers: { ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject).end(body);
  });
}

/** The same request with curl (Debian's), certificate and key from files. */
export function curlPost(
  url: string,
  form: Record<string, string>,
  options: { caFile: string; certFile?: string; keyFile?: string },
): Promise<TlsAnswer> {
  const args = [
    '-sS',
    '--max-time',
    '20',
    '-w',
    '\n%{http_code}',
    '--cacert',
    options.caFile,
    ...(options.certFile ? ['--cert', options.certFile, '--key', options.keyFile!] : []),
  ];
  for (const [name, value] of Object.entries(form)) args.push('--data-urlencode', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile('curl', args, (error, stdout, stderr) => {
      if (error) return reject(new Error(`curl failed: ${stderr || error.message}`));
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut) || '{}') as Record<string, unknown> });
    });
  });
}
