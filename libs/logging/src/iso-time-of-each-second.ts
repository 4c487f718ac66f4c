/**
 * pino's `stdTimeFunctions.isoTime` (`,"time":"2026-12-02T02:14:05.123Z"`), with the text up to the second
 * made once a second: the request log writes a line per request, and a Date and its toISOString on each
 * cost about 0.6 µs of the event loop.
 */
export function isoTimeOfEachSecond(now: () => number = Date.now): () => string {
  let second = NaN;
  let upToTheSecond = '';
  return () => {
    const time = now();
    const millis = ((time % 1000) + 1000) % 1000; // before 1970 too
    const start = time - millis;
    if (start !== second) {
      second = start;
      upToTheSecond = `,"time":"${new Date(start).toISOString().slice(0, -4)}`; // all but "000Z"
    }
    return `${upToTheSecond}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z"`;
  };
}
