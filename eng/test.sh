#!/usr/bin/env bash
# The test command of the README: builds and runs every test project, then prints one line
# "N passed, N failed[, N skipped]" summed over all projects. Exit code: dotnet test's.
# Integration tests start their own private PostgreSQL and mosquitto servers from Debian's packages
# (postgresql, mosquitto, mosquitto-clients); .ci/run installs them.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet test Zhizao.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')
read -r passed failed skipped <<<"${summary:-0 0 0}"
projects=$(grep -cE '(Passed|Failed)! +- Failed:' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build error or a crashed test host: no test failed by name, but the run did not pass.
  failed=1
  echo "dotnet test exited with $status after $projects project summaries (build error or crashed test host)" >&2
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
