import type { ClaimConditions } from './federation-trust';

/**
 * The first claim condition the token's claims break, as a dotted path for the audit trail, or
 * undefined when all hold. Values compare with ===: "true" is not true, 1 is not "1".
 */
export function brokenClaimCondition(conditions: ClaimConditions, claims: unknown, path = ''): string | undefined {
  for (const [name, expected] of Object.entries(conditions)) {
    const here = path === '' ? name : `${path}.${name}`;
    const actual = isObject(claims) && Object.hasOwn(claims, name) ? claims[name] : undefined;
    if (typeof expected === 'object') {
      const broken = brokenClaimCondition(expected, actual, here);
      if (broken !== undefined) return broken;
    } else if (actual !== expected) {
      return here;
    }
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
