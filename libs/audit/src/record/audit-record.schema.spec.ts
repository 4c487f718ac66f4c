import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  currentSchemaVersion,
  ORGANIZATION_EVENT_TYPES,
  SERVICE_ACCOUNT_EVENT_TYPES,
  SIGNING_KEY_EVENT_TYPES,
  TOKEN_ISSUANCE_EVENT_TYPES,
} from '@keyward/domain';
import { unmappedAuditRecord } from '../relay/unmapped-audit-record';
import { AuditChains } from '../chain/audit-chains';
import { chainCheckpointRecord } from '../chain/chain-checkpoint-record';
import { AUDIT_RECORD_SCHEMA, documentedAuditTypes } from '../testing/audit-events-table';
import type { AuditRecord } from './audit-record';
import { auditTypeName } from './audit-type-name';
import { defaultAuditMapping } from './default-audit-mapping';
import { type EveryEventTypeFixture, everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { forbiddenAuditMaterial } from '../testing/forbidden-audit-material';

const EVERY_EVENT_TYPE = [
  ...ORGANIZATION_EVENT_TYPES,
  ...SERVICE_ACCOUNT_EVENT_TYPES,
  ...TOKEN_ISSUANCE_EVENT_TYPES,
  ...SIGNING_KEY_EVENT_TYPES,
];
// In every record's data; the rest of what a type carries is listed in its row of docs/audit-events.md.
const COMMON_DATA = new Set([
  'actor',
  'organizationId',
  'serviceAccountId',
  'credentialId',
  'outcome',
  'sourceIp',
  'userAgent',
  'correlationId',
  'details',
]);

const schema = JSON.parse(readFileSync(AUDIT_RECORD_SCHEMA, 'utf8')) as { $defs: { details: { properties: Record<string, unknown> } } };
const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(schema);
const documented = documentedAuditTypes();

describe('the audit record of every domain event type', () => {
  let fixture: EveryEventTypeFixture;
  const records = new Map<string, AuditRecord>();
  beforeAll(async () => {
    fixture = await everyEventTypeFixture();
    for (const [type, event] of fixture.events) records.set(type, defaultAuditMapping(event));
  });

  it('has a realistic sample for each type the domain lists, and the lists hold no type twice', () => {
    expect(new Set(EVERY_EVENT_TYPE).size).toBe(EVERY_EVENT_TYPE.length);
    expect([...fixture.events.keys()].sort()).toEqual([...EVERY_EVENT_TYPE].sort());
  });

  it('documents exactly those types in docs/audit-events.md', () => {
    expect([...documented.keys()].sort()).toEqual([...EVERY_EVENT_TYPE].sort());
  });

  describe.each(EVERY_EVENT_TYPE)('%s', (eventType) => {
    it('is valid against docs/audit-record.schema.json', () => {
      const record = records.get(eventType);
      expect(validate(record) ? [] : validate.errors).toEqual([]);
    });

    it('has the type and subject the docs table gives, and every field it carries is in its row', () => {
      const record = records.get(eventType)!;
      const row = documented.get(eventType)!;
      expect(record.type).toBe(row.type);
      expect(row.type).toBe(auditTypeName(eventType, currentSchemaVersion(eventType)));
      if (row.subject === undefined) expect(record.subject).toBeUndefined();
      else expect(record.subject).toMatch(new RegExp(`^${row.subject.replace(/\{\w+\}/g, '[^/]+')}$`));
      const carried = [...Object.keys(record.data).filter((name) => !COMMON_DATA.has(name)), ...Object.keys(record.data.details ?? {})];
      expect(carried.filter((name) => !row.mentions.includes(name))).toEqual([]);
    });

    it('is keyed and sourced by its organization', () => {
      const record = records.get(eventType)!;
      const organizationId = record.data.organizationId;
      expect(record.partitionkey).toBe(organizationId ?? 'system');
      expect(record.source).toBe(organizationId === undefined ? '/system' : `/organizations/${organizationId}`);
    });

    it('carries no secret, token, digest or key, planted fields included', () => {
      expect(forbiddenAuditMaterial(records.get(eventType), fixture.forbiddenValues)).toEqual([]);
    });
  });

  it.each([0, 1])(
    'maps variant %i (a private_key_jwt client, a refused unknown client) within the schema, the doc and without secrets',
    (index) => {
      const event = fixture.variants[index];
      const record = defaultAuditMapping(event);
      expect(validate(record) ? [] : validate.errors).toEqual([]);
      const row = documented.get(event.type)!;
      expect(Object.keys(record.data.details ?? {}).filter((name) => !row.mentions.includes(name))).toEqual([]);
      expect(forbiddenAuditMaterial(record, fixture.forbiddenValues)).toEqual([]);
    },
  );

  it('uses every detail the schema documents, so the schema lists no field that no longer exists', () => {
    const unmapped = unmappedAuditRecord(fixture.events.get('ServiceAccountCreated')!);
    const checkpoint = chainCheckpointRecord(
      'org-1',
      { sub: 'org-1', chainseq: 3, chainhash: 'a'.repeat(64), iat: 1_800_000_000 },
      'header.payload.signature',
    );
    const all = [...records.values(), ...fixture.variants.map(defaultAuditMapping), unmapped, checkpoint];
    const used = new Set(all.flatMap((record) => Object.keys(record.data.details ?? {})));
    expect(Object.keys(schema.$defs.details.properties).filter((name) => !used.has(name))).toEqual([]);
  });

  it('validates records as the relay publishes them: linked into their chain, and signed chain checkpoints', () => {
    const chains = new AuditChains();
    const { records: linked } = chains.link([...records.values()]);
    for (const record of linked) expect(validate(record) ? [] : validate.errors).toEqual([]);
    const checkpoint = chainCheckpointRecord(
      'system',
      { sub: 'system', chainseq: 1, chainhash: linked[0].chainhash, iat: 1_800_000_000 },
      'header.payload.signature',
    );
    expect(validate(checkpoint) ? [] : validate.errors).toEqual([]);
  });

  it('validates the stand-in record of an event the relay could not map', () => {
    const unmapped = unmappedAuditRecord(fixture.events.get('ServiceAccountCreated')!);
    expect(validate(unmapped) ? [] : validate.errors).toEqual([]);
  });

  it('names the schema version in the type, so a breaking change is a new type', () => {
    const event = fixture.events.get('OAuthClientCreated')!;
    const record = defaultAuditMapping({ ...event, metadata: { ...event.metadata, schemaVersion: 3 } });
    expect(record.type).toBe('keyward.oauth_client.created.v3');
    expect(validate(record)).toBe(true);
  });
});

describe('forbiddenAuditMaterial', () => {
  it.each([
    ['a client secret', { data: { name: 'kw_cs_abc' } }],
    ['an API token', { data: { reason: 'pasted kw_at_abc' } }],
    ['a JWT', { data: { details: { jti: 'eyJhbGciOiJFUzI1NiJ9.e30.sig' } } }],
    ['a sealed key', { data: { details: { kid: 'v1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.CCCC' } } }],
    ['a private JWK member', { data: { details: { jwk: { kty: 'EC', d: 'x' } } } }],
    ['a digest field', { data: { secretDigest: 'x' } }],
  ])('finds %s', (_what, record) => {
    expect(forbiddenAuditMaterial(record)).not.toEqual([]);
  });

  it('finds a known value anywhere', () => {
    expect(forbiddenAuditMaterial({ data: { name: 'prefix-Zm9vYmFyYmF6-suffix' } }, ['Zm9vYmFyYmF6'])).toHaveLength(1);
  });

  describe('a chain checkpoint', () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { sub: 'org-1', chainseq: 7, chainhash: 'ab'.repeat(32), iat: 1_780_000_000 };
    const signed = { iss: 'https://keyward.example', ...claims };
    const jws = (header: object, payload: object) => `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;

    it('may carry a JWS over exactly its chain facts and issuer, as StoreCheckpointSigner signs them', () => {
      const record = chainCheckpointRecord('org-1', claims, jws({ alg: 'ES256', typ: 'keyward-audit-checkpoint+jwt' }, signed));
      expect(forbiddenAuditMaterial(record)).toEqual([]);
    });

    it.each([
      ['an access token in its place', { alg: 'ES256', typ: 'at+jwt' }, signed],
      [
        'a payload with more than the chain facts',
        { alg: 'ES256', typ: 'keyward-audit-checkpoint+jwt' },
        { ...signed, scope: 'manage:service-accounts' },
      ],
      ['a payload for another chain', { alg: 'ES256', typ: 'keyward-audit-checkpoint+jwt' }, { ...signed, chainseq: 8 }],
      ['a payload without its issuer', { alg: 'ES256', typ: 'keyward-audit-checkpoint+jwt' }, claims],
    ])('is flagged with %s', (_what, header, payload) => {
      expect(forbiddenAuditMaterial(chainCheckpointRecord('org-1', claims, jws(header, payload)))).not.toEqual([]);
    });
  });
});
