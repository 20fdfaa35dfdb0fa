#!/bin/sh
# The commands a CI job runs for an app that uses OMRL models (run from this folder).
# OMRL: how to run the omrl CLI. omrl is not on the npm registry: by default the one the project
# installed (node_modules/.bin/omrl, from a packed tarball or the repository; see the README's
# Install section), else this repository's build (../../dist/cli.js). Never a bare `npx omrl`.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${OMRL:-}" ]; then
  if [ -x node_modules/.bin/omrl ]; then OMRL=node_modules/.bin/omrl
  elif [ -f "$HERE/../../dist/cli.js" ]; then OMRL="node $HERE/../../dist/cli.js"
  else
    echo "ci.sh: no omrl CLI: install it (npm install --save-dev /path/to/omrl-0.1.0.tgz) or set OMRL" >&2
    exit 2
  fi
fi
OUT=${OUT:-out}
mkdir -p "$OUT"

# 1. The build gate: resolve every model, check licences and policy, and fail (exit 1) if anything
#    upstream changed since omrl.lock.json was committed (terms, revisions, weights, licences).
$OMRL check --frozen --format markdown > "$OUT/check.md"

# 2. The NOTICE file the app ships ("Built with Llama", OMRL attributions, licence notices).
$OMRL notice --lockfile omrl.lock.json --out "$OUT/NOTICE.md" --product "Acme Apps"

# 3. Quarterly: what the app owes each model for 2026-Q3, as a hashed statement (omrl pay takes it).
$OMRL owed --revenue revenue-2026-Q3.csv --period 2026-Q3 --rate USD/USDC=1 --out "$OUT/statement.json" > "$OUT/statement.txt"
