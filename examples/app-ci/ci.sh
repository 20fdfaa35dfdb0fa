#!/bin/sh
# The commands a CI job runs for an app that uses OMRL models (run from this folder).
# OMRL: the omrl CLI (npx omrl, or node ../../dist/cli.js inside this repository).
set -eu
OMRL=${OMRL:-"npx omrl"}
OUT=${OUT:-out}
mkdir -p "$OUT"

# 1. The build gate: resolve every model, check licences and policy, and fail (exit 1) if anything
#    upstream changed since omrl.lock.json was committed (terms, revisions, weights, licences).
$OMRL check --frozen --format markdown > "$OUT/check.md"

# 2. The NOTICE file the app ships ("Built with Llama", OMRL attributions, licence notices).
$OMRL notice --lockfile omrl.lock.json --out "$OUT/NOTICE.md" --product "Acme Apps"

# 3. Quarterly: what the app owes each model for 2026-Q3, as a hashed statement (omrl pay takes it).
$OMRL owed --revenue revenue-2026-Q3.csv --period 2026-Q3 --rate USD/USDC=1 --out "$OUT/statement.json" > "$OUT/statement.txt"
