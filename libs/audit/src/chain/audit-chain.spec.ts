import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@keyward/event-store';
import type { AuditRecord } from '../record/audit-record';
import { everyEventTypeFixture } from '../testing/every-event-type.fixture';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { chainHashOf, GENESIS_HASH, type ChainedAuditRecord } from './audit-chain';
import { linkRecord, serializeAuditRecord } from './chained-lines';
import { generatedText, seededRandom } from './generated-json.fixture';

// The reference: the canonicalize package's RFC 8785 text, hashed as the chain's verifiers do.
const referenceHash = (record: ChainedAuditRecord) => {
  const { chainhash: _, ...rest } = record;
  return createHash('sha256').update(canonicalize(rest)!).digest('hex');
};

function expectLinkedAsTheReference(linked: ChainedAuditRecord): void {
  expect(linked.chainhash).toBe(referenceHash(linked));
  expect(linked.chainhash).toBe(chainHashOf(linked as unknown as Record<string, unknown>));
  expect(serializeAuditRecord(linked)).toBe(canonicalize(linked));
}

describe('linkRecord', () => {
  it('links each record to the one before, and serializes it as its canonical JSON', async () => {
    const { events, variants } = await everyEventTypeFixture();
    let head: { seq: number; hash: string } | undefined;
    for (const event of [...events.values(), ...variants]) {
      const linked = linkRecord(defaultAuditMapping(event), head);
      expect([linked.chainseq, linked.chainprev]).toEqual([(head?.seq ?? 0) + 1, head?.hash ?? GENESIS_HASH]);
      expectLinkedAsTheReference(linked);
      head = { seq: linked.chainseq, hash: linked.chainhash };
    }
  });

  it('hashes and writes records byte for byte as before the canonical text was made without a sorted copy', () => {
    // Hashes made by 53f015e's linkRecord (sorted copy, then JSON.stringify) for these two events.
    const first = linkRecord(defaultAuditMapping(GOLDEN_EVENT), undefined);
    const refused = { ...GOLDEN_EVENT, id: 'e2', position: 2n, type: 'TokenRequestRefused' };
    const second = linkRecord(
      defaultAuditMapping({ ...refused, data: { ...GOLDEN_DATA, error: 'invalid_client', reason: 'wrong_secret' } }),
      {
        seq: first.chainseq,
        hash: first.chainhash,
      },
    );
    expect(first.chainhash).toBe('843b9d7a874e4132d0f6172dd7a28437794f69cad67168a53662cf16d68b6fb5');
    expect(second.chainhash).toBe('d3490ee13d026a86b16fcf34aea64c2686c8c0881f860329d2d8d8f48157b4ce');
    expect(serializeAuditRecord(second)).toContain(String.raw`"userAgent":"curl/8 \"quoted\" ` + '\u2028' + String.raw` \ud800"}`);
  });

  it('links generated events with every kind of character in their fields as the reference does', () => {
    const random = seededRandom(9);
    let head: { seq: number; hash: string } | undefined;
    for (let i = 0; i < 500; i++) {
      const text = () => generatedText(random, 10) || 'x';
      const data = {
        ...GOLDEN_DATA,
        organizationId: text(),
        serviceAccountId: text(),
        name: text(),
        userAgent: text(),
        scopes: [text(), text()],
      };
      const event = { ...GOLDEN_EVENT, id: text(), data, metadata: { actor: text(), correlationId: text(), schemaVersion: 1 + (i % 3) } };
      const linked = linkRecord(defaultAuditMapping(event), head);
      expectLinkedAsTheReference(linked);
      head = { seq: linked.chainseq, hash: linked.chainhash };
    }
  });

  it('links a record made in any member order, or with members that sort before the chain attributes, just as well', () => {
    const unordered = {
      type: 'keyward.service_account.created.v1',
      specversion: '1.0',
      id: 'e1',
      source: '/organizations/o',
      time: '2026-01-01T00:00:00.000Z',
      datacontenttype: 'application/json',
      partitionkey: 'o',
      data: { outcome: 'success', actor: 'cli:alice', details: { z: 1, a: [0.1, -0, 1e21] } },
    } as AuditRecord;
    const earlyMember = { ...unordered, actor: 'a custom mapping put me first', chainhash: 'not mine' } as unknown as AuditRecord;
    for (const record of [unordered, earlyMember]) expectLinkedAsTheReference(linkRecord(record, { seq: 4, hash: 'f'.repeat(64) }));
  });

  it('serializes a record that was never linked with JSON.stringify', async () => {
    const { events } = await everyEventTypeFixture();
    const record = defaultAuditMapping(events.values().next().value!);
    expect(JSON.parse(serializeAuditRecord(record))).toEqual(record);
  });
});

const GOLDEN_DATA = {
  jti: 'jti-1',
  organizationId: 'org-ü',
  serviceAccountId: 'sa-😀',
  credentialId: 'cred-1',
  clientId: 'kw_ci_1',
  scopes: ['read:invoices', 'écrire'],
  audience: ['https://api.example.com', 'https://files.example.com'],
  issuedAt: '2026-12-01T19:30:00.000Z',
  expiresAt: '2026-12-01T20:30:00.000Z',
  sourceIp: '203.0.113.7',
  userAgent: 'curl/8 "quoted" \u2028 \ud800',
  grantType: 'client_credentials',
  tokenType: 'DPoP',
  jkt: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I',
  authMethod: 'client_secret_basic',
  kid: 'k1',
  secretDigest: 'hmac-sha256:x',
};

const GOLDEN_EVENT: RecordedEvent = {
  id: '0b4f5a9e-6c1d-4e43-9a57-2f1c8d3e7b60',
  type: 'AccessTokenIssued',
  streamName: 'token_issuance-org-ü',
  revision: 0,
  position: 1n,
  recordedAt: new Date('2026-12-01T19:30:00.123Z'),
  data: GOLDEN_DATA,
  metadata: {
    actor: 'service_account:sa-😀',
    organizationId: 'org-ü',
    correlationId: 'c-1',
    occurredAt: '2026-12-01T19:30:00.000Z',
    schemaVersion: 1,
  },
};
