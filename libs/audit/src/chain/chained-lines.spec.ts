import canonicalize from 'canonicalize';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { AuditChains } from './audit-chains';
import { chainHashOf } from './audit-chain';
import type { AuditRecord } from '../record/audit-record';
import { ChainedLinesWriter, encodedAuditLines, encodedAuditRecords, serializeAuditRecord } from './chained-lines';
import { sampleAuditRecord } from './sample-audit-record.fixture';

const textOf = (records: readonly object[]) => records.map((record) => `${canonicalize(record)}\n`).join('');

describe('ChainedLinesWriter', () => {
  it('writes a linked batch as one buffer of canonical lines, which the batch is published as without a copy', async () => {
    const { events } = await everyEventTypeFixture();
    const { records } = new AuditChains().link([...events.values()].map(defaultAuditMapping));

    const lines = encodedAuditLines(records);
    expect(lines.toString()).toBe(textOf(records));
    // The bytes the records were linked into, each time, and each record's value a view of them.
    expect(encodedAuditLines(records).buffer).toBe(lines.buffer);
    const values = encodedAuditRecords(records);
    expect(values.map((value) => value.buffer === lines.buffer)).toEqual(records.map(() => true));
    expect(values.map(String)).toEqual(records.map((record) => canonicalize(record)));
    expect(records.map(serializeAuditRecord)).toEqual(records.map((record) => canonicalize(record)));
  });

  it('grows past its first estimate with records of many bytes each, and hashes them as the reference does', () => {
    const writer = new ChainedLinesWriter(1);
    const wide = (n: number) => ({ ...sampleAuditRecord('org-ü', n), data: { actor: '😀'.repeat(2000), name: 'é'.repeat(3000 + n) } });
    let head: { seq: number; hash: string } | undefined;
    for (const n of [1, 2, 3]) {
      const chained = writer.link(wide(n), head);
      head = { seq: chained.chainseq, hash: chained.chainhash };
    }
    const linked = writer.finish();

    expect(encodedAuditLines(linked).toString()).toBe(textOf(linked));
    expect(linked.map((record) => chainHashOf({ ...record }))).toEqual(linked.map((record) => record.chainhash));
  });

  it('serializes what was not linked in that array: records pushed onto it, another order, a record never linked', () => {
    const chains = new AuditChains();
    const first = chains.link([sampleAuditRecord('a', 1), sampleAuditRecord('a', 2)]);
    chains.commit(first.heads);
    const second = chains.link([sampleAuditRecord('a', 3)]);
    const unlinked = sampleAuditRecord('b', 1);
    const lineOf = (record: AuditRecord) => `${serializeAuditRecord(record)}\n`;

    const withCheckpoint: AuditRecord[] = second.records;
    withCheckpoint.push(unlinked);
    for (const records of [withCheckpoint, [...first.records, ...second.records], [first.records[1]!, first.records[0]!]]) {
      expect(encodedAuditLines(records).toString()).toBe(records.map(lineOf).join(''));
      expect(encodedAuditRecords(records).map(String)).toEqual(records.map(serializeAuditRecord));
    }
    expect(serializeAuditRecord(unlinked)).toBe(JSON.stringify(unlinked));
    expect(encodedAuditLines([]).length).toBe(0);
  });
});
