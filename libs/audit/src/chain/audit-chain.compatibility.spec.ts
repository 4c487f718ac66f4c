import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { unmappedAuditRecord } from '../relay/unmapped-audit-record';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { verifyAuditChains } from './audit-chain-verifier';
import { chainCheckpointRecord } from './chain-checkpoint-record';

/**
 * Chains written before the canonical text was made without a sorted copy (53f015e and earlier) must
 * verify as they are. The two canonicalizations differ only for integer-like member names ("2", "10":
 * an object lists them first, in numeric order; RFC 8785 §3.2.3 sorts them as strings), and no
 * record keyward makes can hold one: every member name is fixed in the mapping or its allow-list.
 */
describe('audit chains written by earlier relays', () => {
  it('verifies a trail written by 53f015e, every event type linked', async () => {
    const lines = readFileSync(join(__dirname, 'fixtures', 'trail-53f015e.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const result = await verifyAuditChains(lines, () => Promise.reject(new Error('the trail holds no checkpoint')));
    expect(result).toMatchObject({ intact: true, problems: [], unchained: 0, unreadable: 0 });
    expect(result.chains.reduce((records, chain) => records + chain.records, 0)).toBe(lines.length);
  });

  it('makes no record with an integer-like member name, even from events full of them', async () => {
    const { events, variants } = await everyEventTypeFixture();
    const integerLike = { 0: 'zero', 12: 'twelve', 4294967294: 'max index' };
    const records = [...events.values(), ...variants].flatMap((event) => {
      const data = event.data as Record<string, unknown>;
      const planted = {
        ...event,
        data: {
          ...data,
          ...integerLike,
          previous: { ...(data.previous as object), ...integerLike },
          publicKeys: [{ kid: 'k', ...integerLike }],
        },
        metadata: { ...event.metadata, ...integerLike },
      };
      return [defaultAuditMapping(planted), unmappedAuditRecord(planted)];
    });
    records.push(chainCheckpointRecord('o', { sub: 'o', chainseq: 1, chainhash: 'h', iat: 1 }, 'jws'));
    for (const record of records) expect(memberNames(record).filter((name) => /^(0|[1-9]\d*)$/.test(name))).toEqual([]);
  });
});

function memberNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(memberNames);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, member]) => [name, ...memberNames(member)]);
}
