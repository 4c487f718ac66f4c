/**
 * The one clock tests move by hand, for lifetimes, expiry, grace periods and key rotation. Pass `clock.now`
 * wherever keyward takes a Clock (startKeyward, sweepers, verifiers); nothing in a test waits on real time.
 */
export class TestClock {
  constructor(private nowMs = Date.now()) {}

  readonly now = (): Date => new Date(this.nowMs);

  advance(seconds: number): void {
    this.nowMs += seconds * 1000;
  }

  advanceMs(ms: number): void {
    this.nowMs += ms;
  }
}
