/**
 * The RFC 3339 text of a whole second since the epoch, remembered for the last second asked: the grants
 * of one second share their issuedAt (and, with one lifetime, their expiresAt), and formatting a Date
 * was a few µs of every grant on the event loop.
 */
export class WholeSecondTimestamp {
  private second = Number.NaN;
  private text = '';

  of(epochSeconds: number): string {
    if (epochSeconds !== this.second) {
      this.text = new Date(epochSeconds * 1000).toISOString();
      this.second = epochSeconds;
    }
    return this.text;
  }
}
