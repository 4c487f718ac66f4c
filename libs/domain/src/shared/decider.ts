/**
 * The shape of every aggregate: pure functions over readonly values (emmett's Decider).
 * decide() throws a DomainError when the command is refused; it never does I/O or reads a clock.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  /**
   * An evolve for one fold of a stream, fed page by page, in linear time where evolve copies collections
   * (same states as evolve). It may update in place what it made itself, so it is used for one fold and
   * dropped once the state is handed out.
   */
  startFold?(): (state: State, event: Event) => State;
}

/** Exhaustiveness guard for switches over discriminated unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
