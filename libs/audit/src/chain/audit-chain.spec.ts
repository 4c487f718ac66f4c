import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { chainHashOf, GENESIS_HASH, linkRecord, serializeAuditRecord } from './audit-chain';
import { canonicalJson } from './canonical-json';

describe('linkRecord', () => {
  it('links each record to the one before, and serializes it as its canonical JSON', async () => {
    const { events } = await everyEventTypeFixture();
    let head: { seq: number; hash: string } | undefined;
    for (const event of events.values()) {
      const linked = linkRecord(defaultAuditMapping(event), head);
      expect([linked.chainseq, linked.chainprev]).toEqual([(head?.seq ?? 0) + 1, head?.hash ?? GENESIS_HASH]);
      expect(linked.chainhash).toBe(chainHashOf(linked as unknown as Record<string, unknown>));
      expect(serializeAuditRecord(linked)).toBe(canonicalJson(linked));
      head = { seq: linked.chainseq, hash: linked.chainhash };
    }
  });

  it('serializes a record that was never linked with JSON.stringify', async () => {
    const { events } = await everyEventTypeFixture();
    const record = defaultAuditMapping(events.values().next().value!);
    expect(JSON.parse(serializeAuditRecord(record))).toEqual(record);
  });
});
