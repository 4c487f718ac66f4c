import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CHAIN_CHECKPOINT_TYPE, type AuditRelayPort } from '@keyward/audit';
import type { EventStore } from '@keyward/event-store';
import { kafkaBrokersForTests } from '@keyward/testing';
import { AUDIT_RELAY } from '../../apps/server/src/audit/audit-relay.module';
import { EVENT_STORE } from '@keyward/application';
import { AUDIT_RECORD_SCHEMA } from '../../libs/audit/src/testing/audit-events-table';
import { forbiddenAuditMaterial } from '../../libs/audit/src/testing/forbidden-audit-material';
import { readAuditTopic, type TopicRecord } from '../../libs/audit/src/testing/audit-topic-reader';
import { startKeyward, type KeywardUnderTest, sharedKeysOf } from '../support/keyward-under-test';
import { accessToken, adminApi, postForm, requestToken } from '../support/oauth-client';

const run = promisify(execFile);
// Fields of stored events that hold a digest of a secret or a sealed private key.
const STORED_SECRET_FIELDS = new Set(['secretDigest', 'tokenDigest', 'encryptedPrivateKey']);

/**
 * The security team's view: the real server with its embedded relay on a real broker, every admin and
 * token flow walked, then the whole topic read. Every recorded event is on it, and no record holds any
 * secret, token, digest or sealed key this run produced.
 */
describe('the audit topic, end to end', () => {
  const topic = `keyward.audit.e2e-${randomUUID()}`;
  const secrets = new Set<string>();
  let brokers: { brokers: string[]; release(): Promise<void> };
  let keyward: KeywardUnderTest;
  let onTopic: TopicRecord[];
  let stored: Awaited<ReturnType<EventStore['readAll']>>;

  // Every secret an HTTP answer hands out: client secrets, API tokens, access tokens.
  const keep = <T>(body: T): T => {
    JSON.stringify(body, (key, value) => {
      if (typeof value === 'string' && (/^kw_(cs|at)_/.test(value) || key === 'access_token' || key === 'clientSecret' || key === 'token'))
        secrets.add(value);
      return value;
    });
    return body;
  };

  beforeAll(async () => {
    brokers = await kafkaBrokersForTests();
    keyward = await startKeyward({
      env: {
        KAFKA_BROKERS: brokers.brokers.join(','),
        AUDIT_TOPIC: topic,
        AUDIT_RELAY: 'embedded',
        AUDIT_TOPIC_PARTITIONS: '3',
        // Signed chain checkpoints after every few records, so the leak scan always meets some (by count, not time).
        AUDIT_CHAIN_CHECKPOINT_RECORDS: '5',
      },
    });
    await walkEveryFlow();
    await rotateSigningKeyFromTheCli();
    await (keyward.app.get(AUDIT_RELAY) as AuditRelayPort).waitUntilProcessed(undefined, 60_000);
    stored = (await (keyward.app.get(EVENT_STORE) as EventStore).readAll()).filter((event) => !event.streamName.startsWith('checkpoint_'));
    for (const event of stored) collectStoredSecrets(event.data);
    onTopic = await readAuditTopic(brokers.brokers, topic, 60_000);
  }, 300_000);

  afterAll(async () => {
    await keyward?.dispose();
    await brokers?.release();
  });

  async function walkEveryFlow(): Promise<void> {
    const admin = keep(await keyward.bootstrap('Audited Inc'));
    const api = adminApi(keyward.baseUrl, keep(await accessToken(keyward.baseUrl, admin)));
    expect((await api('POST', '/scopes', { name: 'read:reports', description: 'Read reports' })).status).toBe(201);
    const account = (await api('POST', '/service-accounts', { name: 'reports-bot' })).body;
    const client = keep(
      (await api('POST', `/service-accounts/${account.id}/credentials`, { type: 'oauth_client', name: 'ci', scopes: ['read:reports'] }))
        .body,
    );
    const apiToken = keep(
      (
        await api('POST', `/service-accounts/${account.id}/credentials`, {
          type: 'api_token',
          name: 'deploy',
          scopes: ['read:reports'],
          expiresInDays: 30,
        })
      ).body,
    );
    expect([client.clientSecret, apiToken.token]).toEqual([expect.stringMatching(/^kw_cs_/), expect.stringMatching(/^kw_at_/)]);

    const issued = keep(await requestToken(keyward.baseUrl, client, { scope: 'read:reports' }));
    expect(issued.status).toBe(200);
    expect(
      (await api('PATCH', `/service-accounts/${account.id}/credentials/${client.id}`, { name: 'ci-2', accessTokenLifetimeSeconds: 900 }))
        .status,
    ).toBe(200);
    const rotated = keep((await api('POST', `/service-accounts/${account.id}/credentials/${client.id}/rotate`, { graceSeconds: 0 })).body);
    keep(await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: rotated.clientSecret }));
    // Refused: the secret before the rotation, then one that was never issued.
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(401);
    // Its last character changed to one it is not (a random secret ends in "x" one time in 62).
    const neverIssued = `${client.clientSecret.slice(0, -1)}${client.clientSecret.endsWith('x') ? 'y' : 'x'}`;
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: neverIssued })).status).toBe(401);
    const revoked = await postForm(
      `${keyward.baseUrl}/oauth/revoke`,
      { token: issued.body.access_token as string },
      { basic: { id: client.clientId, secret: rotated.clientSecret } },
    );
    expect(revoked.status).toBe(200);
    expect((await api('PUT', '/organization/policy', { clientSecretMaxAgeDays: 90, apiTokenMaxAgeDays: null })).status).toBe(200);
    expect((await api('DELETE', `/service-accounts/${account.id}/credentials/${apiToken.id}`)).status).toBe(204);
    expect((await api('POST', `/service-accounts/${account.id}/suspend`, { reason: 'review' })).status).toBeLessThan(300);
    expect((await api('POST', `/service-accounts/${account.id}/reactivate`)).status).toBeLessThan(300);
    expect((await api('DELETE', `/service-accounts/${account.id}`)).status).toBe(204);
    // The free plan holds 5 accounts: the sixth is refused, and the refusal is recorded.
    let answer = await api('POST', '/service-accounts', { name: 'filler-0' });
    for (let i = 1; answer.status === 201 && i < 10; i++) answer = await api('POST', '/service-accounts', { name: `filler-${i}` });
    expect(answer.body.error).toBe('service_account_quota_exceeded');
  }

  // As an operator does it: another process on the same store; the server's relay picks its events up.
  async function rotateSigningKeyFromTheCli(): Promise<void> {
    const store = keyward.config.eventStore;
    const storeEnv = store.kind === 'esdb' ? { EVENT_STORE: 'esdb', EVENTSTORE_URL: store.url, ...sharedKeysOf(keyward.dataDir) } : {};
    const env = { ...process.env, DATA_DIR: keyward.dataDir, ...storeEnv, AUDIT_RELAY: 'off' };
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'keys:rotate', '--alg', 'RS256', '--json'],
      { env, timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ alg: 'RS256' });
  }

  function collectStoredSecrets(value: unknown): void {
    if (Array.isArray(value)) return value.forEach(collectStoredSecrets);
    if (typeof value !== 'object' || value === null) return;
    for (const [name, member] of Object.entries(value)) {
      if (STORED_SECRET_FIELDS.has(name) && typeof member === 'string') secrets.add(member);
      else collectStoredSecrets(member);
    }
  }

  it('walked flows that recorded every kind of event the issue names', () => {
    const types = new Set(stored.map((event) => event.type));
    for (const type of [
      'OrganizationCreated',
      'ScopeDefined',
      'ServiceAccountCreated',
      'OAuthClientCreated',
      'ApiTokenCreated',
      'CredentialRenamed',
      'CredentialTokenLifetimeChanged',
      'ClientSecretRotated',
      'CredentialRevoked',
      'AccessTokenIssued',
      'TokenRequestRefused',
      'AccessTokenRevoked',
      'OrganizationPolicyChanged',
      'ServiceAccountSuspended',
      'ServiceAccountReactivated',
      'ServiceAccountDeleted',
      'ServiceAccountQuotaRefused',
      'SigningKeyCreated',
    ]) {
      expect(types).toContain(type);
    }
    expect([...secrets].filter((value) => value.startsWith('kw_cs_'))).toHaveLength(3);
    expect([...secrets].some((value) => value.startsWith('eyJ'))).toBe(true);
  });

  it('puts every recorded event on the topic, at least once, keyed by its organization', () => {
    const ids = new Set(onTopic.map(({ record }) => record.id));
    expect(stored.map((event) => event.id).filter((id) => !ids.has(id))).toEqual([]);
    for (const { key, record } of onTopic) expect(key).toBe(record.partitionkey);
  });

  it('holds only records valid against docs/audit-record.schema.json', () => {
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(
      JSON.parse(readFileSync(AUDIT_RECORD_SCHEMA, 'utf8')),
    );
    const invalid = onTopic
      .filter(({ record }) => !validate(record))
      .map(({ record }) => ({ type: record.type, errors: (validate(record), validate.errors) }));
    expect(invalid).toEqual([]);
  });

  it('holds no secret, token, digest or private key anywhere', () => {
    expect(secrets.size).toBeGreaterThan(8);
    expect(onTopic.filter(({ record }) => record.type === CHAIN_CHECKPOINT_TYPE).length).toBeGreaterThan(0);
    const leaks = onTopic
      .map(({ record }) => ({ type: record.type, found: forbiddenAuditMaterial(record, [...secrets]) }))
      .filter(({ found }) => found.length > 0);
    expect(leaks).toEqual([]);
  });
});
