#!/usr/bin/env node
// Builds the admin console (apps/console) into dist/console with Vite. Built files are never committed:
// `npm start` and `npm test` run this first with --if-stale, which skips the build when dist/console is
// newer than every source file (and the lockfile), so a fresh clone builds once and later runs cost nothing.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'apps/console');
const stamp = join(root, 'dist/console/.built');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (newestMtime(source) < built && statSync(join(root, 'package-lock.json')).mtimeMs < built) process.exit(0);
}

const { build } = await import('vite');
await build({ configFile: join(source, 'vite.config.mts'), logLevel: 'error' });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log('console built into dist/console');
