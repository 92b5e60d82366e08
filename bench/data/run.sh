#!/usr/bin/env bash
# Data benchmark: `flywheel data diagnose` against pandas (read_csv + describe + isnull().sum() + corr()), and the floor:
# DuckDB alone doing only what pandas does (bench/data/Program.cs), to show how much of the time is the engine itself.
# on the same generated CSV, in one run. Prints wall time, CPU time (user + sys) and peak memory (/usr/bin/time -v)
# and the ratios. Needs Debian's python3-pandas (apt-get install -y python3-pandas) and /usr/bin/time.
# Usage: bench/data/run.sh [ROWS]        (default 1,000,000)
# BASELINE=/path/to/other/checkout also runs that checkout's built CLI (`./flywheel --help` there first, or for a checkout
# older than ReadyToRun `dotnet build src/Flywheel.Cli -c Release`) in the same run, for before/after figures on a shared machine.
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
dll="$root/src/Flywheel.Cli/bin/ready/Flywheel.Cli.dll"   # what ./flywheel publishes (ReadyToRun) and runs
dotnet build "$here/Flywheel.Bench.Data.csproj" -c Release --nologo -v quiet > /dev/null
floor_dll="$here/bin/Release/net10.0/Flywheel.Bench.Data.dll"

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
  local wall peak cpu
  wall=$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  peak=$(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}')
  cpu=$(grep -E '(User|System) time \(seconds\)' "$work/$name.time" | awk '{sum += $NF} END {print sum}')
  echo "$name $wall $peak $cpu"
}

row() { # label, wall, peak KB, cpu
  awk -v label="$1" -v wall="$2" -v peak="$3" -v cpu="$4" 'BEGIN { printf "%-28s %10.2f %10.2f %14.0f\n", label, wall, cpu, peak / 1024 }'
}

if [ -n "${BASELINE:-}" ]; then
  # The checkout's ./flywheel output (ReadyToRun) when it has one, else its `dotnet build` output.
  baseline_dll="$BASELINE/src/Flywheel.Cli/bin/ready/Flywheel.Cli.dll"
  [ -f "$baseline_dll" ] || baseline_dll="$BASELINE/src/Flywheel.Cli/bin/Release/net10.0/Flywheel.Cli.dll"
  baseline=$(measure baseline dotnet "$baseline_dll" data diagnose "$csv" --json)
fi
flywheel=$(measure flywheel dotnet "$dll" data diagnose "$csv" --json)
pandas=$(measure pandas /usr/bin/python3 "$here/pandas_profile.py" "$csv")
floor=$(measure duckdb-floor dotnet "$floor_dll" "$csv")
python3 -c "import json,sys; d=json.load(open('$work/flywheel.out')); print('flywheel findings:', len(d['findings']))" 2>/dev/null || true

read -r _ fw_wall fw_peak fw_cpu <<< "$flywheel"
read -r _ pd_wall pd_peak pd_cpu <<< "$pandas"
printf "%-28s %10s %10s %14s\n" "rows: $rows" "wall (s)" "CPU (s)" "peak RSS (MB)"
row "flywheel data diagnose" "$fw_wall" "$fw_peak" "$fw_cpu"
if [ -n "${baseline:-}" ]; then
  read -r _ bl_wall bl_peak bl_cpu <<< "$baseline"
  row "baseline data diagnose" "$bl_wall" "$bl_peak" "$bl_cpu"
fi
row "pandas describe+corr" "$pd_wall" "$pd_peak" "$pd_cpu"
read -r _ fl_wall fl_peak fl_cpu <<< "$floor"
row "duckdb, pandas' work only" "$fl_wall" "$fl_peak" "$fl_cpu"
awk -v fw="$fw_wall" -v pd="$pd_wall" -v fwm="$fw_peak" -v pdm="$pd_peak" -v fwc="$fw_cpu" -v pdc="$pd_cpu" 'BEGIN {
  printf "speed: flywheel is %.2fx faster (wall), %.2fx (CPU); memory: flywheel uses %.2fx the peak of pandas\n", pd / fw, pdc / fwc, fwm / pdm
}'
awk -v fl="$fl_wall" -v pd="$pd_wall" -v fw="$fw_wall" 'BEGIN {
  printf "floor: DuckDB alone, doing only what pandas does, is %.2fx faster than pandas; flywheel takes %.2fx the floor\n", pd / fl, fw / fl
}'
echo "the floor's steps:"
sed -n '/^  [a-z]/p;/duckdb floor/p' "$work/duckdb-floor.time"
