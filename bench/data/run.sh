#!/usr/bin/env bash
# Data benchmark: `flywheel data diagnose` against pandas (read_csv + describe + isnull().sum() + corr())
# on the same generated CSV, in one run. Prints wall time and peak memory (/usr/bin/time -v) and the ratios.
# Needs Debian's python3-pandas (apt-get install -y python3-pandas) and /usr/bin/time.
# Usage: bench/data/run.sh [ROWS]        (default 1,000,000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-1000000}"
work="${BENCH_DIR:-/tmp/flywheel-bench-data}"
mkdir -p "$work"
csv="$work/bench-$rows.csv"

[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$csv" "$rows"
ls -l "$csv" | awk '{printf "file: %s (%.0f MB)\n", $NF, $5 / 1e6}'

# Build once outside the measurement.
"$root/flywheel" --help > /dev/null
dll="$root/src/Flywheel.Cli/bin/Release/net10.0/Flywheel.Cli.dll"

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
  local wall peak
  wall=$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  peak=$(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}')
  echo "$name $wall $peak"
}

flywheel=$(measure flywheel dotnet "$dll" data diagnose "$csv" --json)
pandas=$(measure pandas /usr/bin/python3 "$here/pandas_profile.py" "$csv")
python3 -c "import json,sys; d=json.load(open('$work/flywheel.out')); print('flywheel findings:', len(d['findings']))" 2>/dev/null || true

read -r _ fw_wall fw_peak <<< "$flywheel"
read -r _ pd_wall pd_peak <<< "$pandas"
awk -v fw="$fw_wall" -v pd="$pd_wall" -v fwm="$fw_peak" -v pdm="$pd_peak" -v rows="$rows" 'BEGIN {
  printf "%-28s %10s %14s\n", "rows: " rows, "wall (s)", "peak RSS (MB)"
  printf "%-28s %10.2f %14.0f\n", "flywheel data diagnose", fw, fwm / 1024
  printf "%-28s %10.2f %14.0f\n", "pandas describe+corr", pd, pdm / 1024
  printf "speed: flywheel is %.2fx faster; memory: flywheel uses %.2fx the peak of pandas\n", pd / fw, fwm / pdm
}'
