import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfig } from './config.errors';

/**
 * The embedded mode keeps its pepper and key-encryption key in DATA_DIR (mode 0600), generated on
 * first start, so that `npm start` needs no setup. Production passes them in the environment.
 */
export function loadOrCreateKeyFile(dataDir: string, fileName: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, fileName);
  if (!existsSync(path)) {
    // Written whole under a temporary name, then linked into place: a process starting at the same moment
    // (npm start and the CLI on a fresh DATA_DIR) sees either no file or the complete one, never a torn one.
    // link() fails if the other process won; then we read theirs.
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new InvalidConfig([`${path}: must hold base64 of 32 bytes (holds ${key.length}); restore it or remove it to start afresh`]);
  return key;
}
