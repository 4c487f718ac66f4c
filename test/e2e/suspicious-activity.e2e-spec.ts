import { TestClock } from '@keyward/testing/test-clock';
import { SuspiciousActivityRecorder } from '../../apps/server/src/admin/credentials/record-suspicious-activity/suspicious-activity.recorder';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

describe('SuspiciousTokenActivity on the audit trail (injected clock)', () => {
  const clock = new TestClock(Date.parse('2026-11-01T10:00:00Z'));
  let keyward: KeywardUnderTest;
  afterAll(() => keyward?.dispose());

  it('records use_after_long_idle once per credential and reason per day', async () => {
    keyward = await startKeyward({ clock: clock.now });
    const admin = await keyward.bootstrap('Acme', 'standard');
    let api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const account = await api('POST', '/service-accounts', { name: 'nightly' });
    const created = await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:service-accounts'],
    });
    const client = { clientId: created.body.clientId, clientSecret: created.body.clientSecret };
    const recorder = keyward.app.get(SuspiciousActivityRecorder);

    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);
    clock.advance(31 * 86400);
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);
    expect(await recorder.flush()).toBe(1);
    clock.advance(3600);
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);
    expect(await recorder.flush()).toBe(0);

    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const audit = (await api('GET', `/audit-events?serviceAccountId=${account.body.id}&limit=20`)).body.items as {
      type: string;
      data: Record<string, any>;
    }[];
    const suspicious = audit.filter((record) => record.type === 'keyward.suspicious_token.activity.v1');
    expect(suspicious).toHaveLength(1);
    expect(suspicious[0].data).toMatchObject({
      actor: 'system',
      reason: 'use_after_long_idle',
      credentialId: created.body.id,
      details: { idleDays: 31 },
    });
  });
});
