import { LoadProgress, runLoad, type Sample } from '../e2e-esdb/outage-load';
import { call, figures, missingFromStore, notShownBy, startFailoverRig, type FailoverRig } from './failover-rig';

// Always on the cluster double (never EVENTSTORE_URL): the test stops and hangs nodes.
describe('failover under load: three keyward replicas on a three-node cluster', () => {
  let rig: FailoverRig | undefined;
  afterEach(async () => {
    await rig?.dispose();
    rig = undefined;
  });

  /** Token and admin traffic over every replica until `done`; `progress` counts successes as they come. */
  function traffic(current: FailoverRig) {
    const progress = new LoadProgress();
    let done = false;
    const replica = (n: number) => current.replicas[n % current.replicas.length]!.baseUrl;
    const token = async (n: number) => {
      const answer = await call(replica(n), 'POST', '/oauth/token', { form: 'grant_type=client_credentials', basic: current.client });
      if (answer.status === 200) progress.add('tokens');
      if (answer.status === 503) expect(answer.retryAfter).not.toBeNull();
      return answer;
    };
    const createAccount = async (n: number) => {
      const answer = await call(replica(n), 'POST', '/admin/v1/service-accounts', {
        json: { name: `failover-${n}` },
        bearer: current.bearer,
      });
      if (answer.status === 201) progress.add('admins');
      return answer;
    };
    const load = Promise.all([
      runLoad('token', { workers: 4, budgetPerWorker: 5000, pauseMs: 0, until: () => done }, token),
      runLoad('admin', { workers: 1, budgetPerWorker: 400, pauseMs: 20, until: () => done }, createAccount),
    ]).then((all) => all.flat());
    return { progress, stop: () => ((done = true), load) };
  }

  /** What every run must show: only 200/503 tokens, nothing acknowledged lost, replicas converged. */
  async function expectNothingLost(current: FailoverRig, samples: readonly Sample[]): Promise<void> {
    const tokens = samples.filter((s) => s.kind === 'token');
    const admins = samples.filter((s) => s.kind === 'admin');
    expect([...new Set(tokens.map((s) => s.status))].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect([...new Set(admins.map((s) => s.status))].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    for (const refused of tokens.filter((s) => s.status === 503)) expect(refused.body.access_token).toBeUndefined();
    expect(await missingFromStore(current, samples)).toEqual({ tokens: [], accounts: [] });
    const created = admins.filter((s) => s.status === 201).map((s) => s.body.id as string);
    for (const replica of current.replicas) {
      let missing = await notShownBy(replica, current.bearer, created);
      for (let attempt = 0; missing.length > 0 && attempt < 50; attempt++) missing = await notShownBy(replica, current.bearer, missing);
      expect(missing).toEqual([]);
    }
  }

  const report = (name: string, values: Record<string, number>) =>
    process.stdout.write(`failover figures ${name}: ${JSON.stringify(values)}\n`);

  it('the leader stops mid-run: 503 while the cluster elects, then every replica serves again; nothing acknowledged is lost', async () => {
    rig = await startFailoverRig();
    const run = traffic(rig);
    await run.progress.reached(() => run.progress.of('tokens') >= 150 && run.progress.of('admins') >= 5, 'traffic before the fault');
    const leader = rig.cluster.leader!;
    const faultAt = Date.now();
    await rig.cluster.stopNode(leader.index);
    const [tokensAtFault, adminsAtFault] = [run.progress.of('tokens'), run.progress.of('admins')];
    await run.progress.reached(
      () => run.progress.of('tokens') >= tokensAtFault + 150 && run.progress.of('admins') >= adminsAtFault + 5,
      'traffic after the election',
      30_000,
    );
    const samples = await run.stop();
    expect(rig.cluster.leader).not.toBe(leader);
    report('leader stopped', figures(samples, faultAt));
    await expectNothingLost(rig, samples);
  }, 120_000);

  it('the first node is down from the start; then it comes back and the leader stops', async () => {
    rig = await startFailoverRig({ down: [0] });
    const run = traffic(rig);
    await run.progress.reached(
      () => run.progress.of('tokens') >= 150 && run.progress.of('admins') >= 5,
      'traffic with the first node down',
    );
    await rig.cluster.startNode(0);
    const leader = rig.cluster.leader!;
    const faultAt = Date.now();
    await rig.cluster.stopNode(leader.index);
    const [tokensAtFault, adminsAtFault] = [run.progress.of('tokens'), run.progress.of('admins')];
    await run.progress.reached(
      () => run.progress.of('tokens') >= tokensAtFault + 150 && run.progress.of('admins') >= adminsAtFault + 5,
      'traffic after the election',
      30_000,
    );
    const samples = await run.stop();
    report('first node down, then leader stopped', figures(samples, faultAt));
    await expectNothingLost(rig, samples);
  }, 120_000);

  it('the leader hangs (accepts, never answers): calls give up at their deadline, the replicas move to the new leader', async () => {
    rig = await startFailoverRig();
    const run = traffic(rig);
    await run.progress.reached(() => run.progress.of('tokens') >= 150 && run.progress.of('admins') >= 5, 'traffic before the fault');
    const leader = rig.cluster.leader!;
    const faultAt = Date.now();
    rig.cluster.hangNode(leader.index);
    const [tokensAtFault, adminsAtFault] = [run.progress.of('tokens'), run.progress.of('admins')];
    await run.progress.reached(
      () => run.progress.of('tokens') >= tokensAtFault + 150 && run.progress.of('admins') >= adminsAtFault + 5,
      'traffic after the election',
      45_000,
    );
    const samples = await run.stop();
    const values = figures(samples, faultAt);
    report('leader hung', values);
    // The call deadline (1.5 s), not keepalive (about 20 s), ends the wait; the bound leaves room for a busy machine.
    expect(values.maxDuringMs).toBeLessThan(6000);
    rig.cluster.resumeNode(leader.index);
    await expectNothingLost(rig, samples);
  }, 120_000);
});
