import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export type IssuerKeyAlgorithm = 'ES256' | 'RS256' | 'EdDSA';

interface IssuerKey {
  readonly kid: string;
  readonly alg: IssuerKeyAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  published: boolean;
}

/** What /control/sign takes: the claims, and optionally a way to make the token wrong on purpose. */
export interface SignRequest {
  readonly claims: JWTPayload;
  /** `none` (unsigned) and `HS256` (keyed with the kid's name) exist to be refused. */
  readonly alg?: IssuerKeyAlgorithm | 'none' | 'HS256';
  /** Sign with this kid instead of the active one. */
  readonly kid?: string;
  /** Sign with a fresh key that no JWKS publishes. */
  readonly unpublishedKey?: boolean;
}

/** How /.well-known/* answers: normally, failing, never, or with a body larger than any sane limit. */
export type IssuerFault = 'none' | 'error' | 'hang' | 'oversized' | 'not_json' | 'wrong_issuer';

/**
 * An OpenID Provider as far as a relying party sees one (OpenID Connect Discovery 1.0 §4, RFC 7517):
 * discovery document and JWKS over real HTTP on loopback, keys it rotates, and tokens it signs on
 * request. Control endpoints under /control let a test sign, rotate, retire, and break it.
 */
export class OidcTestIssuer {
  private readonly keys: IssuerKey[] = [];
  private readonly fetches = { discovery: 0, jwks: 0 };
  private fault: IssuerFault = 'none';
  private server?: Server;
  private url = '';

  get issuer(): string {
    return this.url;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    await this.rotate('ES256');
    const server = createServer(
      (request, response) => void this.route(request, response).catch((error: Error) => send(response, 500, { error: error.message })),
    );
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    this.server = server;
    this.url = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A new active key, published beside the old ones (which keep verifying until retired). */
  async rotate(alg: IssuerKeyAlgorithm = 'ES256'): Promise<string> {
    const key = await newKey(alg);
    this.keys.push(key);
    return key.kid;
  }

  retire(kid: string): void {
    const key = this.keys.find((candidate) => candidate.kid === kid);
    if (key) key.published = false;
  }

  async sign(request: SignRequest): Promise<string> {
    const claims = { iss: this.url, iat: Math.floor(Date.now() / 1000), ...request.claims };
    if (request.alg === 'none') return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    const key = request.unpublishedKey ? await newKey(this.activeKey().alg, false) : this.keyNamed(request.kid);
    if (request.alg === 'HS256') {
      // The classic confusion attack: an HMAC keyed with public material the verifier can also see.
      const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${b64url(claims)}`;
      return `${signingInput}.${createHmac('sha256', JSON.stringify(key.publicJwk)).update(signingInput).digest('base64url')}`;
    }
    return new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://issuer').pathname;
    if (path.startsWith('/control/')) return this.control(path, await readJson(request), response);
    if (path === '/.well-known/openid-configuration') {
      this.fetches.discovery++;
      if (this.fault === 'wrong_issuer') return send(response, 200, this.discovery('https://attacker.example'));
      return this.answer(response, this.discovery(this.url));
    }
    if (path === '/jwks') {
      this.fetches.jwks++;
      return this.answer(response, { keys: this.keys.filter((key) => key.published).map((key) => key.publicJwk) });
    }
    send(response, 404, { error: 'not_found' });
  }

  private async control(path: string, body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    switch (path) {
      case '/control/sign':
        return send(response, 200, { token: await this.sign(body as unknown as SignRequest) });
      case '/control/rotate':
        return send(response, 200, { kid: await this.rotate((body.alg as IssuerKeyAlgorithm | undefined) ?? 'ES256') });
      case '/control/retire':
        this.retire(String(body.kid));
        return send(response, 200, {});
      case '/control/fault':
        this.fault = (body.fault as IssuerFault | undefined) ?? 'none';
        return send(response, 200, {});
      case '/control/state':
        return send(response, 200, {
          fetches: this.fetches,
          kids: this.keys.filter((key) => key.published).map((key) => key.kid),
          activeKid: this.activeKey().kid,
        });
      default:
        return send(response, 404, { error: 'not_found' });
    }
  }

  private answer(response: ServerResponse, body: unknown): void {
    switch (this.fault) {
      case 'error':
        return send(response, 500, { error: 'server_error' });
      case 'hang':
        return; // never answers: the relying party's timeout has to end it
      case 'oversized':
        // Chunked, without content-length: the reader has to count bytes itself.
        response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        response.write('{"keys":[],"padding":"');
        for (let i = 0; i < 64; i++) response.write('x'.repeat(64 * 1024));
        response.end('"}');
        return;
      case 'not_json':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>maintenance</html>');
        return;
      default:
        return send(response, 200, body);
    }
  }

  private discovery(issuer: string): Record<string, unknown> {
    return {
      issuer,
      jwks_uri: `${this.url}/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [...new Set(this.keys.map((key) => key.alg))],
    };
  }

  private activeKey(): IssuerKey {
    return this.keys[this.keys.length - 1];
  }

  private keyNamed(kid: string | undefined): IssuerKey {
    if (kid === undefined) return this.activeKey();
    const key = this.keys.find((candidate) => candidate.kid === kid);
    if (!key) throw new Error(`no key ${kid}`);
    return key;
  }
}

async function newKey(alg: IssuerKeyAlgorithm, published = true): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, published };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
