#!/usr/bin/env bash
# Monitoring benchmark: `flywheel monitor` over a day of captured traffic (1,000,000 rows x 20 features, 6 of them
# drifting, in the server's on-disk capture format) against the package baseline of a model trained on 100,000 rows,
# side by side with pandas + scipy computing the same data-quality checks and drift tests on the same files
# (peer.py), in one run. Checks that both computed the same numbers (agree.py), then prints wall time, CPU time
# (user + sys) and peak memory (/usr/bin/time -v), the ratios, where Flywheel's time goes (the driver's step profile),
# and writes bench/out/monitoring/results.md. Run by hand, never in CI.
# Needs: Debian's python3-pandas and python3-scipy (/usr/bin/python3), /usr/bin/time.
# Usage: bench/monitoring/run.sh [CAPTURED_ROWS]     (default 1,000,000; TRAIN_ROWS=126000 gives a 100,000-row train split)
# BASELINE=/path/to/other/checkout also measures that checkout's built CLI (`./flywheel --help` there first, or for a checkout
# older than ReadyToRun `dotnet build src/Flywheel.Cli -c Release`) over the same capture in the same run, for before/after figures on a shared machine.
# Everything but the measured commands (generate, train, prepare the capture, build) happens before the measurement.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-1000000}"
train_rows="${TRAIN_ROWS:-126000}"
per_request="${ROWS_PER_REQUEST:-100}"
work="${BENCH_DIR:-/tmp/flywheel-bench-monitoring}/$train_rows-$rows"
out="$root/bench/out/monitoring"
since=2026-11-01T00:00:00Z   # the day Preparation.cs (BenchWindow) stamps the capture in
until=2026-11-02T00:00:00Z
mkdir -p "$work" "$out"

# Build once outside the measurement.
"$root/flywheel" --help > /dev/null
dll="$root/src/Flywheel.Cli/bin/ready/Flywheel.Cli.dll"   # what ./flywheel publishes (ReadyToRun) and runs
dotnet build "$here/Flywheel.Bench.Monitoring.csproj" -c Release --nologo -v quiet > /dev/null
driver="$here/bin/Release/net10.0/Flywheel.Bench.Monitoring.dll"

if [ ! -f "$work/data/captured.csv" ]; then
  echo "generating $train_rows training rows and $rows captured rows…" >&2
  /usr/bin/python3 "$here/generate.py" "$work/data" "$train_rows" "$rows"
fi
if [ ! -f "$work/peer/peer.json" ]; then
  echo "training the use case and writing the capture…" >&2
  rm -rf "$work/usecase" "$work/peer"
  cp -r "$here/usecase" "$work/usecase"
  mkdir -p "$work/usecase/data"
  cp "$work/data/train.csv" "$work/usecase/data/train.csv"
  dotnet "$dll" train "$work/usecase" > "$work/train.log"
  dotnet "$driver" prepare "$work/usecase" "$work/data/captured.csv" "$work/peer" "$per_request"
fi
du -sh "$work/usecase/.flywheel/artifacts/capture" | awk '{print "capture on disk: " $1}'

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
  local wall peak cpu
  wall=$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  peak=$(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}')
  cpu=$(grep -E '(User|System) time \(seconds\)' "$work/$name.time" | awk '{sum += $NF} END {print sum}')
  echo "$name $wall $peak $cpu"
}

if [ -n "${BASELINE:-}" ]; then
  # The checkout's ./flywheel output (ReadyToRun) when it has one, else its `dotnet build` output.
  baseline_dll="$BASELINE/src/Flywheel.Cli/bin/ready/Flywheel.Cli.dll"
  [ -f "$baseline_dll" ] || baseline_dll="$BASELINE/src/Flywheel.Cli/bin/Release/net10.0/Flywheel.Cli.dll"
  baseline=$(measure baseline dotnet "$baseline_dll" monitor "$work/usecase" --since "$since" --until "$until" --json)
fi
flywheel=$(measure flywheel dotnet "$dll" monitor "$work/usecase" --since "$since" --until "$until" --json)
pandas=$(measure pandas /usr/bin/python3 "$here/peer.py" "$work/peer")
agreement=$(/usr/bin/python3 "$here/agree.py" "$work/flywheel.out" "$work/pandas.out") || { echo "$agreement"; echo "flywheel and the peer disagree: the timings are not comparable" >&2; exit 1; }
profile=$(dotnet "$driver" profile "$work/usecase" 2>&1)
peer_steps=$(/usr/bin/python3 -c "import json,sys; [print(f'  {k:30} {v:7.3f} s') for k, v in json.load(open(sys.argv[1]))['steps'].items()]" "$work/pandas.out")

read -r _ fw_wall fw_peak fw_cpu <<< "$flywheel"
read -r _ pd_wall pd_peak pd_cpu <<< "$pandas"
row() { awk -v label="$1" -v wall="$2" -v peak="$3" -v cpu="$4" 'BEGIN { printf "| %-26s | %9.2f | %9.2f | %13.0f |\n", label, wall, cpu, peak / 1024 }'; }
table=$(
  printf "| %-26s | %9s | %9s | %13s |\n" "$rows rows x 20 features" "wall (s)" "CPU (s)" "peak RSS (MB)"
  printf "|%s|%s|%s|%s|\n" "----------------------------" "-----------" "-----------" "---------------"
  row "flywheel monitor" "$fw_wall" "$fw_peak" "$fw_cpu"
  if [ -n "${baseline:-}" ]; then
    read -r _ bl_wall bl_peak bl_cpu <<< "$baseline"
    row "baseline flywheel monitor" "$bl_wall" "$bl_peak" "$bl_cpu"
  fi
  row "pandas + scipy (peer.py)" "$pd_wall" "$pd_peak" "$pd_cpu"
)
ratios=$(awk -v fw="$fw_wall" -v pd="$pd_wall" -v fwm="$fw_peak" -v pdm="$pd_peak" -v fwc="$fw_cpu" -v pdc="$pd_cpu" 'BEGIN {
  printf "speed: flywheel is %.2fx faster than pandas + scipy (wall), %.2fx (CPU) (goal >= 5x)\nmemory: flywheel peaks at %.2fx the RSS of pandas + scipy (goal < 1x)\n", pd / fw, pdc / fwc, fwm / pdm
}')
report=$(cat <<MD
# Monitoring benchmark

$(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)).
Command: \`bench/monitoring/run.sh $rows\` ($train_rows training rows, $per_request rows per captured request).

$table

$ratios

Agreement (agree.py):
\`\`\`
$agreement
\`\`\`

Where the time goes — flywheel (the engine's steps, timed by the driver after the measurement):
\`\`\`
$profile
\`\`\`
pandas + scipy (peer.py's own clock):
\`\`\`
$peer_steps
\`\`\`
MD
)
echo "$report"
echo "$report" > "$out/results.md"
echo "written: $out/results.md" >&2
