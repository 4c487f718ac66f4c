import { EsdbCluster } from '@keyward/testing/esdb-double';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

// Always on the cluster double: the test freezes the followers' copies.
describe('a lagging follower is never what a replica serves or reports ready from', () => {
  let cluster: EsdbCluster;
  let keyward: KeywardUnderTest;
  let followerIndex: number;

  beforeAll(async () => {
    cluster = await EsdbCluster.start();
    const follower = cluster.nodes.find((node) => node.context.role === 'follower')!;
    followerIndex = follower.index;
    for (const node of cluster.nodes) if (node.context.role === 'follower') node.pauseReplication();
    // Pointed at the follower alone: every call requires the leader, so the follower's NotLeader moves the client there.
    keyward = await startKeyward({ env: { EVENT_STORE: 'esdb', EVENTSTORE_URL: `esdb://127.0.0.1:${follower.port}?tls=false` } });
  });
  afterAll(async () => {
    await keyward?.dispose();
    await cluster?.stop();
  });

  it('reads its writes and reports ready while the followers lag behind every write', async () => {
    const admin = await keyward.bootstrap('Lag Inc');
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const created = await api('POST', '/service-accounts', { name: 'fresh' });
    expect(created.status).toBe(201);
    expect((await api('GET', `/service-accounts/${created.body.id}`)).status).toBe(200);
    const ready = await fetch(`${keyward.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    // The follower it was pointed at was asked (and answered NotLeader); the leader served the rest.
    expect(cluster.nodes[followerIndex]!.context.served.get('read') ?? 0).toBeGreaterThan(0);
    expect(cluster.leader!.context.served.get('read')).toBeGreaterThan(0);
    expect(cluster.leader!.context.served.get('append')).toBeGreaterThan(0);
  });
});
