import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { JtiReplayCache } from './jti-replay-cache';

describe('JtiReplayCache (RFC 7523 §3 item 7, RFC 9449 §11.1)', () => {
  it('accepts a jti once until it expires, then again', () => {
    const cache = new JtiReplayCache();
    expect(cache.use('c:j1', 2_000, 1_000)).toBe(true);
    expect(cache.use('c:j1', 2_000, 1_500)).toBe(false);
    expect(cache.use('c:j1', 4_000, 2_000)).toBe(true);
  });

  it('prunes expired entries when full, and fails closed when every entry is still live', () => {
    const cache = new JtiReplayCache(2);
    cache.use('a', 1_000, 0);
    cache.use('b', 5_000, 0);
    expect(cache.use('c', 5_000, 2_000)).toBe(true);
    expect(cache.size).toBe(2);
    expect(() => cache.use('d', 5_000, 2_000)).toThrow(TemporarilyUnavailable);
  });
});
