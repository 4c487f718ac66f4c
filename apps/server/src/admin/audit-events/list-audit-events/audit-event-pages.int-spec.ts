import { randomUUID } from 'node:crypto';
import { checkpointStream } from '@keyward/audit';
import { tokenIssuanceStream } from '@keyward/domain';
import type { EventStore, EventToAppend, RecordedEvent } from '@keyward/event-store';
import { AuditLogIndexProjection } from '@keyward/projections';
import { openTempEventStore } from '../../../../../../libs/audit/src/testing/temp-event-store';
import { TokenHistoryRetention } from '../../../token-history/token-history-retention';
import { AuditEventPages } from './audit-event-pages';
import { formatAuditCursor, parseAuditCursor } from './audit-page-cursor';

const DAY_MS = 86_400_000;
const org = randomUUID();
const [alice, bob] = [randomUUID(), randomUUID()];
const event = (type: string, data: Record<string, unknown>): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { organizationId: org, ...data },
  metadata: { organizationId: org },
});

describe('audit event pages', () => {
  let temp: ReturnType<typeof openTempEventStore>;
  let store: EventStore;
  beforeEach(async () => {
    ({ store } = temp = openTempEventStore());
    await store.append(`organization-${org}`, [event('OrganizationCreated', { name: 'Acme' })]);
    // Another organization's history is never shown.
    const other = randomUUID();
    await store.append(tokenIssuanceStream(other), [event('AccessTokenIssued', { serviceAccountId: alice, organizationId: other })]);
    for (const [n, account] of [alice, bob, alice].entries()) {
      await store.append(`service_account-${account}`, [
        event(n < 2 ? 'ServiceAccountCreated' : 'ServiceAccountRenamed', { serviceAccountId: account }),
      ]);
      for (let i = 0; i < 4; i++)
        await store.append(tokenIssuanceStream(org), [
          event('AccessTokenIssued', { serviceAccountId: i % 2 ? alice : bob, jti: `${n}-${i}` }),
        ]);
      await store.append(tokenIssuanceStream(org), [event('TokenRequestRefused', { reason: 'unknown_client' })]);
    }
  });
  afterEach(() => temp.dispose());

  /** What the pages must add up to: the organization's events in $all, newest first. */
  async function expected(serviceAccountId?: string): Promise<string[]> {
    const all = (await store.readAll({ direction: 'backwards' })).filter(
      (e) => (e.data as { organizationId?: string }).organizationId === org && !e.streamName.startsWith('checkpoint_'),
    );
    return all
      .filter((e) => serviceAccountId === undefined || (e.data as { serviceAccountId?: string }).serviceAccountId === serviceAccountId)
      .map((e) => e.id);
  }

  async function paged(limit: number, serviceAccountId?: string, bare = false): Promise<{ ids: string[]; cursors: string[] }> {
    const index = new AuditLogIndexProjection();
    for (const recorded of await store.readAll()) index.apply(recorded);
    const pages = new AuditEventPages(index, store);
    const ids: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await pages.page(org, { serviceAccountId, limit, cursor: cursor === undefined ? undefined : parseAuditCursor(cursor) });
      ids.push(...page.events.map((e: RecordedEvent) => e.id));
      if (!page.next) return { ids, cursors };
      // A bare position (a cursor from before token history was read from its stream) must still page right.
      cursor = bare ? page.next.before.toString() : formatAuditCursor(page.next);
      cursors.push(cursor);
    }
    throw new Error('pages never end');
  }

  it.each([1, 3, 7, 50])('merges entity events and token history newest first, without gaps or repeats (limit %i)', async (limit) => {
    expect((await paged(limit)).ids).toEqual(await expected());
    expect((await paged(limit, alice)).ids).toEqual(await expected(alice));
  });

  it('accepts a bare position as cursor, and pages the same', async () => {
    expect((await paged(3, undefined, true)).ids).toEqual(await expected());
    expect((await paged(2, alice, true)).ids).toEqual(await expected(alice));
  });

  it('pages the same before and after pruning, less what was pruned', async () => {
    const before = await paged(3);
    const head = (await store.headPosition())!;
    await store.append(checkpointStream('audit-relay'), [
      { id: randomUUID(), type: 'CheckpointStored', data: { position: head.toString(), relayInstanceId: 'r' }, metadata: {} },
    ]);
    const retention = (days: number) =>
      new TokenHistoryRetention({
        store,
        clock: () => new Date(Date.now() + days * DAY_MS),
        retentionDays: 30,
        organizationIds: () => [org],
      });

    expect((await retention(29).run()).truncated).toBe(0);
    expect(await paged(3)).toEqual(before);

    const pruned = await retention(31).run();
    expect(pruned.truncated).toBe(14);
    const after = await paged(3);
    const kept = new Set(await expected());
    expect(kept.size).toBe(before.ids.length - 14);
    expect(after.ids).toEqual(before.ids.filter((id) => kept.has(id)));
  });

  it('reads a bounded slice of token history per page when the filter matches little, and still gets there', async () => {
    const many = Array.from({ length: 2600 }, (_, i) =>
      store.append(tokenIssuanceStream(org), [event('AccessTokenIssued', { serviceAccountId: bob, jti: `bulk-${i}` })]),
    );
    await Promise.all(many);
    await store.append(`service_account-${alice}`, [event('ServiceAccountSuspended', { serviceAccountId: alice })]);
    const { ids, cursors } = await paged(5, alice);
    expect(ids).toEqual(await expected(alice));
    expect(cursors.length).toBeGreaterThan(1);
  });
});
