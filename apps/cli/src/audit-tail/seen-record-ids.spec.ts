import { SeenRecordIds } from './seen-record-ids';

describe('SeenRecordIds', () => {
  it('says true for a first sighting only', () => {
    const seen = new SeenRecordIds();
    expect([seen.firstSighting('a'), seen.firstSighting('b'), seen.firstSighting('a')]).toEqual([true, true, false]);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const seen = new SeenRecordIds(2);
    ['a', 'b', 'c'].forEach((id) => seen.firstSighting(id));
    expect(seen.firstSighting('c')).toBe(false);
    expect(seen.firstSighting('a')).toBe(true);
  });
});
