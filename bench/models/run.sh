#!/usr/bin/env bash
# Flywheel's 60 s search vs XGBoost / RandomForest defaults on the same splits, and `flywheel predict` throughput
# vs a PredictionEngine loop. Run by hand, never in CI (about 15 minutes on 2 cores). Writes bench/out/results.md.
# Needs: apt-get install -y python3-xgboost python3-sklearn python3-pandas   (Debian's /usr/bin/python3)
# Arguments go to bench.py: --budget 60s --seed 1729 --max-trials N --rows 500000 --repeat 3 --only mlc_churn,penguins --skip-throughput
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../../flywheel" --help > /dev/null   # builds the CLI (Release) once, outside the timings
if ! log="$(dotnet build "$here/Flywheel.Bench.Models.csproj" -c Release --nologo -v quiet 2>&1)"; then
  echo "$log" >&2
  exit 1
fi
exec /usr/bin/python3 "$here/bench.py" "$@"
