import { serviceAccountStream, tokenIssuanceStream } from '@keyward/domain';
import { openEsdbEventStore } from '@keyward/event-store/esdb/esdb-event-store';
import { EsdbDouble } from '@keyward/testing/esdb-double';
import { MetricsListener } from '../../apps/server/src/metrics/metrics-listener';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';
import { jtiOf, LoadProgress, runLoad, type Sample } from './outage-load';

// Always on a double, even when EVENTSTORE_URL names a real server: the test has to take the store away.
describe('EventStoreDB outage under load: fail closed, recover, lose nothing acknowledged', () => {
  let double: EsdbDouble;
  let keyward: KeywardUnderTest;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    keyward = await startKeyward({ env: { EVENT_STORE: 'esdb', EVENTSTORE_URL: double.connectionString, METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await keyward?.dispose();
    await double?.stop();
  });

  it('answers 503 while the store is down, recovers by itself, and every 200 / 201 is in the store', async () => {
    const admin = await keyward.bootstrap('Outage Inc', 'enterprise');
    const client = { clientId: admin.clientId, clientSecret: admin.clientSecret };
    const bearer = await accessToken(keyward.baseUrl, client);

    const outage = { stoppedAt: Infinity, restartedAt: Infinity };
    let done = false;
    const token = () => call(keyward.baseUrl, 'POST', '/oauth/token', { form: 'grant_type=client_credentials', basic: client });
    const createAccount = (n: number) =>
      call(keyward.baseUrl, 'POST', '/admin/v1/service-accounts', { json: { name: `load-${n}` }, bearer });
    const progress = new LoadProgress();
    const load = Promise.all([
      runLoad('token', { workers: 6, budgetPerWorker: 2000, pauseMs: 0, until: () => done, progress }, token),
      runLoad('admin', { workers: 2, budgetPerWorker: 150, pauseMs: 10, until: () => done, progress }, createAccount),
    ]);
    // Each phase lasts until the load has shown it (counted answers), not for a time.
    await progress.reached(() => progress.of('token:200') >= 100 && progress.of('admin:201') >= 3, 'traffic before the outage');
    await double.stop();
    outage.stoppedAt = Date.now();
    await progress.reached(() => progress.of('token:503') >= 20, 'token requests refused during the outage');
    const health = await fetch(`${keyward.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
    await progress.reached(() => progress.of('token:503') >= 60 && progress.of('admin:503') >= 2, 'both kinds refused during the outage');
    await double.restart();
    outage.restartedAt = Date.now();
    const [tokensAtRestart, adminsAtRestart] = [progress.of('token:200'), progress.of('admin:201')];
    await progress.reached(
      () => progress.of('token:200') >= tokensAtRestart + 100 && progress.of('admin:201') >= adminsAtRestart + 3,
      'tokens and admin commands succeeding again after the restart',
    );
    done = true;
    const samples = (await load).flat();

    expect(health.status).toBe(200);
    const tokens = samples.filter((s) => s.kind === 'token');
    const admins = samples.filter((s) => s.kind === 'admin');
    expect(statuses(tokens)).toEqual(expect.arrayContaining([200, 503]));
    expect(statuses(tokens).every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses(admins).every((s) => s === 201 || s === 503)).toBe(true);

    // Requests wholly inside the outage are refused, and a refused token request carries no token.
    const during = samples.filter((s) => s.startedAt > outage.stoppedAt && s.endedAt < outage.restartedAt);
    expect(during.filter((s) => s.kind === 'token').length).toBeGreaterThan(0);
    expect(statuses(during)).toEqual([503]);
    for (const refused of tokens.filter((s) => s.status === 503)) {
      expect(refused.body).toMatchObject({ error: 'temporarily_unavailable' });
      expect(refused.body.access_token).toBeUndefined();
    }

    // Recovery without intervention. Tokens need only an append; an admin command also waits for the
    // projection subscription, whose resubscribe backoff is capped at 2 s: the bounds leave room for a busy machine.
    expect(firstSuccessAfter(tokens, outage.restartedAt, 200)).toBeLessThan(3000);
    expect(firstSuccessAfter(admins, outage.restartedAt, 201)).toBeLessThan(5000);

    // Nothing acknowledged was lost: read back through a fresh client, not the server's.
    const store = openEsdbEventStore({ connectionString: double.connectionString });
    try {
      const issued = new Set(
        (await store.readStream(tokenIssuanceStream(admin.orgId)))
          .filter((e) => e.type === 'AccessTokenIssued')
          .map((e) => (e.data as { jti: string }).jti),
      );
      const acknowledged = tokens.filter((s) => s.status === 200).map((s) => jtiOf(s.body.access_token as string));
      expect(acknowledged.filter((jti) => !issued.has(jti))).toEqual([]);
      for (const created of admins.filter((s) => s.status === 201)) {
        const events = await store.readStream(serviceAccountStream(created.body.id as string));
        expect(events.map((e) => e.type)).toContain('ServiceAccountCreated');
      }
    } finally {
      await store.close();
    }

    // The projection subscription resumed: a credential created after the outage works at once.
    const api = adminApi(keyward.baseUrl, bearer);
    const account = await api('POST', '/service-accounts', { name: 'after-the-outage' });
    const credential = await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'ci',
      scopes: ['read:service-accounts'],
    });
    expect((await requestToken(keyward.baseUrl, credential.body)).status).toBe(200);

    // The dropped subscription was logged and counted, as transient (it was retried, not given up).
    const scrape = await (await fetch(`http://127.0.0.1:${keyward.app.get(MetricsListener).port}/metrics`)).text();
    const counted = /keyward_event_store_subscription_failures_total\{kind="transient"\} (\d+)/.exec(scrape);
    expect(Number(counted?.[1])).toBeGreaterThanOrEqual(1);
    expect(scrape).toContain('keyward_event_store_subscription_failures_total{kind="fatal"} 0');
  }, 60_000);
});

async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { form?: string; json?: unknown; basic?: { clientId: string; clientSecret: string }; bearer?: string },
) {
  const headers: Record<string, string> = {};
  if (options.basic)
    headers.authorization = `Basic ${Buffer.from(`${options.basic.clientId}:${options.basic.clientSecret}`).toString('base64')}`;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const body = options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  try {
    const response = await fetch(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } catch (error) {
    // A hung or dropped request is a failure of its own kind (status 0), never mistaken for a refusal.
    return { status: 0, body: { error: String(error) } };
  }
}

const statuses = (samples: readonly Sample[]) => [...new Set(samples.map((s) => s.status))].sort();

function firstSuccessAfter(samples: readonly Sample[], at: number, status: number): number {
  const first = samples.filter((s) => s.startedAt >= at && s.status === status).sort((a, b) => a.endedAt - b.endedAt)[0];
  return first === undefined ? Infinity : first.endedAt - at;
}
