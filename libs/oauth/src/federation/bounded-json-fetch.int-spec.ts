import { startOidcTestIssuer, type OidcTestIssuerProcess } from '@keyward/testing/oidc-issuer';
import { jwtVerify } from 'jose';
import { boundedJsonFetcher, IssuerDocumentUnavailable } from './bounded-json-fetch';
import { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets, IssuerKeyUnavailable } from './issuer-key-sets';

const fetchJson = boundedJsonFetcher({ timeoutMs: 1000, maxBytes: 64 * 1024 });
const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'fetched',
    (error: unknown) =>
      error instanceof IssuerDocumentUnavailable
        ? error.reason
        : error instanceof IssuerKeyUnavailable
          ? error.detail
          : Promise.reject(error),
  );

describe('provider documents over real HTTP (the OIDC test issuer process)', () => {
  let issuer: OidcTestIssuerProcess;
  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
  });
  afterAll(() => issuer.stop());
  afterEach(() => issuer.fault('none'));

  it('reads discovery and keys, and verifies a token through them', async () => {
    const keySets = new IssuerKeySets({
      fetchJson,
      settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: true },
      clock: () => new Date(),
    });
    const token = await issuer.sign({ claims: { sub: 'workload', aud: 'keyward' } });
    await expect(jwtVerify(token, keySets.keyFunction(issuer.issuer))).resolves.toMatchObject({ payload: { sub: 'workload' } });
  });

  it.each([
    ['error', 'http_500'],
    ['hang', 'timeout'],
    ['oversized', 'too_large'],
    ['not_json', 'not_json'],
  ] as const)('gives up on a provider that answers %s', async (fault, reason) => {
    await issuer.fault(fault);
    expect(await reasonOf(fetchJson(`${issuer.issuer}/jwks`))).toBe(reason);
  });

  it('stops reading a body past the limit even without a content-length', async () => {
    await issuer.fault('oversized');
    expect(await reasonOf(boundedJsonFetcher({ timeoutMs: 5000, maxBytes: 1024 })(`${issuer.issuer}/jwks`))).toBe('too_large');
  });

  it('refuses a discovery document naming another issuer, and http providers unless insecure issuers are allowed', async () => {
    await issuer.fault('wrong_issuer');
    const insecure = new IssuerKeySets({
      fetchJson,
      settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: true },
      clock: () => new Date(),
    });
    const token = await issuer.sign({ claims: { sub: 'workload' } });
    expect(await reasonOf(jwtVerify(token, insecure.keyFunction(issuer.issuer)))).toBe('issuer_unreachable: discovery_issuer_mismatch');
    await issuer.fault('none');
    const secure = new IssuerKeySets({
      fetchJson,
      settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: false },
      clock: () => new Date(),
    });
    expect(await reasonOf(jwtVerify(token, secure.keyFunction(issuer.issuer)))).toBe('issuer_unreachable: discovery_jwks_uri_invalid');
  });

  it('reports a provider that is gone as unreachable', async () => {
    const gone = await startOidcTestIssuer();
    await gone.stop();
    expect(await reasonOf(fetchJson(`${gone.issuer}/.well-known/openid-configuration`))).toBe('unreachable: ECONNREFUSED');
  });
});
