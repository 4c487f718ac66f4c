import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The limit probe (../shared/bench/limit-probe.mjs, or LIMIT_PROBE), copied under test/bench/.probe so
 * that its imports (fastify, @fastify/formbody, better-sqlite3) resolve from this repository's node_modules.
 */
export function spawnLimitProbe(port: number, dataDir: string): ChildProcess | undefined {
  const source = resolve(process.env.LIMIT_PROBE ?? join(process.cwd(), '..', '..', 'shared', 'bench', 'limit-probe.mjs'));
  const fallback = '/work/shared/bench/limit-probe.mjs';
  const found = existsSync(source) ? source : existsSync(fallback) ? fallback : undefined;
  if (!found) return undefined;
  const dir = join(process.cwd(), 'test', 'bench', '.probe');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, 'limit-probe.mjs');
  copyFileSync(found, copy);
  return spawn(process.execPath, [copy], {
    env: { ...process.env, PORT: String(port), PROBE_DB: join(dataDir, 'probe.db') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The probe accepts one client: c1 with secret "sekret" (PROBE_SECRET), by client_secret_basic. */
export const PROBE_AUTHORIZATION = `Basic ${Buffer.from('c1:sekret').toString('base64')}`;
