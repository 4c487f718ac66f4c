import { copyAsJson, NOT_PLAIN } from './json-copy';

/** What a read returns for a value the store was given: its JSON round trip. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

class Point {
  constructor(readonly x: number) {}
}

describe('copyAsJson', () => {
  it('gives what the JSON round trip gives, members in the same order, for plain data', () => {
    const nullPrototype = Object.assign(Object.create(null) as object, { b: 1, a: [2] });
    const values: unknown[] = [
      { jti: 'a', scopes: ['x', 'y'], nested: { deep: [{ n: 1.5 }, null, true, false, ''] } },
      { b: 1, a: 2, 10: 'ten', 2: 'two', '-1': 'minus one' },
      { skipped: undefined, fn: () => 1, sym: Symbol('s'), kept: 'k' },
      [undefined, () => 1, Symbol('s'), 1, 'two'],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      { nan: NaN, infinity: Infinity, minusInfinity: -Infinity, minusZero: -0, big: 1e300, small: -5e-324 },
      { text: 'ä ✓ \u2028 "quoted" \\ \n \ud800 lone surrogate' },
      nullPrototype,
      [],
      {},
      'top-level string',
      0,
      -0,
      null,
      true,
    ];
    for (const value of values) {
      const copy = copyAsJson(value);
      expect(copy).toStrictEqual(roundTrip(value));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    }
  });

  it('gives generated records exactly their round trip', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const generate = (depth: number): unknown => {
      const pick = Math.floor(random() * (depth > 3 ? 5 : 8));
      if (pick === 0) return random().toString(36);
      if (pick === 1) return Math.floor(random() * 1e6) - 5e5;
      if (pick === 2) return random() < 0.5;
      if (pick === 3) return null;
      if (pick === 4) return random() < 0.2 ? undefined : random() * 10;
      if (pick === 5) return Array.from({ length: Math.floor(random() * 4) }, () => generate(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, (_, i) => [`k${Math.floor(random() * 20)}_${i}`, generate(depth + 1)]),
      );
    };
    for (let n = 0; n < 2_000; n++) {
      const value = { record: generate(0) };
      expect(copyAsJson(value)).toStrictEqual(roundTrip(value));
    }
  });

  it('copies objects and arrays, so a change to what was appended reaches no copy', () => {
    const appended = { scopes: ['a'], nested: { n: 1 } };
    const copy = copyAsJson(appended) as typeof appended;
    appended.scopes.push('b');
    appended.nested.n = 2;
    expect(copy).toStrictEqual({ scopes: ['a'], nested: { n: 1 } });
  });

  it('answers NOT_PLAIN wherever the round trip is not a copy: dates, class instances, toJSON, boxed values, maps, "__proto__" members', () => {
    const withProtoMember = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
    const arrayWithToJson = Object.assign([1], { toJSON: () => 'custom' });
    for (const value of [
      new Date(0),
      { at: new Date(0) },
      [new Point(1)],
      { toJSON: () => 'custom' },
      arrayWithToJson,
      { boxed: new String('s') },
      { map: new Map([[1, 2]]) },
      new Uint8Array(2),
      withProtoMember,
      { nested: withProtoMember },
      undefined,
      () => 1,
    ]) {
      expect(copyAsJson(value)).toBe(NOT_PLAIN);
    }
  });
});
