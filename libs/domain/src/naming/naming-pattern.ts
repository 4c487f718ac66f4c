import parseRegex, { types, type Tokens } from 'ret';
import { InvalidInput } from '../shared/domain-error';
import { NamingPolicyViolated } from './naming.errors';

/** An organization's naming convention: a regular expression and the words admins read when a name breaks it. */
export interface NamingPattern {
  readonly pattern: string;
  readonly description: string;
}

export const NAMING_PATTERN_MAX = 200;
export const NAMING_DESCRIPTION_MAX = 200;
/** Unbounded repetitions: with names of at most NAME_MAX (100) characters, k of them backtrack at worst ~100^k steps. */
export const NAMING_PATTERN_MAX_REPETITIONS = 3;

/**
 * Accepts only patterns whose matching cost is bounded on a name (ReDoS): at most 200 characters; no
 * nested repetition (star height 1), no alternation under a repetition (`(a|a)*` backtracks
 * exponentially), no backreference and no lookaround, at most 3 repetitions. Names are at most 100
 * characters, so the worst match is about 10^6 steps, whatever the pattern.
 */
export function requireNamingPattern(field: string, value: NamingPattern): NamingPattern {
  const { pattern, description } = value;
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > NAMING_PATTERN_MAX)
    throw new InvalidInput(`${field}.pattern`, `must be a regular expression of 1 to ${NAMING_PATTERN_MAX} characters`);
  if (typeof description !== 'string' || description.trim().length === 0 || description.length > NAMING_DESCRIPTION_MAX) {
    throw new InvalidInput(
      `${field}.description`,
      `must say in 1 to ${NAMING_DESCRIPTION_MAX} characters what a name looks like (it is quoted when a name breaks the pattern)`,
    );
  }
  try {
    new RegExp(pattern, 'u');
  } catch {
    throw new InvalidInput(`${field}.pattern`, 'is not a valid regular expression');
  }
  let root: Tokens;
  try {
    root = parseRegex(pattern);
  } catch {
    throw new InvalidInput(`${field}.pattern`, 'is not a valid regular expression');
  }
  const problem = costProblem(root);
  if (problem) throw new InvalidInput(`${field}.pattern`, `${problem}: naming patterns must match in bounded time`);
  return { pattern, description: description.trim() };
}

/** Throws NamingPolicyViolated quoting the convention when `name` breaks it; nothing without a convention. */
export function requireNameFollows(field: string, name: string, convention: NamingPattern | null | undefined): void {
  if (!convention) return;
  if (!new RegExp(convention.pattern, 'u').test(name)) throw new NamingPolicyViolated({ field, name, description: convention.description });
}

export const followsNamingPattern = (name: string, convention: NamingPattern | null | undefined): boolean =>
  !convention || new RegExp(convention.pattern, 'u').test(name);

function costProblem(root: Tokens): string | undefined {
  let repetitions = 0;
  const walk = (token: Tokens, underRepetition: boolean): string | undefined => {
    switch (token.type) {
      case types.REPETITION: {
        if (underRepetition) return 'nested repetition';
        if (token.max > 1) repetitions++;
        if (repetitions > NAMING_PATTERN_MAX_REPETITIONS) return `more than ${NAMING_PATTERN_MAX_REPETITIONS} repetitions`;
        return walk(token.value, token.max > 1);
      }
      case types.REFERENCE:
        return 'backreference';
      case types.ROOT:
      case types.GROUP: {
        if (token.type === types.GROUP && (token.followedBy || token.notFollowedBy || token.lookBehind)) return 'lookaround';
        if (token.options && underRepetition) return 'alternation under a repetition';
        for (const branch of token.options ?? [token.stack ?? []]) {
          for (const child of branch) {
            const problem = walk(child, underRepetition);
            if (problem) return problem;
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  return walk(root, false);
}
