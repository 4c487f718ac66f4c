import { EventStoreRefused, openEsdbEventStore } from '@keyward/event-store';
import { EsdbDouble } from '@keyward/testing/esdb-double';
import { MemoryAuditSink } from '../testing/memory-audit-sink';
import { AuditRelay } from './audit-relay';

// The double refuses on purpose; a real EVENTSTORE_URL server cannot be told to.
const describeWithDouble = process.env['EVENTSTORE_URL'] ? describe.skip : describe;

describeWithDouble('audit relay when the store refuses its subscription', () => {
  it('stops for good and reports the refusal instead of resubscribing forever', async () => {
    const double = await EsdbDouble.start();
    const store = openEsdbEventStore({ connectionString: double.connectionString });
    double.node.denyAccess((operation, stream) => operation === 'read' && stream === '$all');
    const fatal = new Promise<Error>((resolve) => {
      const relay = new AuditRelay({
        store,
        sink: new MemoryAuditSink(),
        retry: { initialMs: 5, maxMs: 20 },
        reportIntervalMs: 0,
        onFatal: resolve,
      });
      relay.start();
    });
    try {
      const error = await fatal;
      expect(error).toBeInstanceOf(EventStoreRefused);
      expect(error).toMatchObject({ reason: 'access_denied' });
    } finally {
      await store.close();
      await double.stop();
    }
  });
});
