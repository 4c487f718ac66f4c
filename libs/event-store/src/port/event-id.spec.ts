import { newEventId } from './event-id';

describe('newEventId', () => {
  it('is a canonical UUIDv7 (RFC 9562 §5.7) whose first 48 bits are the time it was made', () => {
    const before = Date.now();
    const id = newEventId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const unixMs = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(unixMs).toBeGreaterThanOrEqual(before);
    expect(unixMs).toBeLessThanOrEqual(after);
  });

  it('makes ids that sort in the order they were made, all different', () => {
    const ids = Array.from({ length: 10_000 }, () => newEventId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order past 4,096 ids in one millisecond by borrowing the next one', () => {
    const millis = Date.UTC(2030, 0, 1);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(millis);
    try {
      const ids = Array.from({ length: 5_000 }, () => newEventId());
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      const unixMs = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
      expect(unixMs(ids[4_095]!)).toBe(millis);
      expect(unixMs(ids[4_096]!)).toBe(millis + 1);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      clock.mockRestore();
    }
  });
});
