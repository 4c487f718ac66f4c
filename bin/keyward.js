#!/usr/bin/env node
// The `keyward` command (package bin): the compiled CLI in dist/, made by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write(`keyward: ${cli} is missing; run \`npm run build\` in ${join(__dirname, '..')}\n`);
  process.exit(70); // EX_SOFTWARE
}
require(cli);
