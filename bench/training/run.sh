#!/usr/bin/env bash
# Training benchmark, run by hand (never in CI): Flywheel's search (60 s budget) against XGBoost defaults and
# scikit-learn's RandomForest on the same splits, plus batch prediction throughput. Needs /work/shared/datasets
# (or DATASETS=...) and python3-xgboost python3-sklearn python3-pandas.
set -euo pipefail
export OMP_WAIT_POLICY=PASSIVE   # XGBoost spins its OpenMP threads otherwise, which is slow on a shared machine
cd "$(dirname "$0")/../.."
DATASETS=${DATASETS:-/work/shared/datasets}
BUDGET=${BUDGET:-60s}
OUT=bench/out/training
rm -rf "$OUT" && mkdir -p "$OUT"
dotnet build src/Flywheel.Cli -c Release -v quiet -nologo >/dev/null
FLYWHEEL="dotnet src/Flywheel.Cli/bin/Release/net10.0/Flywheel.Cli.dll"

# name file target task positive
CASES=(
  "mlc_churn mlc_churn.csv churn binary yes"
  "wa_churn wa_churn.csv churn binary Yes"
  "credit_data credit_data.csv Status binary bad"
  "ames ames.csv Sale_Price regression -"
  "penguins penguins.csv species multiclass -"
)
for line in "${CASES[@]}"; do
  read -r name file target task positive <<<"$line"
  dir="$OUT/$name"; mkdir -p "$dir"
  cp "$DATASETS/$file" "$dir/data.csv"
  {
    echo "name: $name"
    echo "statement: benchmark"
    echo "data:"
    echo "  source: data.csv"
    echo "  target: $target"
    [ "$positive" != "-" ] && echo "  positive: \"$positive\""
    echo "training:"
    echo "  budget: $BUDGET"
  } > "$dir/flywheel.yaml"
  $FLYWHEEL data split "$dir" -o "$dir/split.csv" >/dev/null
  start=$(date +%s.%N)
  $FLYWHEEL train "$dir" --json > "$dir/flywheel.json"
  end=$(date +%s.%N)
  /usr/bin/python3 - "$dir/flywheel.json" "$name" "$start" "$end" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1])); m = doc["metrics"]
keys = {"binary": ["auc"], "multiclass": ["accuracy"], "regression": ["rmse", "r2"]}[doc["task"]]
print(json.dumps({"dataset": sys.argv[2], "peer": f"flywheel ({doc['trainer']}, {doc['trials']} trials)",
                  "seconds": float(sys.argv[4]) - float(sys.argv[3]), **{k: m[k] for k in keys}}))
PY
  /usr/bin/python3 bench/training/peers.py --data "$dir/data.csv" --split "$dir/split.csv" --target "$target" --task "$task" --positive "$positive" \
    | sed "s/^{/{\"dataset\": \"$name\", /"
done | tee "$OUT/results.jsonl"

# Batch prediction throughput: predict on the churn file repeated to 100,000 rows, against a PredictionEngine loop.
big="$OUT/mlc_churn/big.csv"
head -1 "$OUT/mlc_churn/data.csv" > "$big"
for i in $(seq 20); do tail -n +2 "$OUT/mlc_churn/data.csv" >> "$big"; done
$FLYWHEEL predict "$OUT/mlc_churn" "$big" -o "$OUT/mlc_churn/big-scored.csv" | tee "$OUT/predict.txt"
dotnet run -c Release --project bench/training/Throughput -- "$OUT/mlc_churn" "$big" | tee -a "$OUT/predict.txt"
