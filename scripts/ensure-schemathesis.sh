#!/usr/bin/env bash
# schemathesis (PyPI), the property-based fuzzer the OpenAPI test drives, in a virtualenv of its own:
# installed once, then a no-op. SCHEMATHESIS_VENV overrides where (the Node 24 leg shares the main one).
set -euo pipefail
venv="${SCHEMATHESIS_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.cache/schemathesis}"
version="4.32.5"
if [ -x "$venv/bin/schemathesis" ] && "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$version"; then exit 0; fi
echo "installing schemathesis $version into $venv" >&2
# A venv moved or copied from another path keeps the old absolute paths in its scripts: start it afresh.
python3 -m venv --clear "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
"$venv/bin/schemathesis" --version >&2
