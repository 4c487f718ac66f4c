import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { isSystemEvent, toEsdbExpectedRevision, toRecordedEvent } from './esdb-event-mapping';

const esdbEvent = (overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent =>
  ({
    streamId: 'service_account-1',
    id: '4c3e7a4e-2f0b-4d52-9a43-0d2f1c2b9a11',
    revision: 3n,
    type: 'ServiceAccountCreated',
    data: { name: 'bot' },
    metadata: { actor: 'admin' },
    isJson: true,
    created: new Date(1_700_000_000_000),
    position: { commit: 4242n, prepare: 4242n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('EventStoreDB event mapping', () => {
  it('maps a recorded event to the port, the commit position being the global position', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: '4c3e7a4e-2f0b-4d52-9a43-0d2f1c2b9a11',
      type: 'ServiceAccountCreated',
      data: { name: 'bot' },
      metadata: { actor: 'admin' },
      streamName: 'service_account-1',
      revision: 3,
      position: 4242n,
      recordedAt: new Date(1_700_000_000_000),
    });
  });

  it('reads absent metadata as {}', () => {
    expect(toRecordedEvent(esdbEvent({ metadata: undefined })).metadata).toEqual({});
  });

  it('refuses an event without a usable position rather than inventing one', () => {
    const unknown = 2n ** 64n - 1n;
    expect(() => toRecordedEvent(esdbEvent({ position: { commit: unknown, prepare: unknown } }))).toThrow('without its log position');
  });

  it('maps expected revisions', () => {
    expect([3, 'no_stream', 'stream_exists', 'any'].map((expected) => toEsdbExpectedRevision(expected as never))).toEqual([
      3n,
      'no_stream',
      'stream_exists',
      'any',
    ]);
  });

  it('treats $-types and $-streams as system events', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$service_account-1' })).toBe(true);
    expect(isSystemEvent({ type: 'Anything', streamId: '$users' })).toBe(true);
    expect(isSystemEvent({ type: 'ServiceAccountCreated', streamId: 'service_account-1' })).toBe(false);
  });
});
