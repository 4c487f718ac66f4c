import { CredentialReminderSweeper } from '../../apps/server/src/admin/credentials/remind-credentials/credential-reminder.sweeper';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

const DAY = 86400_000;

describe('rotation reminders on the audit trail (injected clock)', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let admin: Awaited<ReturnType<KeywardUnderTest['bootstrap']>>;
  let now = new Date('2026-11-28T10:00:00Z').getTime();
  const start = now;

  beforeAll(async () => {
    keyward = await startKeyward({ clock: () => new Date(now) });
    admin = await keyward.bootstrap('Acme', 'standard');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
  });
  afterAll(() => keyward.dispose());

  const reminders = async (serviceAccountId: string) =>
    (
      (await api('GET', `/audit-events?serviceAccountId=${serviceAccountId}&limit=50`)).body.items as {
        type: string;
        data: { details?: Record<string, unknown> };
      }[]
    )
      .filter((record) => /credential_rotation\.due|credential_expiring\.soon/.test(record.type))
      .map((record) => [record.type, record.data.details?.thresholdDays]);

  it('refuses thresholds out of range, naming the field', async () => {
    const refused = await api('PUT', '/organization/policy', { reminderDays: [0, 400] });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('reminderDays');
  });

  it('records CredentialRotationDue once per threshold of reminderDays, and CredentialExpiringSoon for API tokens', async () => {
    expect((await api('PUT', '/organization/policy', { clientSecretMaxAgeDays: 30, reminderDays: [14, 3] })).body).toMatchObject({
      reminderDays: [14, 3],
    });
    const account = await api('POST', '/service-accounts', { name: 'exporter' });
    await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:service-accounts'],
    });
    await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'api_token',
      name: 'ci',
      scopes: ['read:service-accounts'],
      expiresInDays: 20,
    });
    const sweeper = keyward.app.get(CredentialReminderSweeper);

    now = start + 5 * DAY;
    expect(await sweeper.sweep()).toBe(0);
    // The token: 3 days left (it crossed 14 and 3: only 3 is sent); this secret and the admin's: 13 days left.
    now = start + 17 * DAY;
    expect(await sweeper.sweep()).toBe(3);
    expect(await sweeper.sweep()).toBe(0);
    now = start + 28 * DAY;
    expect(await sweeper.sweep()).toBe(2);
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin)); // 28 days on: a fresh access token
    // Newest first; the two of day 17 in either order.
    const recorded = await reminders(account.body.id);
    expect(recorded[0]).toEqual(['keyward.credential_rotation.due.v1', 3]);
    expect([...recorded].sort()).toEqual([
      ['keyward.credential_expiring.soon.v1', 3],
      ['keyward.credential_rotation.due.v1', 14],
      ['keyward.credential_rotation.due.v1', 3],
    ]);
  });
});
