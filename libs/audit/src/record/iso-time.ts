// The events of one commit share their recordedAt: its text is made once.
let last = { ms: Number.NaN, text: '' };

/** `at.toISOString()`, remembered for the last time asked. */
export function isoTime(at: Date): string {
  const ms = at.getTime();
  if (ms !== last.ms) last = { ms, text: at.toISOString() };
  return last.text;
}
