/**
 * The hygiene report's cost on 1 M tokens of history (TOKENS to change it): AccessTokenIssued events
 * spread over CREDENTIALS credentials and 30 days feed the usage read model as the subscription would;
 * then the report is built REPORTS times. Prints the read model's heap, the time to apply the history,
 * and the median and p95 time per report. Run: npm run bench:hygiene (node --expose-gc for heap figures).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_ORGANIZATION_POLICY } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { CredentialUsageProjection, type CredentialSummary, type ServiceAccountDetails } from '@keyward/projections';
import { credentialHygiene } from '../../apps/server/src/admin/reports/credential-hygiene/credential-hygiene.report';

const TOKENS = Number(process.env.TOKENS ?? 1_000_000);
const CREDENTIALS = Number(process.env.CREDENTIALS ?? 1000);
const REPORTS = Number(process.env.REPORTS ?? 20);
const DAY_MS = 86400_000;
const now = new Date('2026-12-01T00:00:00Z');
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const credentialIds = Array.from({ length: CREDENTIALS }, () => randomUUID());
const scopes = ['read:reports', 'write:reports', 'read:invoices', 'admin:all'];
function issued(i: number): RecordedEvent {
  const credentialId = credentialIds[i % CREDENTIALS];
  const c = i % CREDENTIALS;
  return {
    id: 'x',
    streamName: 'token_issuance-org-1',
    type: 'AccessTokenIssued',
    revision: i,
    position: BigInt(i),
    recordedAt: now,
    metadata: {},
    data: {
      jti: 'j',
      organizationId: 'org-1',
      serviceAccountId: `sa-${Math.floor(c / 20)}`,
      credentialId,
      clientId: 'kw_ci_x',
      scopes: [scopes[i % 2]],
      audience: 'https://issuer',
      issuedAt: new Date(now.getTime() - (i % 30) * DAY_MS - 1000).toISOString(),
      expiresAt: now.toISOString(),
      // Most credentials from 2 networks; every 50th from many (shared use).
      sourceIp: c % 50 === 0 ? `198.51.${i % 200}.7` : `203.0.113.${i % 2}`,
      userAgent: `bot/${c % 50 === 0 ? i % 10 : 1}`,
    },
  };
}

const before = heapMb();
const usage = new CredentialUsageProjection();
const applyStart = process.hrtime.bigint();
for (let i = 0; i < TOKENS; i++) usage.apply(issued(i));
const applyMs = Number(process.hrtime.bigint() - applyStart) / 1e6;
const modelMb = heapMb() - before;

const accounts: ServiceAccountDetails[] = [];
for (let a = 0; a < CREDENTIALS / 20; a++) {
  const credentials = credentialIds.slice(a * 20, a * 20 + 20).map(
    (id): CredentialSummary =>
      ({
        id,
        type: 'oauth_client',
        name: 'prod',
        scopes,
        clientId: 'kw_ci_x',
        createdAt: new Date(now.getTime() - 60 * DAY_MS).toISOString(),
        expiresAt: null,
        lastUsedAt: now.toISOString(),
        secretRotatedAt: null,
        previousSecretExpiresAt: null,
        revokedAt: null,
        expiredAt: null,
        tokenEndpointAuthMethod: 'client_secret_basic',
      }) as unknown as CredentialSummary,
  );
  accounts.push({
    id: `sa-${a}`,
    organizationId: 'org-1',
    name: `svc-${a}`,
    description: '',
    owner: null,
    tags: [],
    status: 'active',
    createdAt: now.toISOString(),
    credentials,
  } as unknown as ServiceAccountDetails);
}
const policy = { ...DEFAULT_ORGANIZATION_POLICY, clientSecretMaxAgeDays: 90 };
const times: number[] = [];
let findings = 0;
const reportHeapBefore = heapMb();
for (let r = 0; r < REPORTS; r++) {
  const start = process.hrtime.bigint();
  const report = credentialHygiene({ accounts, policy, usage: (id) => usage.summary(id, now, 30), now, windowDays: 30 });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  findings = report.credentials.reduce((sum, c) => sum + c.findings.length, 0);
}
times.sort((a, b) => a - b);
const result = {
  tokens: TOKENS,
  credentials: CREDENTIALS,
  applyMs: Math.round(applyMs),
  applyPerTokenUs: +((applyMs * 1000) / TOKENS).toFixed(2),
  usageModelHeapMb: gc ? +modelMb.toFixed(1) : 'run with --expose-gc',
  reportMedianMs: +times[Math.floor(times.length / 2)].toFixed(1),
  reportP95Ms: +times[Math.floor(times.length * 0.95)].toFixed(1),
  reportHeapAfterMb: gc ? +(heapMb() - reportHeapBefore).toFixed(1) : 'run with --expose-gc',
  findings,
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
