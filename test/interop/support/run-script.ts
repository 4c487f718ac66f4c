import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs an ESM interop script with plain node (these libraries are ESM-only, and Jest runs CommonJS),
 * passing its input as one JSON argument and reading one JSON line back.
 */
export function runInteropScript<T = any>(name: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, '..', 'scripts', name), JSON.stringify(input)],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${name} failed: ${stderr || error.message}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
        } catch {
          reject(new Error(`${name} printed no JSON: ${stdout} ${stderr}`));
        }
      },
    );
  });
}
