/**
 * The shape of every aggregate: pure functions over readonly values (emmett's Decider).
 * decide() throws a DomainError when the command is refused; it never does I/O or reads a clock.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  /** A whole stream at once, in linear time where evolve copies collections (same result as reducing evolve). */
  fold?(events: readonly Event[]): State;
}

/** Exhaustiveness guard for switches over discriminated unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
