/** What copyAsJson answers for a value whose JSON round trip it does not copy (a Date, a class instance, toJSON). */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * The value JSON.parse(JSON.stringify(value)) would give, built without the text: plain objects and
 * arrays are copied, strings are shared (they are immutable). It follows JSON's rules for what plain
 * data can hold (members that are undefined, functions or symbols are left out, in arrays they become
 * null, as do NaN and the infinities; -0 becomes 0) and answers NOT_PLAIN for anything else, whose round
 * trip the caller then takes by parsing. Call it after JSON.stringify succeeded: that rejects cycles and
 * BigInts. The SQLite store hands its own commits to subscribers this way, for ~1/4 of a parse's cost.
 */
export function copyAsJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      if (value === null) return null;
      return Array.isArray(value) ? copyArray(value) : copyObject(value as Record<string, unknown>);
    default:
      return NOT_PLAIN;
  }
}

const isOmitted = (member: unknown): boolean => member === undefined || typeof member === 'function' || typeof member === 'symbol';

function copyArray(array: readonly unknown[]): unknown {
  if (Object.getPrototypeOf(array) !== Array.prototype || typeof (array as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const copy: unknown[] = [];
  for (let index = 0; index < array.length; index++) {
    const member = array[index];
    const copied = isOmitted(member) ? null : copyAsJson(member);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    copy.push(copied);
  }
  return copy;
}

function copyObject(object: Record<string, unknown>): unknown {
  const prototype = Object.getPrototypeOf(object) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || typeof object.toJSON === 'function') return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    // JSON.parse makes "__proto__" an own member; an assignment would set the prototype instead.
    if (key === '__proto__') return NOT_PLAIN;
    const member = object[key];
    if (isOmitted(member)) continue;
    const copied = copyAsJson(member);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = copied;
  }
  return copy;
}
