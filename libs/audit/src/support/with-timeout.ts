export class TimedOut extends Error {
  override readonly name = 'TimedOut';
}

/** `work`, or a TimedOut rejection after `ms`. The work itself goes on; the caller stops waiting for it. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new TimedOut(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
