/**
 * What the process exit code says went wrong, so scripts can branch on it without parsing messages.
 * 2 is commander's usage error; the rest follow the HTTP answer of the admin API.
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  invalidInput: 3, // 400, 413, 415: the request was wrong; nothing changed
  notAuthorized: 4, // 401, 403: bad KEYWARD_CLIENT_ID/SECRET, missing scope, quota, lockdown
  notFound: 5, // 404
  conflict: 6, // 409: name taken, concurrent change, state does not allow it
  unavailable: 7, // 429, 503, or the server could not be reached: retry later
} as const;

export function exitCodeForStatus(status: number): number {
  if (status === 400 || status === 413 || status === 415 || status === 422) return EXIT.invalidInput;
  if (status === 401 || status === 403) return EXIT.notAuthorized;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 429 || status === 503) return EXIT.unavailable;
  return EXIT.failed;
}

/** A failure the CLI reports as one line on stderr, with its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
