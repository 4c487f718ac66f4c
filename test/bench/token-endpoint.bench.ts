/**
 * `npm run bench`: the token endpoint under load, on a temporary embedded store.
 * Boots the server in a child process (so the load generator does not share its event loop),
 * creates credentials, drives client-credentials grants with autocannon at 64 connections,
 * and checks that every token returned has its AccessTokenIssued event in the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openSqliteEventStore } from '@keyward/event-store';
import { tokenIssuanceStream } from '@keyward/domain';
import { freePort } from '../support/free-port';
import { accessToken, adminApi } from '../support/oauth-client';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
// A fixed number of requests per round (not a duration), so that no response is cut off when a round ends
// and every token returned can be matched with its recorded event.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = 16;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ISSUER: baseUrl, AUDIT_RELAY: 'off', LOG_LEVEL: 'warn' };
  const admin = JSON.parse(await runToEnd(spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'bootstrap', '--org', 'Bench', '--json'], { env })));
  const server = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/server/src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForHealth(baseUrl);
    const api = adminApi(baseUrl, await accessToken(baseUrl, admin));
    await api('POST', '/scopes', { name: 'read:reports', description: 'Read reports' });
    const account = (await api('POST', '/service-accounts', { name: 'load' })).body;
    const bodies: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = (await api('POST', `/service-accounts/${account.id}/credentials`, { type: 'oauth_client', name: `client-${i}`, scopes: ['read:reports'] })).body;
      bodies.push(new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }).toString());
    }

    const rounds: { cpuPerGrantUs: number; rps: number; p50: number; p99: number; ok: number; other: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let next = 0;
      const cpuBefore = processCpuMs(server.pid!);
      const started = performance.now();
      let lastResponseAt = started;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `${baseUrl}/oauth/token`,
            connections: CONNECTIONS,
            amount: REQUESTS,
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on('response', () => (lastResponseAt = performance.now()));
      });
      const ok = result['2xx'];
      // autocannon notices the last response on its 1 s tick: time the run up to that response instead.
      const seconds = (lastResponseAt - started) / 1000;
      const cpuPerGrantUs = ((processCpuMs(server.pid!) - cpuBefore) * 1000) / ok;
      rounds.push({ cpuPerGrantUs, rps: ok / seconds, p50: result.latency.p50, p99: result.latency.p99, ok, other: result.non2xx + result.errors + result.timeouts });
      console.log(`round ${round}: ${Math.round(ok / seconds)} grants/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${ok} tokens, ${result.non2xx} non-2xx, ${result.errors} errors, server CPU ${cpuPerGrantUs.toFixed(0)} µs/grant`);
    }

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const issued = (await store.readStream(tokenIssuanceStream(admin.orgId))).filter((e) => e.type === 'AccessTokenIssued' && (e.data as { serviceAccountId: string }).serviceAccountId === account.id).length;
    await store.close();

    const tokens = rounds.reduce((n, r) => n + r.ok, 0);
    console.log('');
    console.log(`token endpoint, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${REQUESTS} grants, embedded SQLite store (group commit)`);
    console.log(`  grants/s   median ${median(rounds.map((r) => r.rps)).toFixed(0)}  (rounds: ${rounds.map((r) => r.rps.toFixed(0)).join(', ')})`);
    // CPU time per grant is steadier than grants/s on a shared machine, where the load generator takes a core.
    console.log(`  server CPU median ${median(rounds.map((r) => r.cpuPerGrantUs)).toFixed(0)} µs per grant (main thread and writer thread)`);
    console.log(`  latency    p50 median ${median(rounds.map((r) => r.p50))} ms, p99 median ${median(rounds.map((r) => r.p99))} ms`);
    console.log(`  tokens returned ${tokens}, AccessTokenIssued events recorded ${issued}: ${tokens === issued ? 'EQUAL' : 'MISMATCH'}`);
    if (tokens !== issued || rounds.some((r) => r.other > 0)) process.exitCode = 1;
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 100 Hz here). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runToEnd(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)))));
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start within 30 s');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
