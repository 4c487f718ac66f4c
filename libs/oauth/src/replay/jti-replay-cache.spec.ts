import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { JtiReplayCache } from './jti-replay-cache';

describe('JtiReplayCache (RFC 7523 §3 item 7, RFC 9449 §11.1)', () => {
  it('accepts a jti once until it expires, then again', () => {
    const cache = new JtiReplayCache();
    expect(cache.use('c', 'j1', 2_000, 1_000)).toBe(true);
    expect(cache.use('c', 'j1', 2_000, 1_500)).toBe(false);
    expect(cache.use('c', 'j1', 4_000, 2_000)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it('keeps clients apart: the same jti from two clients is two uses', () => {
    const cache = new JtiReplayCache();
    expect(cache.use('a', 'j', 2_000, 0)).toBe(true);
    expect(cache.use('b', 'j', 2_000, 0)).toBe(true);
    expect(cache.use('a', 'j', 2_000, 0)).toBe(false);
  });

  it('prunes expired entries when a client is full, and fails closed for that client only', () => {
    const cache = new JtiReplayCache(2, 100);
    cache.use('greedy', 'a', 1_000, 0);
    cache.use('greedy', 'b', 5_000, 0);
    expect(cache.use('greedy', 'c', 5_000, 2_000)).toBe(true);
    expect(cache.size).toBe(2);
    expect(() => cache.use('greedy', 'd', 5_000, 2_000)).toThrow(TemporarilyUnavailable);
    expect(cache.use('polite', 'd', 5_000, 2_000)).toBe(true);
  });

  it('bounds all clients together as well', () => {
    const cache = new JtiReplayCache(10, 2);
    cache.use('a', 'x', 5_000, 0);
    cache.use('b', 'x', 5_000, 0);
    expect(() => cache.use('c', 'x', 5_000, 0)).toThrow(TemporarilyUnavailable);
  });
});
