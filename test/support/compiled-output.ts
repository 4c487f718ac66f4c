import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');

/** `npm run build` into a directory of its own (inside the repository, so node_modules resolve), removed by `remove`. */
export function buildCompiledOutput(name: string): { dir: string; remove: () => void } {
  const dir = join(REPO, '.cache', `${name}-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build.mjs', dir], { cwd: REPO, stdio: 'pipe' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
