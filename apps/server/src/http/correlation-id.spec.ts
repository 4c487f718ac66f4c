import { correlationIdOf } from './correlation-id';

const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

describe('correlationIdOf', () => {
  it('takes x-correlation-id first, then the trace id of traceparent', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(correlationIdOf({ 'x-correlation-id': 'deploy-42.a:b', traceparent })).toBe('deploy-42.a:b');
    expect(correlationIdOf({ traceparent })).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // W3C Trace Context §3.2.4: a later version may append fields after the flags.
    expect(correlationIdOf({ traceparent: `01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra` })).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('makes a new id when neither header is usable', () => {
    for (const headers of [
      {},
      { 'x-correlation-id': 'has spaces and "quotes"' },
      { 'x-correlation-id': 'x'.repeat(101) },
      { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      { traceparent: 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      { traceparent: '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01' },
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra' },
    ]) {
      expect(correlationIdOf(headers)).toMatch(UUID);
    }
    expect(correlationIdOf({})).not.toBe(correlationIdOf({}));
  });
});
