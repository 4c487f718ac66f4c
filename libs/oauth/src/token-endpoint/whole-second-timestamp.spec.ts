import { WholeSecondTimestamp } from './whole-second-timestamp';

describe('WholeSecondTimestamp', () => {
  it('formats each second as Date#toISOString does, whatever order the seconds come in', () => {
    const timestamps = new WholeSecondTimestamp();
    const seconds = [0, 1_764_600_000, 1_764_600_000, 1_764_600_001, 1_764_599_999, 4_102_444_800, 1_764_600_001];
    for (const second of seconds) expect(timestamps.of(second)).toBe(new Date(second * 1000).toISOString());
  });
});
