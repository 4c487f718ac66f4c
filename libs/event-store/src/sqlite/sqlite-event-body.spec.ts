import { createHash, randomUUID } from 'node:crypto';
import { Compressor } from 'zstd-napi';
import { BODY_DICTIONARY_V2 } from './sqlite-body-dictionary-v2';
import { decodeBody, decodeEventId, encodeBody, encodeEventId } from './sqlite-event-body';

// Written by the DEFLATE_V1 encoder (deflateRawSync with COMPRESSION_DICTIONARY_V1) before ZSTD_V2 existed.
const DEFLATE_V1_BODY =
  'MW2TsQ2AMAwEV2EBS3YSwNmFxnHsEiSgYCA2YTGUggLBBv/3949CvaNGZQPy3iBVNMiSImANhX1UEqK/rFjYsgaBwalC0mjAMhYINflgLKhkX51Wax/YmlX/TlB+556XvS14nd00d8eb98Px0+0G';
const V1_DATA =
  '{"jti":"5f0c3c8e-1f5e-4d0e-9a43-0d2b8f7c1a11","organizationId":"0b8e9c2a-6f1d-4c3e-8a7b-2d4f6e8a0c1e","scopes":["read:reports"],"issuedAt":"2026-12-01T19:00:00.000Z","note":"ä \\n x"}';
const V1_METADATA = '{"actor":"system","schemaVersion":1}';

// Random-looking but fixed ids, so a size is the same on every run: random ones made it vary by a few bytes.
const FIXED_IDS = [
  '3f2a9c4e-7b1d-4e8a-9c3f-5a6b7c8d9e0f',
  'a81c5e27-0d4b-4f69-b2e3-91f0c4d7a6b5',
  '6d0e4b92-c5a1-47f3-8e2d-b7c9a1f3e5d4',
  'e4b7a0d3-2f9c-4b61-a5d8-0c3e6f9b2a17',
  '19c6f3a8-5e2b-4d07-9f4a-7e1b3c5d8a2f',
];

function tokenIssued(newId: () => string = randomUUID): { data: string; metadata: string } {
  const organizationId = newId();
  const serviceAccountId = newId();
  const data = {
    jti: newId(),
    organizationId,
    serviceAccountId,
    credentialId: newId(),
    clientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
    scopes: ['read:reports'],
    audience: 'https://api.example.com',
    issuedAt: '2026-12-01T19:00:00.000Z',
    expiresAt: '2026-12-01T20:00:00.000Z',
    sourceIp: '10.1.2.3',
    userAgent: 'curl/8.5.0',
    grantType: 'client_credentials',
    tokenType: 'Bearer',
    authMethod: 'client_secret_basic',
    kid: 'Jm3nV0a8d1Xc2Rf5-1f2e3d4c',
  };
  const metadata = {
    actor: `service_account:${serviceAccountId}`,
    organizationId,
    sourceIp: '10.1.2.3',
    userAgent: 'curl/8.5.0',
    correlationId: newId(),
    occurredAt: data.issuedAt,
    schemaVersion: 1,
  };
  return { data: JSON.stringify(data), metadata: JSON.stringify(metadata) };
}

describe('SQLite event body codecs', () => {
  it('writes ZSTD_V2 and reads back exactly what it was given', () => {
    const large = JSON.stringify({ blob: 'x'.repeat(300_000), text: 'ä ✓ \u2028 "quoted" \\n' });
    for (const { data, metadata } of [tokenIssued(), { data: large, metadata: '{}' }, { data: '{}', metadata: '{"a":"\\n"}' }]) {
      const body = encodeBody(data, metadata);
      expect(String.fromCharCode(body[0]!)).toBe('2');
      expect(decodeBody(body)).toEqual({ data, metadata });
    }
  });

  it("writes the frame zstd-napi's own Compressor writes with the same settings, also after a body larger than its kept buffers", () => {
    const reference = new Compressor();
    reference.setParameters({ compressionLevel: 1, dictIDFlag: false });
    reference.loadDictionary(BODY_DICTIONARY_V2);
    const large = JSON.stringify({ blob: 'ü'.repeat(40_000) });
    const bodies = [tokenIssued(), { data: large, metadata: '{}' }, tokenIssued(), { data: '"ä ✓ \u2028"', metadata: '{"a":1}' }];
    for (const { data, metadata } of bodies) {
      const expected = Buffer.concat([Buffer.from('2'), reference.compress(Buffer.from(`${data}\n${metadata}`, 'utf8'))]);
      expect(encodeBody(data, metadata).equals(expected)).toBe(true);
    }
  });

  it('stores a canonical UUID as its 16 bytes and any other id as the text it is', () => {
    const canonical = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const uuid = randomUUID();
    const others = [
      uuid.toUpperCase(),
      uuid.replaceAll('-', ''),
      `${uuid.slice(0, 35)}g`,
      `${uuid.slice(0, 8)}_${uuid.slice(9)}`,
      // charCodeAt & 127 of U+0130 is '0': a lookup that dropped the high bits would take it for a digit.
      `\u0130${uuid.slice(1)}`,
      `${uuid}0`,
      'not-a-uuid',
      'x',
    ];
    for (const id of [uuid, randomUUID(), ...FIXED_IDS]) {
      expect(canonical.test(id)).toBe(true);
      const stored = encodeEventId(id);
      expect(Buffer.isBuffer(stored) && stored.equals(Buffer.from(id.replaceAll('-', ''), 'hex'))).toBe(true);
      expect(decodeEventId(Buffer.from(stored as Buffer))).toBe(id);
    }
    for (const id of others) expect(encodeEventId(id)).toBe(id);
  });

  it('stores an issued token in well under the DEFLATE_V1 size', () => {
    const ids = [...FIXED_IDS];
    const { data, metadata } = tokenIssued(() => ids.shift()!);
    expect(Buffer.byteLength(data + metadata)).toBeGreaterThan(780);
    // 243 B with these ids under ZSTD_V2 (5,000 bodies with random ids: 233 – 258 B, median 243, one in eight at 245 or more; DEFLATE_V1: ~255 B); docs/token-history.md budgets
    // 400 B a token, indexes and WAL included.
    expect(encodeBody(data, metadata).length).toBeLessThan(245);
  });

  it('still reads the bodies of older codecs: DEFLATE_V1 and raw', () => {
    expect(decodeBody(Buffer.from(DEFLATE_V1_BODY, 'base64'))).toEqual({ data: V1_DATA, metadata: V1_METADATA });
    expect(decodeBody(Buffer.from(`0${V1_DATA}\n${V1_METADATA}`, 'utf8'))).toEqual({ data: V1_DATA, metadata: V1_METADATA });
  });

  it('refuses a body of a codec it does not know', () => {
    expect(() => decodeBody(Buffer.from('9{}\n{}'))).toThrow('unknown event body codec 57');
  });

  it('keeps the ZSTD_V2 dictionary byte for byte: stored bodies need exactly it', () => {
    expect(createHash('sha256').update(BODY_DICTIONARY_V2).digest('hex')).toBe(
      '564d8a14531ca2d107640cad1009978cf5757b14f593cdbb707d569391d3f7b5',
    );
  });
});
