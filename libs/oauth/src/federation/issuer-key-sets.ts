import { createLocalJWKSet, errors, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';
import { IssuerDocumentUnavailable, type JsonFetcher } from './bounded-json-fetch';

export interface IssuerKeySetSettings {
  /** Keys are fetched again after this long even when every kid is known (providers retire keys). */
  readonly maxAgeMs: number;
  /** An unknown kid fetches the JWKS again at most this often per issuer, so junk kids cannot drive traffic. */
  readonly unknownKidCooldownMs: number;
  /** After a failed fetch, requests fail fast for this long instead of each waiting on a dead provider. */
  readonly failureBackoffMs: number;
  /** http issuers and jwks_uri are accepted only with FEDERATION_ALLOW_INSECURE_ISSUERS. */
  readonly allowInsecure: boolean;
  readonly maxIssuers: number;
  readonly maxKeys: number;
}

export const DEFAULT_KEY_SET_SETTINGS: Omit<IssuerKeySetSettings, 'allowInsecure'> = {
  maxAgeMs: 10 * 60_000,
  unknownKidCooldownMs: 30_000,
  failureBackoffMs: 10_000,
  maxIssuers: 1000,
  maxKeys: 100,
};

/**
 * The key cannot be found, or the provider cannot be reached. `reason` is a code of the closed refusal
 * list (the audit trail); `detail` says more, for logs and specs.
 */
export class IssuerKeyUnavailable extends Error {
  readonly reason: string;

  constructor(
    readonly detail: string,
    readonly providerDown: boolean,
  ) {
    super(detail);
    this.name = 'IssuerKeyUnavailable';
    this.reason = providerDown ? providerFailureCode(detail) : detail;
  }
}

/** What went wrong with the provider, as a code of TOKEN_REFUSAL_REASONS. */
function providerFailureCode(detail: string): string {
  const cause = detail.replace(/^issuer_unreachable: /, '');
  if (cause.startsWith('timeout')) return 'issuer_timeout';
  if (cause.startsWith('unreachable')) return 'issuer_unreachable';
  if (cause.startsWith('http_')) return 'issuer_http_error';
  if (cause.startsWith('too_large')) return 'issuer_response_too_large';
  if (cause.startsWith('discovery_issuer_mismatch')) return 'issuer_discovery_mismatch';
  return 'issuer_response_invalid';
}

type KeySelector = ReturnType<typeof createLocalJWKSet>;

interface CachedIssuer {
  jwksUri?: string;
  select?: KeySelector;
  fetchedAtMs: number;
  attemptedAtMs: number;
  failure?: { readonly reason: string; readonly atMs: number };
  inFlight?: Promise<void>;
}

/**
 * Verification keys of external OpenID Providers, found through discovery (OpenID Connect Discovery 1.0
 * §4: `{issuer}/.well-known/openid-configuration` → `jwks_uri`) and cached per issuer. Only issuers that
 * credentials name are ever fetched (the caller checks `iss` against the credential first), so the
 * number of providers, and of fetches, is bounded by configuration, not by what clients send.
 *
 * jose's createRemoteJWKSet does the same for a single JWKS URL, but it times its cache and cooldown by
 * the wall clock; this cache runs on the server's injected clock and adds discovery and failure backoff.
 * jose still selects the key (createLocalJWKSet: kid, alg, kty, use).
 */
export class IssuerKeySets {
  private readonly issuers = new Map<string, CachedIssuer>();

  private readonly fetchJson: JsonFetcher;
  private readonly settings: IssuerKeySetSettings;
  private readonly clock: () => Date;

  constructor(props: { readonly fetchJson: JsonFetcher; readonly settings: IssuerKeySetSettings; readonly clock: () => Date }) {
    ({ fetchJson: this.fetchJson, settings: this.settings, clock: this.clock } = props);
  }

  /** A `jwtVerify` key function for one issuer. */
  keyFunction(issuer: string): (header: JWSHeaderParameters, token: FlattenedJWSInput) => ReturnType<KeySelector> {
    return async (header, token) => this.keyFor(issuer, header, token);
  }

  async keyFor(issuer: string, header: JWSHeaderParameters, token: FlattenedJWSInput): ReturnType<KeySelector> {
    const cached = this.entry(issuer);
    if (!cached.select || this.now() - cached.fetchedAtMs >= this.settings.maxAgeMs) await this.refresh(issuer, cached, !cached.select);
    try {
      return await cached.select!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
    }
    // RFC 7517 §4.5 / OIDC Core §10.1.1: a provider signs with a new key once it is published; fetch again, rate-limited.
    if (this.now() - cached.attemptedAtMs < this.settings.unknownKidCooldownMs) throw new IssuerKeyUnavailable('unknown_kid', false);
    await this.refresh(issuer, cached, true);
    try {
      return await cached.select!(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw new IssuerKeyUnavailable('unknown_kid', false);
      throw error;
    }
  }

  /** One fetch at a time per issuer; concurrent callers share it. `required`: fail when no keys are at hand afterwards. */
  private async refresh(issuer: string, cached: CachedIssuer, required: boolean): Promise<void> {
    const failure = cached.failure;
    if (failure && this.now() - failure.atMs < this.settings.failureBackoffMs) {
      if (required || !this.usableWhileDown(cached))
        throw new IssuerKeyUnavailable(`issuer_unreachable: ${failure.reason} (backing off)`, true);
      return;
    }
    cached.inFlight ??= this.load(issuer, cached).finally(() => (cached.inFlight = undefined));
    await cached.inFlight;
    if (cached.failure && (required || !this.usableWhileDown(cached)))
      throw new IssuerKeyUnavailable(`issuer_unreachable: ${cached.failure.reason}`, true);
  }

  /** A provider down while its keys are cached: they keep verifying for one more max age, then nothing does. */
  private usableWhileDown(cached: CachedIssuer): boolean {
    return cached.select !== undefined && this.now() - cached.fetchedAtMs < 2 * this.settings.maxAgeMs;
  }

  private async load(issuer: string, cached: CachedIssuer): Promise<void> {
    cached.attemptedAtMs = this.now();
    try {
      const stale = cached.jwksUri === undefined || this.now() - cached.fetchedAtMs >= this.settings.maxAgeMs;
      if (stale) cached.jwksUri = await this.discoverJwksUri(issuer);
      cached.select = createLocalJWKSet(this.requireKeySet(await this.fetchJson(cached.jwksUri!)));
      cached.fetchedAtMs = this.now();
      cached.failure = undefined;
    } catch (error) {
      cached.failure = { reason: error instanceof IssuerDocumentUnavailable ? error.reason : (error as Error).message, atMs: this.now() };
    }
  }

  private async discoverJwksUri(issuer: string): Promise<string> {
    // OpenID Connect Discovery 1.0 §4: remove a terminating "/" before appending the well-known path.
    const document = await this.fetchJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!isObject(document)) throw new IssuerDocumentUnavailable('discovery_not_an_object');
    // §4.3: the issuer in the document must be identical to the one its URL was built from.
    if (document.issuer !== issuer) throw new IssuerDocumentUnavailable('discovery_issuer_mismatch');
    const jwksUri = document.jwks_uri;
    if (typeof jwksUri !== 'string' || !this.acceptableUrl(jwksUri)) throw new IssuerDocumentUnavailable('discovery_jwks_uri_invalid');
    return jwksUri;
  }

  private requireKeySet(document: unknown): JSONWebKeySet {
    if (!isObject(document) || !Array.isArray(document.keys)) throw new IssuerDocumentUnavailable('jwks_invalid');
    if (document.keys.length > this.settings.maxKeys) throw new IssuerDocumentUnavailable('jwks_too_many_keys');
    return document as unknown as JSONWebKeySet;
  }

  private acceptableUrl(value: string): boolean {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || (this.settings.allowInsecure && url.protocol === 'http:');
    } catch {
      return false;
    }
  }

  private entry(issuer: string): CachedIssuer {
    let cached = this.issuers.get(issuer);
    if (cached) {
      // Least recently used goes first when the map is full: re-insert on use.
      this.issuers.delete(issuer);
    } else {
      cached = { fetchedAtMs: 0, attemptedAtMs: Number.NEGATIVE_INFINITY };
      if (this.issuers.size >= this.settings.maxIssuers) this.issuers.delete(this.issuers.keys().next().value!);
    }
    this.issuers.set(issuer, cached);
    return cached;
  }

  private now(): number {
    return this.clock().getTime();
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
