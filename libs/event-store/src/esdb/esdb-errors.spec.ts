import { CancelledError, InvalidArgumentError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import { toPortError } from './esdb-errors';

describe('toPortError', () => {
  it("turns the client's wrong expected version into the port's, keeping the caller's expectation", () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 's', current: 4n, expected: 3n });
    expect(toPortError(conflict, { stream: 's', expected: 3 })).toEqual(new WrongExpectedRevision('s', 3, 4));
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', current: 'no_stream', expected: 'stream_exists' });
    expect((toPortError(missing, { stream: 's', expected: 'stream_exists' }) as WrongExpectedRevision).actual).toBe('no_stream');
  });

  it('fails closed: connection failures and anything unrecognised become EventStoreUnavailable', () => {
    for (const error of [new UnavailableError(), new CancelledError(), new Error('14 UNAVAILABLE: No connection established')]) {
      const mapped = toPortError(error);
      expect(mapped).toBeInstanceOf(EventStoreUnavailable);
      expect(mapped.cause).toBe(error);
    }
  });

  it("passes the caller's own mistakes through unchanged", () => {
    const invalid = new InvalidArgumentError('bad');
    expect(toPortError(invalid)).toBe(invalid);
    const typeError = new TypeError('bad input');
    expect(toPortError(typeError)).toBe(typeError);
  });
});
