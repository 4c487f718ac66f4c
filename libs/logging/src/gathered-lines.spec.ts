import pino from 'pino';
import { GatheredLines, type ChunkWriter } from './gathered-lines';

describe('GatheredLines', () => {
  const writer = () => {
    const chunks: string[] = [];
    let flushed = 0;
    const target: ChunkWriter = {
      write: (chunk) => chunks.push(chunk) > 0,
      flushSync: () => void flushed++,
    };
    return { target, chunks, flushes: () => flushed };
  };
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands the lines on in order, joined, once about a chunk of them is gathered', () => {
    const { target, chunks } = writer();
    const lines = new GatheredLines(target, 100);
    const line = (i: number) => `{"n":${String(i).padStart(3, '0')}}\n`; // 10 characters
    for (let i = 0; i < 9; i++) lines.write(line(i));
    expect(chunks).toEqual([]);
    lines.write(line(9));
    expect(chunks).toEqual([Array.from({ length: 10 }, (_, i) => line(i)).join('')]);
    for (let i = 10; i < 25; i++) lines.write(line(i));
    expect(chunks.join('')).toBe(Array.from({ length: 20 }, (_, i) => line(i)).join(''));
  });

  it('hands on what waited for the longest wait, and nothing when nothing waits', () => {
    const { target, chunks } = writer();
    const lines = new GatheredLines(target, 4096, 250);
    lines.write('a\n');
    jest.advanceTimersByTime(249);
    expect(chunks).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(chunks).toEqual(['a\n']);
    jest.advanceTimersByTime(1000);
    expect(chunks).toEqual(['a\n']);
  });

  it('writes what is gathered and flushes its writer on flushSync (at exit)', () => {
    const { target, chunks, flushes } = writer();
    const lines = new GatheredLines(target);
    lines.write('a\n');
    lines.write('b\n');
    lines.flushSync();
    expect(chunks).toEqual(['a\nb\n']);
    expect(flushes()).toBe(1);
  });

  it('writes what is gathered before calling back when pino flushes', () => {
    const { target, chunks } = writer();
    const logger = pino({ base: undefined, timestamp: false }, new GatheredLines(target));
    logger.info('one');
    expect(chunks).toEqual([]);
    const flushed = jest.fn();
    logger.flush(flushed);
    expect(chunks).toEqual(['{"level":30,"msg":"one"}\n']);
    expect(flushed).toHaveBeenCalledWith();
  });
});
