import { tokenIssuanceStream, type TokenRequestRefusedData } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import { generateSecret, TokenRefusalRecorder } from '@keyward/oauth';
import { EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { postForm, requestToken } from '../support/oauth-client';

// One clock for the server and the limiter: rate-limiter-flexible reads Date.now, so Date alone is
// faked (every timer stays real) and moved forward with jest.setSystemTime; the server's clock reads it too.
const REAL_TIMERS = [
  'nextTick',
  'setImmediate',
  'clearImmediate',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'hrtime',
  'performance',
] as const;
let now = Date.parse('2026-06-01T12:00:00.000Z');
const advance = (ms: number) => jest.setSystemTime((now += ms));

describe('rate limits at the OAuth endpoints (real HTTP, injected clock)', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now });
    keyward = await startKeyward({
      clock: () => new Date(),
      env: {
        RATE_LIMIT_FAILURES_BEFORE_LOCKOUT: '3',
        RATE_LIMIT_LOCKOUT_SECONDS: '10',
        RATE_LIMIT_UNKNOWN_CLIENT_PER_SECOND: '5',
        ORG_GRANTS_PER_SECOND_FREE: '3',
        ORG_GRANTS_PER_SECOND_ENTERPRISE: '6',
        REFUSAL_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(async () => {
    await keyward.dispose();
    jest.useRealTimers();
  });

  const refusals = async (organizationId?: string): Promise<TokenRequestRefusedData[]> =>
    (await keyward.app.get<EventStore>(EVENT_STORE).readStream(tokenIssuanceStream(organizationId)))
      .filter((e) => e.type === 'TokenRequestRefused')
      .map((e) => e.data as TokenRequestRefusedData);

  it('locks a client out after repeated failures with growing backoff, answering the right and the wrong secret alike, recorded once per lockout', async () => {
    const admin = await keyward.bootstrap('Locked', 'enterprise');
    const wrong = { clientId: admin.clientId, clientSecret: generateSecret('clientSecret') };
    for (let i = 0; i < 3; i++) expect((await requestToken(keyward.baseUrl, wrong)).status).toBe(401);
    const right = await requestToken(keyward.baseUrl, admin);
    const wrongAgain = await requestToken(keyward.baseUrl, wrong);
    for (const answer of [right, wrongAgain]) {
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('10');
    }
    expect(right.body).toEqual(wrongAgain.body);
    expect(right.body).toMatchObject({ error: 'too_many_requests' });
    expect((await refusals(admin.orgId)).filter((r) => r.reason === 'client_locked_out')).toEqual([
      expect.objectContaining({ lockoutSeconds: 10, error: 'too_many_requests' }),
    ]);

    advance(10_001);
    expect((await requestToken(keyward.baseUrl, admin)).status).toBe(200);
    for (let i = 0; i < 3; i++) await requestToken(keyward.baseUrl, wrong);
    expect((await requestToken(keyward.baseUrl, admin)).headers.get('retry-after')).toBe('20');
    expect((await refusals(admin.orgId)).filter((r) => r.reason === 'client_locked_out').map((r) => r.lockoutSeconds)).toEqual([10, 20]);
  });

  it('a lockout earned at introspection holds at the token endpoint; failed authentication there is recorded', async () => {
    advance(60_000);
    const admin = await keyward.bootstrap('Prober', 'enterprise');
    const introspect = (secret: string) =>
      postForm(`${keyward.baseUrl}/oauth/introspect`, { token: 'x' }, { basic: { id: admin.clientId, secret } });
    const wrong = generateSecret('clientSecret');
    for (let i = 0; i < 3; i++) expect((await introspect(wrong)).status).toBe(401);
    expect((await introspect(admin.clientSecret)).status).toBe(429);
    expect((await requestToken(keyward.baseUrl, admin)).status).toBe(429);
    const recorded = await refusals(admin.orgId);
    expect(recorded.filter((r) => r.endpoint === 'introspection').map((r) => r.reason)).toEqual(['wrong_secret', 'client_locked_out']);
  });

  it('limits requests naming no known client per source address, and folds repeats into one counted event per window', async () => {
    advance(60_000);
    await keyward.app.get(TokenRefusalRecorder).flush(true);
    const before = (await refusals()).length;
    const stranger = { clientId: 'kw_ci_nobody', clientSecret: generateSecret('clientSecret') };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await requestToken(keyward.baseUrl, stranger)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const inWindow = (await refusals()).slice(before);
    expect(inWindow.map((r) => [r.reason, r.count])).toEqual([
      ['unknown_client', undefined],
      ['source_rate_limited', undefined],
    ]);
    advance(60_000);
    await keyward.app.get(TokenRefusalRecorder).flush();
    const summaries = (await refusals()).slice(before + 2);
    expect(summaries.map((r) => [r.reason, r.count])).toEqual([
      ['unknown_client', 4],
      ['source_rate_limited', 2],
    ]);
  });

  it('caps grants per second per organization by plan', async () => {
    advance(60_000);
    const free = await keyward.bootstrap('FreeOrg', 'free');
    const enterprise = await keyward.bootstrap('BigOrg', 'enterprise');
    const burst = async (client: { clientId: string; clientSecret: string }, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await requestToken(keyward.baseUrl, client)).status);
      return out;
    };
    expect(await burst(free, 4)).toEqual([200, 200, 200, 429]);
    expect(await burst(enterprise, 7)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const limited = await requestToken(keyward.baseUrl, free);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await refusals(free.orgId)).filter((r) => r.reason === 'organization_rate_limited')).toHaveLength(1);
    advance(1000);
    expect((await requestToken(keyward.baseUrl, free)).status).toBe(200);
  });
});
