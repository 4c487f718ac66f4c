#!/usr/bin/env node
// `npm run build`: plain CommonJS in dist/ (dist/apps/server/src/main.js, dist/apps/audit-relay/src/main.js,
// dist/apps/cli/src/main.js) compiled by SWC, the compiler the tests already use, with the @keyward/*
// aliases rewritten to relative paths at compile time: nothing resolves aliases or TypeScript at run time.
// It does not type-check (`npm run typecheck` does; the Docker build runs both). Usage: build.mjs [outDir]
import { readFileSync, rmSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.argv[2] ?? 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));

// The same sources as tsconfig.build.json: no tests, fixtures, conformance suites or benchmarks; not the console (Vite builds it).
const LEFT_OUT = [
  /^apps\/console\//,
  /\.(spec|int-spec|e2e-spec|bench)\.ts$/,
  /\/(testing|conformance|bench)\//,
  /^libs\/testing\//,
  /\.d\.ts$/,
];
const sources = ['apps', 'libs']
  .flatMap((top) => walk(join(root, top)))
  .map((file) => relative(root, file))
  .filter((file) => file.endsWith('.ts') && !LEFT_OUT.some((rule) => rule.test(file)));

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

// Only what this script writes: dist/console is the console's build (scripts/build-console.mjs), kept across server builds.
for (const top of ['apps', 'libs']) rmSync(join(outDir, top), { recursive: true, force: true });
const started = performance.now();
await Promise.all(
  sources.map(async (file) => {
    const target = join(outDir, file.replace(/\.ts$/, '.js'));
    const output = await transformFile(join(root, file), { ...swcOptions, filename: file, outputPath: target });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (output.map) writeFileSync(`${target}.map`, output.map);
  }),
);
const left = sources.flatMap((file) => unresolvedAliases(join(outDir, file.replace(/\.ts$/, '.js'))));
if (left.length > 0) {
  console.error(`build: @keyward/* imports left unresolved:\n${left.join('\n')}`);
  process.exit(1);
}
console.error(`build: ${sources.length} files to ${relative(root, outDir) || '.'} in ${Math.round(performance.now() - started)} ms`);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'node_modules' ? [] : walk(join(dir, entry.name))) : [join(dir, entry.name)],
  );
}

function unresolvedAliases(file) {
  return [...readFileSync(file, 'utf8').matchAll(/require\("(@keyward\/[^"]+)"\)/g)].map((match) => `${relative(root, file)}: ${match[1]}`);
}
