import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A barrel of named re-exports (`export { a, b } from './x'`, kept that way for speed: see the barrels)
 * must not leave out what `export *` used to carry: every value each listed module exports is exported
 * by the barrel, as the same binding. A type left out fails the typecheck of whoever imports it instead.
 */
export async function expectBarrelToExportEveryValue(barrelPath: string): Promise<void> {
  const barrel = (await import(barrelPath)) as Record<string, unknown>;
  const modules = [...readFileSync(barrelPath, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((match) => match[1]!);
  expect(modules.length).toBeGreaterThan(0);
  const missing: string[] = [];
  for (const module of new Set(modules)) {
    const exported = (await import(resolve(dirname(barrelPath), module))) as Record<string, unknown>;
    for (const name of Object.keys(exported)) {
      if (name === 'default' || name === '__esModule') continue;
      if (barrel[name] !== exported[name]) missing.push(`${name} (${module})`);
    }
  }
  expect(missing).toEqual([]);
}
