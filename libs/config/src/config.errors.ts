/** Every bad value at once, each with its variable and reason, so an operator fixes them in one go. */
export class InvalidConfig extends Error {
  override readonly name = 'InvalidConfig';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
