import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditRelay, type AuditRelayPort } from '@keyward/audit';
import { EVENT_STORE, ThreadedAuditRelay } from '@keyward/application';
import { loadConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { AUDIT_RELAY } from '../../apps/server/src/audit/audit-relay.module';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken } from '../support/oauth-client';

/** The embedded relay's two homes: its own thread (the default) and the server's main thread. */
describe.each([
  ['embedded', ThreadedAuditRelay],
  ['in-process', AuditRelay],
] as const)('AUDIT_RELAY=%s', (mode, kind) => {
  let keyward: KeywardUnderTest;
  afterAll(() => keyward?.dispose());

  it(`runs the relay as ${kind.name}, which puts every recorded event in DATA_DIR/audit.jsonl`, async () => {
    keyward = await startKeyward({ env: { AUDIT_RELAY: mode } });
    const admin = await keyward.bootstrap('Relayed');
    await accessToken(keyward.baseUrl, admin);
    const relay = keyward.app.get<AuditRelayPort>(AUDIT_RELAY);
    expect(relay).toBeInstanceOf(kind);
    await relay.waitUntilProcessed(undefined, 60_000);

    const stored = (await keyward.app.get<EventStore>(EVENT_STORE).readAll()).filter((e) => !e.streamName.startsWith('checkpoint_'));
    const ids = new Set(
      readFileSync(join(keyward.dataDir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    );
    expect(stored.filter((event) => !ids.has(event.id)).map((event) => event.type)).toEqual([]);
    expect(stored.map((event) => event.type)).toContain('AccessTokenIssued');
    expect((await relay.measureLag()).state).toBe('running');
  });
});

it('defaults to the relay thread', () => expect(loadConfig({ DATA_DIR: '/tmp/keyward-modes' }).auditRelay).toBe('embedded'));
