let lastTimestamp: string | undefined;
let lastMillis = Number.NaN;

/**
 * Date.parse, remembering its last answer: three read models parse every AccessTokenIssued's issuedAt,
 * and grants in a row mostly share one (whole-second) timestamp.
 */
export function timestampMillis(timestamp: string): number {
  if (timestamp === lastTimestamp) return lastMillis;
  lastMillis = Date.parse(timestamp);
  lastTimestamp = timestamp;
  return lastMillis;
}
