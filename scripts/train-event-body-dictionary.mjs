#!/usr/bin/env node
// How BODY_DICTIONARY_V2 (libs/event-store/src/sqlite/sqlite-body-dictionary-v2.ts) was made, kept so a
// later codec can be trained the same way: bodies shaped like the token-history events that are nearly
// all of the log (varied organizations, clients, scopes, audiences, addresses, user agents), then
// `zstd --train` (the zstd CLI, Debian package zstd). A trained dictionary carries zstd's entropy tables
// as well as the shared text, so a ~800 B body needs no tables of its own. The output is random: a new
// run is a new dictionary, which would need a new codec byte. Usage: train-event-body-dictionary.mjs [bytes]
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Compressor } from 'zstd-napi';

const size = Number(process.argv[2] ?? 2048);
const candidates = Number(process.argv[3] ?? 8);
const pick = (values) => values[randomInt(values.length)];
const base62 = (length) =>
  Array.from(randomBytes(length), (byte) => pick('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''))).join('');
let organizations = [];
const scopes = [
  'read:reports',
  'write:reports',
  'billing:read',
  'billing:write',
  'orders:read',
  'orders:write',
  'users:read',
  'admin',
  'read:resource',
  'events:publish',
];
const audiences = [
  'https://api.example.com',
  'https://orders.internal.example.com',
  'http://127.0.0.1:3000',
  'http://localhost:3000',
  'https://billing.example.org/v1',
];
const userAgents = [
  '',
  'curl/8.5.0',
  'python-requests/2.32.3',
  'Go-http-client/1.1',
  'okhttp/4.12.0',
  'axios/1.7.9',
  'node',
  'Java-http-client/21.0.5',
];
const authMethods = ['client_secret_basic', 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'tls_client_auth'];
const address = () =>
  pick([
    () => '127.0.0.1',
    () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`,
    () => `192.168.${randomInt(256)}.${randomInt(256)}`,
    () => `203.0.113.${randomInt(256)}`,
    () => `2001:db8::${randomInt(65536).toString(16)}`,
  ])();
const iso = (seconds) => new Date(seconds * 1000).toISOString();

function body() {
  const organizationId = pick(organizations);
  const serviceAccountId = randomUUID();
  const at = 1_790_000_000 + randomInt(60_000_000);
  const sourceIp = address();
  const userAgent = pick(userAgents);
  const metadata = (actor, occurredAt) => ({
    actor,
    organizationId,
    sourceIp,
    userAgent,
    correlationId: randomUUID(),
    occurredAt,
    schemaVersion: 1,
  });
  const kind = randomInt(100);
  if (kind < 82) {
    const jkt = randomInt(20) === 0 ? randomBytes(32).toString('base64url') : undefined;
    const data = {
      jti: randomUUID(),
      organizationId,
      serviceAccountId,
      credentialId: randomUUID(),
      clientId: `kw_ci_${base62(22)}`,
      scopes: Array.from({ length: 1 + randomInt(3) }, () => pick(scopes)),
      audience: randomInt(10) === 0 ? [pick(audiences), pick(audiences)] : pick(audiences),
      issuedAt: iso(at),
      expiresAt: iso(at + pick([300, 900, 3600, 86_400])),
      sourceIp,
      userAgent,
      grantType: randomInt(10) === 0 ? 'urn:ietf:params:oauth:grant-type:jwt-bearer' : 'client_credentials',
      tokenType: jkt ? 'DPoP' : 'Bearer',
      ...(jkt ? { jkt } : {}),
      authMethod: pick(authMethods),
      kid: `${randomBytes(12).toString('base64url')}-${randomBytes(4).toString('hex')}`,
    };
    return [data, metadata(`service_account:${serviceAccountId}`, data.issuedAt)];
  }
  if (kind < 95) {
    const known = randomInt(2) === 0;
    const data = {
      error: pick(['invalid_client', 'invalid_client', 'invalid_scope', 'invalid_request', 'unauthorized_client', 'invalid_target']),
      reason: pick([
        'wrong_secret',
        'unknown_client',
        'malformed_authorization_header',
        'scope_not_allowed',
        'credential_revoked',
        'assertion_expired',
      ]),
      ...(randomInt(4) === 0 ? { endpoint: pick(['introspection', 'revocation']) } : {}),
      ...(randomInt(5) === 0 ? { count: 2 + randomInt(500), firstRefusedAt: iso(at - randomInt(60)) } : {}),
      clientId: `kw_ci_${base62(22)}`,
      ...(known ? { organizationId, serviceAccountId, credentialId: randomUUID() } : {}),
      refusedAt: iso(at),
      sourceIp,
      userAgent,
    };
    return [data, metadata(known ? `service_account:${serviceAccountId}` : 'anonymous', data.refusedAt)];
  }
  const clientId = `kw_ci_${base62(22)}`;
  const data = {
    jti: randomUUID(),
    organizationId,
    serviceAccountId,
    clientId,
    expiresAt: iso(at + 3600),
    revokedAt: iso(at),
    revokedByClientId: clientId,
  };
  return [data, metadata(`client:${clientId}`, data.revokedAt)];
}

// The codec's plaintext: data and metadata JSON joined by a newline (sqlite-event-body.ts).
const plaintext = () => {
  const [data, metadata] = body();
  return `${JSON.stringify(data)}\n${JSON.stringify(metadata)}`;
};
const newOrganizations = () => (organizations = Array.from({ length: 400 }, () => randomUUID()));

function meanStoredSize(dictionary, bodies) {
  const compressor = new Compressor();
  compressor.setParameters({ compressionLevel: 1, dictIDFlag: false });
  compressor.loadDictionary(dictionary);
  return bodies.reduce((sum, text) => sum + compressor.compress(Buffer.from(text)).length, 0) / bodies.length;
}

const dir = mkdtempSync(join(tmpdir(), 'keyward-dictionary-'));
try {
  newOrganizations();
  const heldOut = Array.from({ length: 4000 }, plaintext);
  let best;
  for (let candidate = 0; candidate < candidates; candidate++) {
    newOrganizations();
    const samples = Array.from({ length: 20_000 }, (_, index) => {
      const file = join(dir, `${index}.json`);
      writeFileSync(file, plaintext());
      return file;
    });
    execFileSync('zstd', ['--train', '-q', '-f', `--maxdict=${size}`, '-o', join(dir, 'dictionary'), ...samples]);
    const dictionary = readFileSync(join(dir, 'dictionary'));
    const mean = meanStoredSize(dictionary, heldOut);
    process.stderr.write(`candidate ${candidate}: ${mean.toFixed(1)} B a body\n`);
    if (!best || mean < best.mean) best = { dictionary, mean };
  }
  process.stderr.write(`kept: ${best.mean.toFixed(1)} B a body\n`);
  process.stdout.write(`${best.dictionary.toString('base64')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
