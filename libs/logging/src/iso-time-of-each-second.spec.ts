import pino from 'pino';
import { isoTimeOfEachSecond } from './iso-time-of-each-second';

describe('isoTimeOfEachSecond', () => {
  const asPino = (time: number) => `,"time":"${new Date(time).toISOString()}"`;

  it('writes what pino.stdTimeFunctions.isoTime writes, at every millisecond of a second and across seconds', () => {
    let time = Date.parse('2026-12-02T02:14:05.000Z');
    const isoTime = isoTimeOfEachSecond(() => time);
    const start = time;
    for (time = start - 1500; time < start + 2500; time += 1) expect(isoTime()).toBe(asPino(time));
  });

  it('is right across minutes, years and before 1970', () => {
    let time = 0;
    const isoTime = isoTimeOfEachSecond(() => time);
    for (time of [Date.parse('2026-12-31T23:59:59.999Z'), Date.parse('2027-01-01T00:00:00.000Z'), -1, -999, -1000, -1001, 0, 7, 42, 999]) {
      expect(isoTime()).toBe(asPino(time));
    }
  });

  it('answers in pino’s own format for now', () => {
    expect(isoTimeOfEachSecond()()).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
    expect(pino.stdTimeFunctions.isoTime()).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
  });
});
