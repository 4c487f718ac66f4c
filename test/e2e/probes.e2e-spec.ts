import type { EventStore } from '@keyward/event-store';
import { EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';

describe('probes: /healthz (liveness) and /readyz (readiness)', () => {
  let keyward: KeywardUnderTest;

  beforeAll(async () => {
    keyward = await startKeyward();
    await keyward.bootstrap('Acme');
  });
  afterAll(() => keyward.dispose());

  const probe = async (path: string) => {
    const response = await fetch(`${keyward.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers liveness and readiness once the read models reached the store head and a key is active', async () => {
    expect(await probe('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe('/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { store: { status: 'ok' }, readModels: { status: 'ok' }, signingKey: { status: 'ok' } } },
    });
  });

  it('logs the replay at start: the head it replays to, then how many events it applied', async () => {
    const logLines: string[] = [];
    const restarted = await startKeyward({ dataDir: keyward.dataDir, logLines });
    try {
      const replay = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.context === 'Replay');
      expect(replay[0]).toMatchObject({ msg: 'replaying read models', head: expect.stringMatching(/^\d+$/) });
      expect(replay[replay.length - 1]).toMatchObject({
        msg: 'read models caught up',
        eventsApplied: expect.any(Number),
        seconds: expect.any(Number),
        eventsPerSecond: expect.any(Number),
      });
      expect(replay[replay.length - 1].eventsApplied).toBeGreaterThan(3);
    } finally {
      await restarted.stop();
    }
  });

  it('is not ready, naming the failing check, when the store stops answering; liveness still answers', async () => {
    await keyward.app.get<EventStore>(EVENT_STORE).close();
    const ready = await probe('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'not_ready',
      checks: { store: { status: 'failing', reason: expect.any(String) }, readModels: { status: 'failing' }, signingKey: { status: 'ok' } },
    });
    expect((await probe('/healthz')).status).toBe(200);
  });
});
