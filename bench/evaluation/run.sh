#!/usr/bin/env bash
# Side-by-side: Flywheel's evaluation metrics vs scikit-learn on the same 1M rows. Run by hand, never in CI.
# Needs: apt-get install -y python3-sklearn
set -euo pipefail
cd "$(dirname "$0")"
rows="${1:-1000000}"
data=/tmp/flywheel-bench-evaluation.csv
ours=/tmp/flywheel-bench-evaluation.flywheel.tsv
peer=/tmp/flywheel-bench-evaluation.sklearn.tsv
dotnet run -c Release --project Flywheel.Bench.Evaluation.csproj -- "$rows" "$data" "$ours" > /dev/null
/usr/bin/python3 peer.py "$data" "$peer"
python3 - "$ours" "$peer" <<'PY'
import sys
def read(path):
    lines = open(path).read().split("\n")[1:]
    return {l.split("\t")[0]: l.split("\t")[1:] for l in lines if l}
ours, peer = read(sys.argv[1]), read(sys.argv[2])
print(f"{'operation':32} {'flywheel s':>10} {'sklearn s':>10} {'|difference| of values':>24}")
for name in ours:
    a, b = float(ours[name][1]), float(peer[name][1])
    print(f"{name:32} {float(ours[name][0]):10.4f} {float(peer[name][0]):10.4f} {abs(a - b):24.3g}")
PY
