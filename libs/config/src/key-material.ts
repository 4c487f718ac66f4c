import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded mode keeps its pepper and key-encryption key in DATA_DIR (mode 0600), generated on
 * first start, so that `npm start` needs no setup. Production passes them in the environment.
 */
export function loadOrCreateKeyFile(dataDir: string, fileName: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, fileName);
  if (!existsSync(path)) {
    // 'wx' fails if another process created it meanwhile; then we read theirs.
    try {
      writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}
