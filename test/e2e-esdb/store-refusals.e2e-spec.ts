import { EventStoreRefused } from '@keyward/event-store';
import { EsdbDouble } from '@keyward/testing/esdb-double';
import { startKeyward } from '../support/keyward-under-test';
import { requestToken } from '../support/oauth-client';

// Always on a double: the test makes the store refuse keyward.
describe('EventStoreDB refusals: misconfiguration and our bugs are 500s logged at error level, never 503s', () => {
  let double: EsdbDouble;
  beforeEach(async () => {
    double = await EsdbDouble.start();
  });
  afterEach(async () => {
    await double.stop();
  });

  it('does not start when the store denies reading $all, and says so', async () => {
    double.node.denyAccess((operation, stream) => operation === 'read' && stream === '$all');
    const started = startKeyward({ env: { EVENT_STORE: 'esdb', EVENTSTORE_URL: double.connectionString } });
    await expect(started).rejects.toBeInstanceOf(EventStoreRefused);
    await expect(started).rejects.toMatchObject({ reason: 'access_denied', message: expect.stringContaining('denied access to $all') });
  });

  it('answers 500 and logs the cause at error level when an append is refused, without a token', async () => {
    const logLines: string[] = [];
    const keyward = await startKeyward({ env: { EVENT_STORE: 'esdb', EVENTSTORE_URL: double.connectionString }, logLines });
    try {
      const admin = await keyward.bootstrap('Refused Inc');
      double.node.denyAccess((operation, stream) => operation === 'write' && stream.startsWith('token_issuance-'));
      const answer = await requestToken(keyward.baseUrl, { clientId: admin.clientId, clientSecret: admin.clientSecret });
      expect(answer.status).toBe(500);
      expect(answer.body.access_token).toBeUndefined();
      expect(answer.headers.get('retry-after')).toBeNull();
      const errors = logLines
        .map((line) => JSON.parse(line) as { level: number | string; msg?: string; err?: unknown })
        .filter((line) => line.level === 50 || line.level === 'error');
      expect(JSON.stringify(errors)).toContain('denied access');
    } finally {
      await keyward.dispose();
    }
  });
});
