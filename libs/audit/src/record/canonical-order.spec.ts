import { isCanonicalAsIs } from '../chain/canonical-json';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { isMarkedInCanonicalOrder } from './canonical-order';
import { defaultAuditMapping } from './default-audit-mapping';

describe('records the default mapping marks as in canonical order', () => {
  it('are in canonical order: every event type and variant, as the walk over the record finds', async () => {
    const { events, variants } = await everyEventTypeFixture();
    for (const event of [...events.values(), ...variants]) {
      const record = defaultAuditMapping(event);
      expect([event.type, isMarkedInCanonicalOrder(record)]).toEqual([event.type, true]);
      expect([event.type, isCanonicalAsIs(record)]).toEqual([event.type, true]);
    }
  });

  it('are not marked with a number JSON has no text for (RFC 8785 §3.2.2.3), so the walk decides', async () => {
    const { events } = await everyEventTypeFixture();
    const event = events.get('ServiceAccountQuotaRefused')!;
    for (const quota of [Number.NaN, Number.POSITIVE_INFINITY, [1, Number.NEGATIVE_INFINITY]]) {
      const record = defaultAuditMapping({ ...event, data: { ...(event.data as object), quota } });
      expect(record.data.details?.quota).toEqual(quota);
      expect(isMarkedInCanonicalOrder(record)).toBe(false);
      expect(isCanonicalAsIs(record)).toBe(false);
    }
  });
});
