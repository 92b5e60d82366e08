#!/usr/bin/env bash
# The server benchmark: Flywheel's /invocations (capture on, auth on) vs raw Kestrel and FastAPI + XGBoost under wrk,
# and a batch transform job vs a PredictionEngine loop. Run by hand, never in CI (about 15 minutes with the default
# 60 s per load). Writes bench/out/server/results.md.
# Needs: apt-get install -y wrk python3-fastapi python3-uvicorn python3-xgboost python3-pandas
# Arguments go to bench.py: --duration 60 --peer-workers 2 --batch-rows 10000 1000000 --skip-realtime
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../../flywheel" --help > /dev/null   # builds the CLI (Release) once, outside the timings
for project in "$here/raw/Flywheel.Bench.Raw.csproj" "$here/../models/Flywheel.Bench.Models.csproj"; do
  if ! log="$(dotnet build "$project" -c Release --nologo -v quiet 2>&1)"; then
    echo "$log" >&2
    exit 1
  fi
done
exec /usr/bin/python3 "$here/bench.py" "$@"
