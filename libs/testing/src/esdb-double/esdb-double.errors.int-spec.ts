import { AccessDeniedError, EventStoreDBClient, TimeoutError, UnavailableError, UnknownError } from '@eventstore/db-client';
import { collect, doubleRig, event, rejection } from './double-spec-helpers';

// Item 5: the errors a node answers before or instead of the work.
describe('EventStoreDB double: errors', () => {
  const { double, client } = doubleRig({ limits: { writeTimeoutMs: 50 } });

  it('refuses reads and subscriptions the caller may not make with AccessDenied', async () => {
    double().node.denyAccess((operation, stream) => operation === 'read' && stream === '$all');
    await expect(collect(client().readAll())).rejects.toBeInstanceOf(AccessDeniedError);
    const subscription = client().subscribeToAll();
    subscription.on('data', () => undefined);
    await expect(new Promise((_, reject) => subscription.once('error', reject))).rejects.toBeInstanceOf(AccessDeniedError);
    await client().appendToStream('mine', event('A'));
    expect(await collect(client().readStream('mine'))).toHaveLength(1);
  });

  it('answers UNAVAILABLE "Server Is Not Ready" while not ready', async () => {
    double().node.role = 'not-ready';
    const error = await rejection(collect(client().readAll()));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain('Server Is Not Ready');
  });

  it('answers a follower call that requires the leader with NotLeader naming it, or NoLeaderInfo', async () => {
    double().node.role = 'follower';
    expect(await collect(client().readAll({ maxCount: 1 }))).toHaveLength(1);
    const noLeader = await rejection(collect(client().readAll({ requiresLeader: true })));
    expect(noLeader).toBeInstanceOf(UnknownError);
    expect(noLeader.message).toContain('No leader info available in response');
    double().node.leader = { host: '127.0.0.1', port: 1 };
    const notLeader = await rejection(collect(client().readAll({ requiresLeader: true })));
    expect(notLeader).toMatchObject({ type: 'not-leader', leader: { address: '127.0.0.1', port: 1 } });
  });

  it('times a unary append out with ABORTED when the commit stalls', async () => {
    double().node.writesStall = true;
    const unary = client().appendToStream('s', event('A'), { credentials: { username: 'admin', password: 'changeit' } });
    await expect(unary).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reports UNAVAILABLE once the node is stopped', async () => {
    await double().stop();
    const fresh = EventStoreDBClient.connectionString(double().connectionString);
    await expect(collect(fresh.readAll())).rejects.toBeInstanceOf(UnavailableError);
    await fresh.dispose();
  });
});
