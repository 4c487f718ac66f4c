import canonicalize from 'canonicalize';
import type { RecordedEvent } from '@keyward/event-store';
import { AuditChains } from '../chain/audit-chains';
import { encodedAuditLines, encodedAuditRecords, serializeAuditRecord } from '../chain/chained-lines';
import { type Random, generatedJsonValue, seededRandom } from '../chain/generated-json.fixture';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { DETAIL_FIELDS } from './audit-detail-fields';
import { defaultAuditMapping } from './default-audit-mapping';
import { DERIVED_FROM_MEMBERS, TYPES_WITH_DERIVED_DETAILS } from './derived-audit-details';
import { storedJsonAuditRecord } from './stored-json-audit-record';

/** The event as the SQLite store's live commits hand it over: its stored text, and the values JSON.parse makes of it. */
const withText = (event: RecordedEvent, data: string, metadata: string): RecordedEvent => ({
  ...event,
  data: JSON.parse(data),
  metadata: JSON.parse(metadata),
  storedJson: { data, metadata },
});
const stored = (event: RecordedEvent) => withText(event, JSON.stringify(event.data), JSON.stringify(event.metadata));
const mapped = (event: RecordedEvent): string => JSON.stringify(defaultAuditMapping(event));

// Without the members that hold objects (the fixture plants private keys and the like): events of the plain shape.
const plainOnly = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  data: Object.fromEntries(Object.entries(event.data as object).filter(([, value]) => typeof value !== 'object' || value === null)),
});

describe('storedJsonAuditRecord', () => {
  it("makes the default mapping's record byte for byte from each event type's stored JSON, or leaves the event to it", async () => {
    const fixture = await everyEventTypeFixture();
    const fromText = new Set<string>();
    for (const event of [...fixture.events.values(), ...fixture.variants].flatMap((event) => [stored(event), stored(plainOnly(event))])) {
      const record = storedJsonAuditRecord(event);
      if (record === undefined) continue;
      fromText.add(event.type);
      expect([event.type, record.json]).toEqual([event.type, mapped(event)]);
      expect([record.id, record.partitionkey]).toEqual([event.id, defaultAuditMapping(event).partitionkey]);
      for (const value of fixture.forbiddenValues) expect(record.json).not.toContain(value);
    }
    expect([...fromText]).toEqual(expect.arrayContaining(['AccessTokenIssued', 'TokenRequestRefused', 'ServiceAccountCreated']));
    // Only OrganizationPolicyChanged always takes the parsed path (its details are derived from nested values).
    expect(fromText.size).toBe(fixture.events.size - 1);
  });

  it('gives the mapping\'s bytes for thousands of generated events (unicode, numbers of every form, "__proto__", repeated names), or leaves them to it', () => {
    const random = seededRandom(7);
    let fromText = 0;
    let repeatedFromText = 0;
    for (let i = 0; i < 6000; i++) {
      let data = JSON.stringify(generatedMembers(random, 14));
      let metadata = JSON.stringify(generatedMembers(random, 7));
      // JSON.stringify never repeats a name, but JSON.parse keeps the last: so must the text path.
      const repeated = random() < 0.25;
      if (repeated) data = withMemberAppended(data, pick(random, NAMES), generatedValue(random));
      if (random() < 0.1) metadata = withMemberAppended(metadata, pick(random, NAMES), generatedValue(random));
      const type = pick(random, ['AccessTokenIssued', 'TokenRequestRefused', 'ServiceAccountCreated', 'Weird"Type', 'Unknown']);
      const event = withText(
        {
          id: `e-${i}`,
          type,
          data: undefined,
          metadata: {},
          streamName: 's',
          revision: i,
          position: BigInt(i),
          recordedAt: new Date(1.7e12 + i),
        },
        data,
        metadata,
      );
      const record = storedJsonAuditRecord(event);
      if (record === undefined) continue;
      fromText++;
      if (repeated) repeatedFromText++;
      expect(record.json).toBe(mapped(event));
    }
    expect(fromText).toBeGreaterThan(2000);
    expect(repeatedFromText).toBeGreaterThan(300);
    expect(fromText).toBeLessThan(5500); // and hostile values did take the parsed path
  });

  it('leaves to the parsed path what is not of the plain shape, or not as JSON.stringify writes it', () => {
    const event = (data: string, metadata = '{}'): RecordedEvent =>
      withText(
        {
          id: 'e',
          type: 'ServiceAccountCreated',
          data: undefined,
          metadata: {},
          streamName: 's',
          revision: 0,
          position: 1n,
          recordedAt: new Date(0),
        },
        data,
        metadata,
      );
    for (const data of [
      '{"name":"a\\"b"}',
      '{"name":"\\u0041"}',
      '[]',
      'null',
      '{"plan":{"a":1}}',
      '{"tags":[1,2]}',
      '{"tags":["a",1]}',
      '{"name": "a"}',
      '{ "name":"a"}',
      '{"count":1 }',
      '{"count":1e999}',
    ])
      expect([data, storedJsonAuditRecord(event(data))]).toEqual([data, undefined]);
    expect(storedJsonAuditRecord(event('{"name":"a"}', '[]'))).toBeUndefined();
    const { storedJson: _, ...parsedOnly } = event('{"name":"a"}');
    expect(storedJsonAuditRecord(parsedOnly)).toBeUndefined();
    const policy = withText({ ...event('{}'), type: 'OrganizationPolicyChanged' }, '{"accountNamePattern":null}', '{}');
    expect(storedJsonAuditRecord(policy)).toBeUndefined();
  });

  it('leaves to the parsed path every event with a member derived details read, and every type they read whole', () => {
    const event = (type: string, data: Record<string, unknown>): RecordedEvent =>
      stored({ id: 'e', type, data, metadata: {}, streamName: 's', revision: 0, position: 1n, recordedAt: new Date(0) });
    const plain = { organizationId: 'o-1', name: 'n' };
    expect(storedJsonAuditRecord(event('ServiceAccountCreated', plain))).toBeDefined();
    for (const member of DERIVED_FROM_MEMBERS)
      expect([member, storedJsonAuditRecord(event('ServiceAccountCreated', { ...plain, [member]: 'x' }))]).toEqual([member, undefined]);
    for (const type of TYPES_WITH_DERIVED_DETAILS) expect([type, storedJsonAuditRecord(event(type, plain))]).toEqual([type, undefined]);
  });

  it("reads its members from its text when asked, and links and serializes as the mapping's record does", () => {
    const event = stored({
      id: 'e',
      type: 'ServiceAccountCreated',
      data: { organizationId: 'o', serviceAccountId: 's', name: 'né 😀' },
      metadata: { actor: 'cli:a' },
      streamName: 's',
      revision: 0,
      position: 1n,
      recordedAt: new Date(0),
    });
    const record = storedJsonAuditRecord(event)!;
    expect(record.data.name).toBe('né 😀');
    expect(record.subject).toBe('service_accounts/s');
    expect(JSON.stringify(record)).toBe(mapped(event));

    const fromText = new AuditChains().link([record, record]).records;
    const fromObjects = new AuditChains().link([defaultAuditMapping(event), defaultAuditMapping(event)]).records;
    expect(encodedAuditLines(fromText).toString()).toBe(encodedAuditLines(fromObjects).toString());
    expect(encodedAuditRecords(fromText).map(String)).toEqual(fromObjects.map((linked) => canonicalize(linked)));
    expect(fromText.map(serializeAuditRecord)).toEqual(fromObjects.map(serializeAuditRecord));
    expect(fromText.map((linked) => [linked.chainseq, linked.chainhash])).toEqual(
      fromObjects.map((linked) => [linked.chainseq, linked.chainhash]),
    );
  });
});

const NAMES = [
  ...DETAIL_FIELDS,
  ...['organizationId', 'serviceAccountId', 'credentialId', 'name', 'reason', 'scopes', 'sourceIp', 'userAgent'],
  ...['actor', 'correlationId', 'schemaVersion', 'previous', 'publicKeys', '__proto__', 'constructor', 'other', 'é', '😀', '1', '10'],
];
// Strings JSON.stringify writes without an escape (those with one go to the parsed path, and come now and then).
const PLAIN_CHARACTERS = ['a', 'Z', '0', ' ', '/', ':', '-', 'é', 'ß', '中', '\u2028', '\ufeff', '😀', '𝄞', 'e\u0301', "'", '<'];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -(2 ** 53), 1 / 3, 2, 3];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function plainText(random: Random): string {
  let text = '';
  for (let length = Math.floor(random() * 14); length > 0; length--) text += pick(random, PLAIN_CHARACTERS);
  return text;
}

function generatedValue(random: Random): unknown {
  const kind = random();
  if (kind < 0.4) return plainText(random);
  if (kind < 0.45) return '';
  if (kind < 0.6) return pick(random, NUMBERS);
  if (kind < 0.68) return random() < 0.5;
  if (kind < 0.74) return null;
  if (kind < 0.86) return Array.from({ length: Math.floor(random() * 3) }, () => plainText(random));
  return generatedJsonValue(random); // quotes, controls, lone surrogates, nesting
}

function generatedMembers(random: Random, most: number): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  for (let n = Math.floor(random() * most); n > 0; n--) {
    const name = pick(random, NAMES);
    const value = generatedValue(random);
    if (name === '__proto__') Object.defineProperty(members, name, { value, enumerable: true, configurable: true, writable: true });
    else members[name] = value;
  }
  return members;
}

function withMemberAppended(json: string, name: string, value: unknown): string {
  const member = `${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}`;
  return json === '{}' ? `{${member}}` : `${json.slice(0, -1)},${member}}`;
}
