import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { IssuerDocumentUnavailable, type JsonFetcher } from '../bounded-json-fetch';

/** An OpenID Provider's documents served from memory, for specs of the cache and verifier (the HTTP path has its own int-spec). */
export class FakeProvider {
  readonly fetched: string[] = [];
  down?: string;
  private keys: { kid: string; privateKey: CryptoKey; jwk: JWK }[] = [];

  constructor(readonly issuer: string) {}

  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = `k${this.keys.length + 1}`;
    this.keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } });
    return kid;
  }

  sign(claims: JWTPayload, kid = this.keys[this.keys.length - 1].kid): Promise<string> {
    const key = this.keys.find((candidate) => candidate.kid === kid)!;
    return new SignJWT({ iss: this.issuer, ...claims }).setProtectedHeader({ alg: 'ES256', kid }).sign(key.privateKey);
  }

  readonly fetcher: JsonFetcher = async (url) => {
    this.fetched.push(url);
    if (this.down) throw new IssuerDocumentUnavailable(this.down);
    if (url === `${this.issuer}/.well-known/openid-configuration`) return { issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` };
    if (url === `${this.issuer}/jwks`) return { keys: this.keys.map((key) => key.jwk) };
    throw new IssuerDocumentUnavailable('http_404');
  };
}

/** A clock a spec moves by hand. */
export function manualClock(start = Date.parse('2026-12-01T10:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms), seconds: () => Math.floor(now / 1000) };
}
