import { EventStoreDBClient, FORWARDS, START, type ResolvedEvent } from '@eventstore/db-client';
import { credentials } from '@grpc/grpc-js';
import { GossipClient } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { gossip, shared } from './generated';
import { EsdbCluster } from './esdb-cluster';
import { collect, event, eventually, rejection } from './double-spec-helpers';

// Item 7: the cluster as the 6.2.1 client meets it, through gossip seeds.
describe('EventStoreDB double: a three-node cluster', () => {
  let cluster: EsdbCluster;
  let client: EventStoreDBClient;
  const start = async (options: Parameters<typeof EsdbCluster.start>[0] = {}) => {
    cluster = await EsdbCluster.start({ electionMs: 100, ...options });
    client = EventStoreDBClient.connectionString(cluster.connectionString);
  };
  afterEach(async () => {
    await client?.dispose();
    await cluster?.stop();
  });
  const types = (read: ResolvedEvent[]) => read.map((e) => e.event!.type);

  it('gossips one leader and two followers; the client finds the leader through any seed', async () => {
    await start();
    for (const node of cluster.nodes) {
      const members = await gossipOf(node.port);
      expect(members.map((m) => m.state).sort()).toEqual(['FOLLOWER', 'FOLLOWER', 'LEADER']);
      expect(members.map((m) => m.port).sort()).toEqual(cluster.nodes.map((n) => n.port).sort());
    }
    await client.appendToStream('s', event('A'), { requiresLeader: true });
    // The client discovered the leader: that is where the append went.
    expect(cluster.leader!.context.served.get('batchAppend')).toBe(1);
    expect(types(await collect(client.readStream('s', { requiresLeader: true })))).toEqual(['A']);
  });

  it('serves a follower read from a lagging copy, refuses it when the call requires the leader, and forwards writes', async () => {
    await start();
    const follower = cluster.nodes.find((node) => node.context.role === 'follower')!;
    const direct = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${follower.port}?tls=false`);
    try {
      follower.pauseReplication();
      await direct.appendToStream('lag', event('Forwarded'));
      expect(await rejection(collect(direct.readStream('lag')))).toMatchObject({ type: 'stream-not-found' });
      expect(types(await collect(client.readStream('lag', { requiresLeader: true })))).toEqual(['Forwarded']);
      const notLeader = await rejection(collect(direct.readStream('lag', { requiresLeader: true })));
      expect(notLeader).toMatchObject({ type: 'not-leader', leader: { address: '127.0.0.1', port: cluster.leader!.port } });
      follower.resumeReplication();
      expect(types(await collect(direct.readStream('lag')))).toEqual(['Forwarded']);
    } finally {
      await direct.dispose();
    }
  });

  it('elects a new leader when the leader stops; acknowledged writes survive; a new epoch moves positions on', async () => {
    await start();
    const { position } = await client.appendToStream('e', event('Before'), { requiresLeader: true });
    const old = cluster.leader!;
    await cluster.stopNode(old.index);
    await eventually(() => expect(cluster.leader).toBeDefined());
    expect(cluster.leader).not.toBe(old);
    await eventually(async () => expect((await client.appendToStream('e', event('After'), { requiresLeader: true })).success).toBe(true));
    const read = await collect(client.readStream('e', { requiresLeader: true }));
    expect(types(read)).toEqual(['Before', 'After']);
    expect(read[1]!.event!.position!.commit).toBeGreaterThan(position!.commit);
    const epochs = await collect(client.readStream('$epochs', { requiresLeader: true, direction: FORWARDS, fromRevision: START }));
    expect(epochs.length).toBeGreaterThanOrEqual(3);
  });

  it('works with its first node down from the start', async () => {
    await start({ down: [0] });
    await client.appendToStream('d', event('A'), { requiresLeader: true });
    expect(cluster.leader!.index).toBe(1);
  });

  it('treats a hung leader as lost: the others elect, writes go on through them', async () => {
    await start();
    const hung = cluster.leader!;
    cluster.hangNode(hung.index);
    await eventually(() => expect(cluster.leader).toBeDefined());
    // The hung seed holds each discovery for the gossip timeout (the client's default is 5 s).
    const fresh = EventStoreDBClient.connectionString(`${cluster.connectionString}&gossipTimeout=1`);
    try {
      await eventually(
        async () => expect((await fresh.appendToStream('h', event('A'), { requiresLeader: true, deadline: 1000 })).success).toBe(true),
        10_000,
      );
    } finally {
      await fresh.dispose();
      cluster.resumeNode(hung.index);
    }
    expect(hung.context.role).toBe('follower');
  });

  it('times writes out while fewer than a quorum of nodes answer', async () => {
    await start({ limits: { writeTimeoutMs: 50 } });
    const followers = cluster.nodes.filter((node) => node.context.role === 'follower');
    await cluster.stopNode(followers[0]!.index);
    await cluster.stopNode(followers[1]!.index);
    await expect(client.appendToStream('q', event('A'), { requiresLeader: true })).rejects.toMatchObject({ type: 'deadline-exceeded' });
  });
});

/** Gossip/Read on one node, as the client's discovery calls it. */
function gossipOf(port: number): Promise<{ state: string; port: number; alive: boolean }[]> {
  const seed = new GossipClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const names = Object.fromEntries(Object.entries(gossip.MemberInfo.VNodeState).map(([name, value]) => [value, name]));
  return new Promise((resolve, reject) =>
    seed.read(new shared.Empty(), (error, info) => {
      seed.close();
      if (error) return reject(error);
      resolve(
        info.getMembersList().map((m) => ({ state: names[m.getState()]!, port: m.getHttpEndPoint()!.getPort(), alive: m.getIsAlive() })),
      );
    }),
  );
}
