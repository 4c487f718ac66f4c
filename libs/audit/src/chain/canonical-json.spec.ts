import canonicalize from 'canonicalize';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('writes what the canonicalize package writes, for every audit record keyward publishes', async () => {
    const { events, variants } = await everyEventTypeFixture();
    const records = [...events.values(), ...variants].map(defaultAuditMapping);
    expect(records.length).toBeGreaterThan(20);
    for (const record of records) expect(canonicalJson(record)).toBe(canonicalize(record));
  });

  it('sorts nested keys, keeps array order, escapes strings and writes numbers as JSON does', () => {
    const value = { b: [3, { z: 1, a: null }], a: 'quote " and \u2028 and \ud800', c: 1e21, d: 0.1, e: -0, u: undefined, t: new Date(0) };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe(
      '{"a":"quote \\" and \u2028 and \\ud800","b":[3,{"a":null,"z":1}],"c":1e+21,"d":0.1,"e":0,"t":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
