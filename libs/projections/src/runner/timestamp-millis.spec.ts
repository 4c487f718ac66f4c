import { timestampMillis } from './timestamp-millis';

describe('timestampMillis', () => {
  it('answers what Date.parse answers, for repeated, alternating and invalid timestamps', () => {
    const timestamps = [
      '2026-12-01T19:00:00.000Z',
      '2026-12-01T19:00:00.000Z',
      '2026-12-01T19:00:01.000Z',
      '2026-12-01T19:00:00.000Z',
      'not a time',
      'not a time',
      '2026-12-01T19:00:01+01:00',
      '2026-12-01T19:00:01.000Z',
    ];
    for (const timestamp of timestamps) expect(timestampMillis(timestamp)).toBe(Date.parse(timestamp));
  });
});
