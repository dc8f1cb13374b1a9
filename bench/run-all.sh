#!/usr/bin/env bash
# Runs every benchmark at full size and assembles docs/benchmarks.md from the reports.
# Usage: bench/run-all.sh [results-directory]   (default bench-results; about three hours on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-results}"
dotnet build -c Release src/Zhizao.Cli
zhizao=src/Zhizao.Cli/bin/Release/net10.0/linux-x64/zhizao
for suite in ingest mqtt query maintenance scheduling; do
  "$zhizao" bench "$suite" --out "$out"
done
jsp=../shared/data/jsp
"$zhizao" bench scheduling "$jsp/abz" "$jsp/orb" "$jsp/swv" "$jsp/yn" --name scheduling-hard --out "$out"
"$zhizao" bench scheduling --time-limit 60s --models zhizao --name scheduling-60s --out "$out"
"$zhizao" bench scheduling "$jsp/abz" "$jsp/orb" "$jsp/swv" "$jsp/yn" --time-limit 60s --models zhizao --name scheduling-hard-60s --out "$out"
"$zhizao" bench scheduling ../shared/data/fjsp --time-limit 60s --name scheduling-fjsp --out "$out"
"$zhizao" bench scheduling "$jsp/ft/ft10.txt" "$jsp"/la/la2[1-9].txt "$jsp"/la/la3?.txt "$jsp/la/la40.txt" ../shared/data/fjsp \
  --models zhizao,textbook,textbook+strong-no-overlap,zhizao-weak-no-overlap --name scheduling-ablation --out "$out"
"$zhizao" bench scheduling-large --out "$out"
# Registry, access and protocols (issue 5). Add --postgres 'Host=…;Database=…' to access to measure PostgreSQL too.
for suite in access registry mcp; do
  "$zhizao" bench "$suite" --out "$out"
done
dotnet run -c Release --project bench/Zhizao.Bench.StoreChoice -- --out "$out"
# Forecasting (issue 6): M4 Hourly with the competition's baselines (more methods as they land).
"$zhizao" bench forecasting --methods naive2,naive,snaive,ses,theta,dotm,ets,arima,mseas,mstl,lgbm,auto --out "$out"
"$zhizao" bench forecasting-scale --out "$out"
"$zhizao" bench docs --out "$out"
