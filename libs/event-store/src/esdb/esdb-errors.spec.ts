import {
  AccessDeniedError,
  CancelledError,
  InvalidArgumentError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreRefused, EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import { isOutage, toPortError } from './esdb-errors';

describe('toPortError', () => {
  it("turns the client's wrong expected version into the port's, keeping the caller's expectation", () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 's', current: 4n, expected: 3n });
    expect(toPortError(conflict, { stream: 's', expected: 3 })).toEqual(new WrongExpectedRevision({ stream: 's', expected: 3, actual: 4 }));
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', current: 'no_stream', expected: 'stream_exists' });
    expect((toPortError(missing, { stream: 's', expected: 'stream_exists' }) as WrongExpectedRevision).actual).toBe('no_stream');
  });

  it('fails closed: outages and anything unrecognised become EventStoreUnavailable', () => {
    const notReady = new UnknownError(undefined, 'Could not recognize Server Is Not Ready');
    for (const error of [new UnavailableError(), new CancelledError(), notReady, new Error('Failed to discover after 10 attempts.')]) {
      const mapped = toPortError(error);
      expect(mapped).toBeInstanceOf(EventStoreUnavailable);
      expect(mapped.cause).toBe(error);
      expect(isOutage(error)).toBe(true);
    }
  });

  it('names refusals that mean our bug or a misconfiguration EventStoreRefused, never an outage', () => {
    const invalidPosition = Object.assign(new UnknownError(), { message: '2 UNKNOWN: Unexpected ReadAllResult: InvalidPosition' });
    const subscriptionPosition = Object.assign(new Error('3 INVALID_ARGUMENT: Trying to read from an invalid position.'), { code: 3 });
    for (const error of [new InvalidArgumentError('bad'), invalidPosition, subscriptionPosition]) {
      const mapped = toPortError(error) as EventStoreRefused;
      expect(mapped).toBeInstanceOf(EventStoreRefused);
      expect(mapped.reason).toBe('invalid_request');
      expect(isOutage(error)).toBe(false);
    }
    expect(toPortError(new AccessDeniedError(), { stream: '$all' })).toMatchObject({
      reason: 'access_denied',
      message: expect.stringContaining('$all'),
    });
  });

  it("passes the caller's own type errors through unchanged", () => {
    const typeError = new TypeError('bad input');
    expect(toPortError(typeError)).toBe(typeError);
  });
});
