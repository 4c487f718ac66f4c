import canonicalize from 'canonicalize';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { AuditChains } from './audit-chains';
import { chainHashOf } from './audit-chain';
import { ChainedLinesWriter, encodedAuditLines, encodedAuditRecord, serializeAuditRecord } from './chained-lines';
import { sampleAuditRecord } from './sample-audit-record.fixture';

const textOf = (records: readonly object[]) => records.map((record) => `${canonicalize(record)}\n`).join('');

describe('ChainedLinesWriter', () => {
  it('writes a linked batch as one buffer of canonical lines, which the batch is published as without a copy', async () => {
    const { events } = await everyEventTypeFixture();
    const { records } = new AuditChains().link([...events.values()].map(defaultAuditMapping));

    const lines = encodedAuditLines(records);
    expect(lines.toString()).toBe(textOf(records));
    // One view of the bytes the records were linked into.
    expect(lines.buffer).toBe(encodedAuditRecord(records[0]!).buffer);
    expect(lines.byteOffset).toBe(encodedAuditRecord(records[0]!).byteOffset);
    for (const record of records) expect(serializeAuditRecord(record)).toBe(canonicalize(record));
  });

  it('grows past its first estimate with records of many bytes each, and hashes them as the reference does', () => {
    const writer = new ChainedLinesWriter(1);
    const wide = (n: number) => ({ ...sampleAuditRecord('org-ü', n), data: { actor: '😀'.repeat(2000), name: 'é'.repeat(3000 + n) } });
    let head: { seq: number; hash: string } | undefined;
    const linked = [1, 2, 3].map((n) => {
      const chained = writer.link(wide(n), head);
      head = { seq: chained.chainseq, hash: chained.chainhash };
      return chained;
    });
    const bytes = writer.finish();

    expect(bytes.toString()).toBe(textOf(linked));
    expect(linked.map((record) => chainHashOf({ ...record }))).toEqual(linked.map((record) => record.chainhash));
    expect(encodedAuditLines(linked).equals(bytes)).toBe(true);
  });

  it('copies lines together when they are not one batch in order: another batch, a record never linked', () => {
    const chains = new AuditChains();
    const first = chains.link([sampleAuditRecord('a', 1), sampleAuditRecord('a', 2)]);
    chains.commit(first.heads);
    const second = chains.link([sampleAuditRecord('a', 3)]);
    const unlinked = sampleAuditRecord('b', 1);

    for (const records of [
      [...second.records, ...first.records],
      [...first.records, unlinked],
      [first.records[1]!, first.records[0]!],
    ])
      expect(encodedAuditLines(records).toString()).toBe(records.map((record) => `${serializeAuditRecord(record)}\n`).join(''));
    expect(serializeAuditRecord(unlinked)).toBe(JSON.stringify(unlinked));
  });
});
