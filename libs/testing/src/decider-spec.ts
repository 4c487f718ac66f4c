import type { Decider } from '@keyward/domain';

/**
 * given([...events]).when(command).then([...events]) | .thenThrows(ErrorClass)
 * Runs the decider exactly as the command handlers do: fold the history, then decide.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      const state = history.reduce(decider.startFold?.() ?? decider.evolve, decider.initialState);
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: readonly E[]): void {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorClass: new (...args: never[]) => Error, message?: RegExp): void {
              expect(run).toThrow(errorClass);
              if (message) expect(run).toThrow(message);
            },
          };
        },
      };
    },
  };
}
