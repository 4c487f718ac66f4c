import { execFile } from 'node:child_process';
import { request } from 'node:https';
import type { TestCertificate } from '@keyward/testing/certificates';

export interface TlsAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A form POST with node's https client, presenting `client` as its certificate when given. */
export function httpsPost(url: string, form: Record<string, string>, options: { ca: string; client?: TestCertificate; headers?: Record<string, string> }): Promise<TlsAnswer> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        ca: options.ca,
        ...(options.client ? { cert: options.client.certPem, key: options.client.keyPem } : {}),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject).end(body);
  });
}

/** The same request with curl (Debian's), certificate and key from files. */
export function curlPost(url: string, form: Record<string, string>, options: { caFile: string; certFile?: string; keyFile?: string }): Promise<TlsAnswer> {
  const args = ['-sS', '--max-time', '20', '-w', '\n%{http_code}', '--cacert', options.caFile, ...(options.certFile ? ['--cert', options.certFile, '--key', options.keyFile!] : [])];
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
