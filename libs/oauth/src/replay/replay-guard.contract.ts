import { TestClock } from '@keyward/testing/test-clock';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { claimKey } from './claim-key';
import type { JtiClaim, ReplayGuard } from './replay-guard';

export interface ReplayGuardsUnderTest {
  /** A guard (one replica) with this bound per organization, on the adapter's store. */
  guard(maxPerOrganization: number): ReplayGuard;
  /** Makes the store unreachable (adapters with a store; called last). */
  breakStore?(): Promise<void>;
  dispose(): Promise<void>;
}

/** The ReplayGuard port's contract, run against every adapter (in memory, SQLite, EventStoreDB single node and cluster). */
export function describeReplayGuardContract(
  name: string,
  /** shared: guards of one adapter are replicas on one store (each call of guard() knows nothing yet). */
  traits: { readonly shared: boolean },
  open: (clock: TestClock) => Promise<ReplayGuardsUnderTest>,
): void {
  describe(`ReplayGuard contract: ${name}`, () => {
    const clock = new TestClock(Date.parse('2026-03-01T10:00:00Z'));
    let adapter: ReplayGuardsUnderTest;
    let org = 0;
    beforeAll(async () => {
      adapter = await open(clock);
    });
    afterAll(() => adapter.dispose());
    // Each test gets organizations of its own: the guards of one adapter share their store.
    const nextOrg = () => `00000000-0000-4000-8000-${String(++org).padStart(12, '0')}`;
    const claim = (organizationId: string, jti: string, over: Partial<JtiClaim> = {}): JtiClaim => ({
      organizationId,
      kind: 'dpop',
      scope: 'client-1',
      jti,
      until: new Date(clock.now().getTime() + 300_000),
      ...over,
    });

    it('claims a jti once; the same jti again is a replay', async () => {
      const guard = adapter.guard(100);
      const orgId = nextOrg();
      expect(await guard.claim(claim(orgId, 'a'))).toBe('claimed');
      expect(await guard.claim(claim(orgId, 'a'))).toBe('replayed');
      expect(await guard.claim(claim(orgId, 'b'))).toBe('claimed');
    });

    it('keeps scopes, kinds and organizations apart', async () => {
      const guard = adapter.guard(100);
      const [one, two] = [nextOrg(), nextOrg()];
      expect(await guard.claim(claim(one, 'j'))).toBe('claimed');
      expect(await guard.claim(claim(one, 'j', { scope: 'client-2' }))).toBe('claimed');
      expect(await guard.claim(claim(one, 'j', { kind: 'assertion' }))).toBe('claimed');
      expect(await guard.claim(claim(two, 'j'))).toBe('claimed');
    });

    it('answers exactly one of two concurrent claims of a jti with claimed', async () => {
      const guard = adapter.guard(100);
      const orgId = nextOrg();
      const verdicts = await Promise.all([guard.claim(claim(orgId, 'twice')), guard.claim(claim(orgId, 'twice'))]);
      expect(verdicts.sort()).toEqual(['claimed', 'replayed']);
    });

    it('refuses an organization whose live claims fill its bound, and it alone; expiry makes room again', async () => {
      const guard = adapter.guard(3);
      const [flooding, other] = [nextOrg(), nextOrg()];
      for (const jti of ['1', '2', '3']) expect(await guard.claim(claim(flooding, jti))).toBe('claimed');
      const refused = await guard.claim(claim(flooding, '4')).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TemporarilyUnavailable);
      expect(refused).toMatchObject({ status: 503, reason: 'replay_claims_full' });
      expect(await guard.claim(claim(other, '1'))).toBe('claimed');
      // A replay is still told apart while full: its claim is live.
      expect(await guard.claim(claim(flooding, '1'))).toBe('replayed');
      clock.advance(301);
      expect(await guard.claim(claim(flooding, '4'))).toBe('claimed');
      // Past its `until` a claim no longer counts, and its jti could be claimed again (its token is expired by then).
      expect(await guard.claim(claim(flooding, '1'))).toBe('claimed');
    });

    if (!traits.shared) return;

    it('refuses, on a second replica sharing the store, a jti the first claimed (and the other way round)', async () => {
      const [first, second] = [adapter.guard(100), adapter.guard(100)];
      const orgId = nextOrg();
      expect(await first.claim(claim(orgId, 'x'))).toBe('claimed');
      expect(await second.claim(claim(orgId, 'x'))).toBe('replayed');
      // The first replica already knows the stream; the second's claim makes the first's next append conflict.
      const spread = Array.from({ length: 24 }, (_, i) => `y${i}`);
      for (const jti of spread) expect(await second.claim(claim(orgId, jti))).toBe('claimed');
      for (const jti of spread) expect(await first.claim(claim(orgId, jti))).toBe('replayed');
      expect(await first.claim(claim(orgId, 'z'))).toBe('claimed');
      expect(await second.claim(claim(orgId, 'z'))).toBe('replayed');
    });

    it('answers each jti claimed at once on two replicas with exactly one claimed', async () => {
      const [first, second] = [adapter.guard(1000), adapter.guard(1000)];
      const orgId = nextOrg();
      const jtis = Array.from({ length: 40 }, (_, i) => `race-${i}`);
      const verdicts = await Promise.all(
        jtis.map(async (jti) => [await first.claim(claim(orgId, jti)), await second.claim(claim(orgId, jti))]),
      );
      const raced = await Promise.all(
        jtis.map((jti) => Promise.all([first.claim(claim(orgId, `${jti}-both`)), second.claim(claim(orgId, `${jti}-both`))])),
      );
      expect(verdicts.every((pair) => pair.join() === 'claimed,replayed')).toBe(true);
      expect(raced.map((pair) => [...pair].sort().join())).toEqual(jtis.map(() => 'claimed,replayed'));
    });

    it('counts the claims of every replica against the organization bound', async () => {
      const [first, second] = [adapter.guard(2), adapter.guard(2)];
      const orgId = nextOrg();
      // One bucket of one kind, so the second replica reads the first's claims before it decides.
      const sameStream = { kind: 'assertion' as const };
      const jtis = findJtisInOneBucket(orgId, 3);
      expect(await first.claim(claim(orgId, jtis[0]!, sameStream))).toBe('claimed');
      expect(await first.claim(claim(orgId, jtis[1]!, sameStream))).toBe('claimed');
      await expect(second.claim(claim(orgId, jtis[2]!, sameStream))).rejects.toMatchObject({ reason: 'replay_claims_full' });
    });

    it('fails closed when the store cannot be reached', async () => {
      const guard = adapter.guard(100);
      const orgId = nextOrg();
      await adapter.breakStore!();
      await expect(guard.claim(claim(orgId, 'down'))).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
    });
  });
}

/** jtis whose claims land in the same stream (bucket) of the default eight. */
function findJtisInOneBucket(organizationId: string, count: number): string[] {
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) {
    const jti = `same-bucket-${i}`;
    if (claimKey({ kind: 'assertion', scope: 'client-1', jti }).bucketByte % 8 === 0) found.push(jti);
  }
  return found;
}
