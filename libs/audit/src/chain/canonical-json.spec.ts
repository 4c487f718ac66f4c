import canonicalize from 'canonicalize';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { canonicalJson, isCanonicalAsIs } from './canonical-json';
import { generatedJsonValue, inCanonicalOrder, seededRandom } from './generated-json.fixture';

describe('canonicalJson (RFC 8785)', () => {
  it('writes what the canonicalize package writes, for every audit record keyward publishes, as JSON.stringify', async () => {
    const { events, variants } = await everyEventTypeFixture();
    const records = [...events.values(), ...variants].map(defaultAuditMapping);
    expect(records.length).toBeGreaterThan(20);
    for (const record of records) {
      // The mapping makes members in canonical order, so this is the one-stringify path.
      expect(isCanonicalAsIs(record)).toBe(true);
      expect(canonicalJson(record)).toBe(canonicalize(record));
    }
  });

  it('writes what canonicalize writes for thousands of generated values, with their members in order or not', () => {
    const random = seededRandom(20261201);
    let asIs = 0;
    for (let i = 0; i < 3000; i++) {
      const value = generatedJsonValue(random);
      const ordered = inCanonicalOrder(value);
      if (isCanonicalAsIs(ordered)) asIs++;
      expect(canonicalJson(value)).toBe(canonicalize(value));
      expect(canonicalJson(ordered)).toBe(canonicalize(value));
    }
    // Both paths were taken many times (integer-like keys keep some ordered values off the fast one).
    expect(asIs).toBeGreaterThan(1500);
    expect(asIs).toBeLessThan(3000);
  });

  it('sorts nested keys, keeps array order, escapes strings and writes numbers as JSON does', () => {
    const value = { b: [3, { z: 1, a: null }], a: 'quote " and \u2028 and \ud800', c: 1e21, d: 0.1, e: -0, u: undefined, t: new Date(0) };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe(
      '{"a":"quote \\" and \u2028 and \\ud800","b":[3,{"a":null,"z":1}],"c":1e+21,"d":0.1,"e":0,"t":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('puts integer-like keys in string order, which an object on its own does not keep (§3.2.3)', () => {
    expect(canonicalJson({ 2: 'b', 10: 'a', x: { 1: true, 9: false, 10: null } })).toBe(
      '{"10":"a","2":"b","x":{"1":true,"10":null,"9":false}}',
    );
    expect(canonicalJson({ 1: 'a', 2: 'b' })).toBe('{"1":"a","2":"b"}');
  });

  it('takes the one-stringify path only when nothing would come out differently', () => {
    expect(isCanonicalAsIs({ a: 1, b: { c: [1, 'x', null, { d: true, e: 0.5 }] } })).toBe(true);
    expect(isCanonicalAsIs({ b: 1, a: 1 })).toBe(false);
    expect(isCanonicalAsIs({ a: { z: 1, y: 2 } })).toBe(false);
    expect(isCanonicalAsIs({ a: [NaN] })).toBe(false);
    expect(isCanonicalAsIs({ a: new Date(0) })).toBe(false);
    expect(isCanonicalAsIs({ 2: 'b', 10: 'a' })).toBe(false);
    expect(isCanonicalAsIs(Object.assign(Object.create({ a: 1 }) as object, { b: 2 }))).toBe(false);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson([-Infinity])).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
