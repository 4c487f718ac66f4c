import { EVENT_STORE } from '@keyward/application';
import { tokenIssuanceStream, type TokenRequestRefusedData } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import { TestClock } from '@keyward/testing/test-clock';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, postForm, type HttpAnswer } from '../support/oauth-client';

type Client = { clientId: string; clientSecret: string };

/**
 * RFC 7662 §2.1/§2.3 and RFC 7009 §2.1: at /oauth/introspect a right secret of a client without the introspect
 * scope must not be told from a wrong secret (status, body, headers, lockout), and its refusal is recorded
 * with the real reason; at /oauth/revoke a token of another client is refused and recorded.
 */
describe('introspection and revocation: no oracle for a right secret', () => {
  const clock = new TestClock();
  let server: KeywardUnderTest;
  let orgId: string;
  let credential: (name: string, scopes: string[]) => Promise<Client>;
  const call = (endpoint: 'introspect' | 'revoke', as: Client, token = 'kw_at_whatever') =>
    postForm(`${server.baseUrl}/oauth/${endpoint}`, { token }, { basic: { id: as.clientId, secret: as.clientSecret } });
  const visible = (answer: HttpAnswer) => ({
    status: answer.status,
    body: answer.body,
    wwwAuthenticate: answer.headers.get('www-authenticate'),
    retryAfter: answer.headers.get('retry-after'),
  });
  const refusals = async (): Promise<TokenRequestRefusedData[]> =>
    (await server.app.get<EventStore>(EVENT_STORE).readStream(tokenIssuanceStream(orgId)))
      .filter((event) => event.type === 'TokenRequestRefused')
      .map((event) => event.data as TokenRequestRefusedData);

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    const admin = await server.bootstrap(undefined, 'enterprise');
    orgId = admin.orgId;
    const api = adminApi(server.baseUrl, await accessToken(server.baseUrl, admin));
    const accountId = (await api('POST', '/service-accounts', { name: 'apps' })).body.id;
    credential = async (name, scopes) =>
      (await api('POST', `/service-accounts/${accountId}/credentials`, { type: 'oauth_client', name, scopes })).body as Client;
  });
  afterAll(() => server.dispose());

  it('answers a right secret without the introspect scope exactly as a wrong secret, and records why', async () => {
    const [noScope, other] = [await credential('no-scope', ['read:service-accounts']), await credential('other', ['introspect'])];
    const rightSecret = await call('introspect', noScope);
    const wrongSecret = await call('introspect', { ...other, clientSecret: noScope.clientSecret });
    expect(visible(rightSecret)).toEqual(visible(wrongSecret));
    expect(visible(rightSecret)).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
      wwwAuthenticate: expect.stringMatching(/^Basic/),
    });
    const recorded = await refusals();
    expect(recorded).toContainEqual(
      expect.objectContaining({ endpoint: 'introspection', reason: 'introspect_scope_missing', clientId: noScope.clientId }),
    );
    expect(recorded).toContainEqual(
      expect.objectContaining({ endpoint: 'introspection', reason: 'wrong_secret', clientId: other.clientId }),
    );
  });

  it('locks out a right secret without the scope after as many tries as a wrong secret, with the same 429', async () => {
    const [noScope, other] = [await credential('no-scope-2', ['read:service-accounts']), await credential('other-2', ['introspect'])];
    const tries = server.config.rateLimits.failuresBeforeLockout + 1;
    const right: ReturnType<typeof visible>[] = [];
    const wrong: ReturnType<typeof visible>[] = [];
    for (let i = 0; i < tries; i++) {
      right.push(visible(await call('introspect', noScope)));
      wrong.push(visible(await call('introspect', { ...other, clientSecret: 'kw_cs_' + 'x'.repeat(49) })));
    }
    expect(right).toEqual(wrong);
    expect(right.at(-1)).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) });
  });

  it('refuses and records the revocation of a token of another client', async () => {
    const [owner, stranger] = [
      await credential('owner', ['read:service-accounts']),
      await credential('stranger', ['read:service-accounts']),
    ];
    const token = await accessToken(server.baseUrl, owner);
    const refused = await call('revoke', stranger, token);
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
    expect(await refusals()).toContainEqual(
      expect.objectContaining({ endpoint: 'revocation', reason: 'token_of_another_client', clientId: stranger.clientId }),
    );
  });
});
