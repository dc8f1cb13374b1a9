#!/usr/bin/env bash
# Runs every foundation benchmark at full size and assembles docs/benchmarks.md from the reports.
# Usage: bench/run-all.sh [results-directory]   (default bench-results; about ten minutes on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-results}"
dotnet build -c Release src/Zhizao.Cli
zhizao=src/Zhizao.Cli/bin/Release/net10.0/linux-x64/zhizao
for suite in ingest mqtt query maintenance; do
  "$zhizao" bench "$suite" --out "$out"
done
dotnet run -c Release --project bench/Zhizao.Bench.StoreChoice -- --out "$out"
"$zhizao" bench docs --out "$out"
