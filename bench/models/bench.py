"""Flywheel's search vs XGBoost and RandomForest defaults on the same splits, and batch prediction throughput of
`flywheel predict` vs a plain PredictionEngine loop. Run through bench/models/run.sh (it builds first).

For every dataset: a temporary use case under bench/out/models/<name>/ (flywheel.yaml + a copy of the data),
`flywheel data split` writes the row -> split assignment, `flywheel train --budget B --json` trains and tests,
the peers train on the same train + validation rows and are scored on the same test rows. Flywheel's test metric is
taken from its own report and recomputed with scikit-learn from `flywheel predict` on the test rows.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

# Flywheel and the baseline run in the environment as given; only the peers get a passive OpenMP wait policy.
# With the default (spinning) policy, XGBoost's 2 threads on a loaded 2-core machine took 28 s instead of 2.6 s
# to fit mlc_churn: each tree level ends in a barrier where a spinning thread starves the one it waits for.
CALLER_ENVIRONMENT = dict(os.environ)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score

import peers

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "bench" / "out" / "models"
FLYWHEEL = REPO / "flywheel"
BASELINE = REPO / "bench/models/bin/Release/net10.0/Flywheel.Bench.Models.dll"

# name, file, target, task, positive class, Flywheel's name of the test metric
DATASETS = [
    ("mlc_churn", "mlc_churn.csv", "churn", "binary", "yes", "auc"),
    ("wa_churn", "wa_churn.csv", "churn", "binary", "Yes", "auc"),
    ("credit_data", "credit_data.csv", "Status", "binary", "bad", "auc"),
    ("ames", "ames.csv", "Sale_Price", "regression", None, "rmse"),
    ("penguins", "penguins.csv", "species", "multiclass", None, "accuracy"),
]
HIGHER_IS_BETTER = {"auc": True, "accuracy": True, "rmse": False}


def find_data(file, datasets_dir):
    """A sample's copy when there is one (samples/*/data/FILE), else the shared datasets folder."""
    for copy in sorted(REPO.glob(f"samples/*/data/{file}")):
        return copy
    path = Path(datasets_dir) / file
    if not path.exists():
        raise SystemExit(f"{file}: not in samples/*/data/ nor in {datasets_dir}; pass --datasets DIR")
    return path


def shared_datasets():
    # ../shared/datasets from the main checkout; a git worktree sits one or two levels deeper.
    for parent in REPO.parents:
        if (parent / "shared" / "datasets").is_dir():
            return str(parent / "shared" / "datasets")
    return str(REPO.parent / "shared" / "datasets")


def flywheel(*args, parse_json=True):
    start = time.perf_counter()
    done = subprocess.run([str(FLYWHEEL), *map(str, args)], capture_output=True, text=True, env=CALLER_ENVIRONMENT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"flywheel {' '.join(map(str, args))} failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    return (json.loads(done.stdout) if parse_json else done.stdout), seconds


def make_use_case(name, source, target, positive, seed):
    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    shutil.copy(source, folder / "data" / source.name)
    lines = [f"name: bench-{name}", "statement: Benchmark of the model search against default peers.", "owner: bench",
             "data:", f"  source: data/{source.name}", f"  target: {target}"]
    if positive is not None:
        lines.append(f'  positive: "{positive}"')
    lines += ["  split:", f"    seed: {seed}"]
    (folder / "flywheel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_rows_csv(folder, source, assignment, target):
    """The raw test rows (target present), for recomputing Flywheel's metric from `flywheel predict`."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    split = pd.read_csv(assignment)["split"].to_numpy()
    test = frame[(split == "test") & ~frame[target].isin(["", "NA", "NaN", "null"]).to_numpy()]
    path = folder / "test_rows.csv"
    test.to_csv(path, index=False, quoting=csv.QUOTE_NONNUMERIC)
    return path


def recomputed_metric(task, predictions_path, target, positive):
    scored = pd.read_csv(predictions_path, dtype={target: str, "label": str})
    if task == "binary":
        return roc_auc_score(scored[target] == positive, scored["score"])
    if task == "multiclass":
        return accuracy_score(scored[target], scored["label"])
    return mean_squared_error(scored[target].astype(float), scored["score"]) ** 0.5


def package_of(folder):
    """The package `flywheel train` just wrote: the use case folder is fresh, so its store holds exactly one."""
    packages = [p for p in (folder / ".flywheel" / "artifacts").iterdir() if p.is_dir() and not p.name.startswith(".")]
    if len(packages) != 1:
        raise SystemExit(f"{folder}: expected one model package in .flywheel/artifacts, found {len(packages)}")
    return packages[0]


def bench_dataset(spec, args):
    name, file, target, task, positive, metric = spec
    source = find_data(file, args.datasets)
    folder = make_use_case(name, source, target, positive, args.seed)
    assignment = folder / "assignment.csv"
    split, _ = flywheel("data", "split", folder, "-o", assignment, "--json")
    print(f"[{name}] split {split['fingerprint'][:12]}: " + ", ".join(f"{s['split']} {s['rows']}" for s in split["splits"]), flush=True)

    fixed = ["--max-trials", args.max_trials] if args.max_trials else []
    trained, train_seconds = flywheel("train", folder, "--budget", args.budget, "--seed", args.seed, *fixed, "--json")
    package = package_of(folder)
    record = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["metrics"]["training"]
    if record["splitFingerprint"] != split["fingerprint"]:
        raise SystemExit(f"[{name}] flywheel train used split {record['splitFingerprint']}, not the assignment's {split['fingerprint']}")
    ours = trained["metrics"][metric]

    test_csv = test_rows_csv(folder, source, assignment, target)
    flywheel("predict", package, test_csv, "-o", folder / "test_predictions.csv", parse_json=False)
    recomputed = recomputed_metric(task, folder / "test_predictions.csv", target, positive)
    print(f"[{name}] flywheel {trained['trainer']} ({trained['trials']} trials, {train_seconds:.0f}s): {metric} {ours:.4f} "
          f"(scikit-learn on its predictions: {recomputed:.4f})", flush=True)

    peer_results, fit_rows, test_rows = peers.run(folder / "data" / file, assignment, target, task, positive, args.seed)
    if test_rows != record["rows"]["test"] or fit_rows != record["rows"]["train"] + record["rows"]["validation"]:
        raise SystemExit(f"[{name}] peers see {fit_rows} fit / {test_rows} test rows, flywheel {record['rows']}")
    for peer, (value, seconds) in peer_results.items():
        print(f"[{name}] {peer}: {metric} {value:.4f} ({seconds:.1f}s)", flush=True)
    return {
        "dataset": name, "task": task, "metric": metric, "rows": split["rows"], "fit_rows": fit_rows, "test_rows": test_rows,
        "flywheel": ours, "flywheel_recomputed": recomputed, "flywheel_seconds": train_seconds,
        "flywheel_trainer": trained["trainer"], "flywheel_trials": trained["trials"],
        "peers": {peer: {"metric": v, "seconds": s} for peer, (v, s) in peer_results.items()},
        "package": str(package),
    }


def big_csv(source, rows, path):
    """SOURCE's data rows repeated until ROWS rows (the header once)."""
    with open(source, encoding="utf-8") as f:
        header, *lines = [line.rstrip("\n") for line in f if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        out.write(header + "\n")
        for i in range(rows):
            out.write(lines[i % len(lines)] + "\n")


def timed_process(command):
    """Runs COMMAND; returns its stdout, wall seconds and CPU seconds (user + system, all its threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=CALLER_ENVIRONMENT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    return done.stdout, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_throughput(churn, args):
    """`flywheel predict` vs a PredictionEngine loop on the mlc_churn package, on ROWS rows, each run REPEAT times
    in a fresh process, alternating; the medians are reported (the machine is shared, single runs are noisy)."""
    package = Path(churn["package"])
    data = OUT / f"throughput_{args.rows}.csv"
    big_csv(OUT / "mlc_churn" / "data" / "mlc_churn.csv", args.rows, data)
    ours_runs, engine_runs = [], []
    for _ in range(args.repeat):
        text, wall, cpu = timed_process([str(FLYWHEEL), "predict", str(package), str(data), "-o", str(OUT / "throughput.flywheel.csv")])
        found = re.search(r"([\d,]+) rows scored in ([\d.]+)s", " ".join(text.split()))
        if not found:
            raise SystemExit(f"cannot read the rows/s of flywheel predict from: {text}")
        ours_runs.append((int(found.group(1).replace(",", "")), float(found.group(2)), wall, cpu))
        text, wall, cpu = timed_process(["dotnet", str(BASELINE), str(package), str(data), str(OUT / "throughput.engine.csv")])
        engine = json.loads(text)
        engine_runs.append((engine["rows"], engine["seconds"], wall, cpu))
    if {r[0] for r in ours_runs} != {r[0] for r in engine_runs}:
        raise SystemExit(f"flywheel predict scored {ours_runs[0][0]} rows, the PredictionEngine loop {engine_runs[0][0]}")
    agreement = max_score_difference(OUT / "throughput.flywheel.csv", OUT / "throughput.engine.csv")
    median = lambda runs, i: float(np.median([r[i] for r in runs]))
    result = {
        "rows": ours_runs[0][0], "repeat": args.repeat,
        "flywheel_seconds": median(ours_runs, 1), "flywheel_wall": median(ours_runs, 2), "flywheel_cpu": median(ours_runs, 3),
        "engine_seconds": median(engine_runs, 1), "engine_wall": median(engine_runs, 2), "engine_cpu": median(engine_runs, 3),
        "flywheel_runs": ours_runs, "engine_runs": engine_runs, "max_score_difference": agreement,
    }
    print(f"[throughput] flywheel predict {result['rows'] / result['flywheel_seconds']:,.0f} rows/s, PredictionEngine loop "
          f"{result['rows'] / result['engine_seconds']:,.0f} rows/s (medians of {args.repeat}); max |score difference| {agreement:.2g}", flush=True)
    return result


def max_score_difference(ours, engine, sample=50000):
    a = pd.read_csv(ours, usecols=["score"], nrows=sample)["score"].to_numpy()
    b = pd.read_csv(engine, usecols=["score"], nrows=sample)["score"].to_numpy()
    return float(np.max(np.abs(a - b)))


def fmt(metric, value):
    return f"{value:,.0f}" if metric == "rmse" else f"{value:.4f}"


def results_markdown(results, throughput, args):
    lines = [
        f"Run started {args.started:%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} cores), Flywheel budget {args.budget}, seed {args.seed}.",
        "",
        "| dataset | task | metric | test rows | Flywheel | XGBoost | RandomForest | Flywheel / best peer (✓ = equal or better) | Flywheel s | XGBoost s | RandomForest s | Flywheel's model |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        metric, peers_ = r["metric"], r["peers"]
        higher = HIGHER_IS_BETTER[metric]
        best = (max if higher else min)(p["metric"] for p in peers_.values())
        ratio = r["flywheel"] / best  # > 1 is better for AUC and accuracy, worse for RMSE
        verdict = "✓" if (r["flywheel"] >= best if higher else r["flywheel"] <= best) else "✗"
        lines.append(
            f"| {r['dataset']} | {r['task']} | {metric} {'↑' if higher else '↓'} | {r['test_rows']} | {fmt(metric, r['flywheel'])} | "
            f"{fmt(metric, peers_['xgboost']['metric'])} | {fmt(metric, peers_['random_forest']['metric'])} | {ratio:.4f} {verdict} | "
            f"{r['flywheel_seconds']:.0f} | {peers_['xgboost']['seconds']:.1f} | {peers_['random_forest']['seconds']:.1f} | "
            f"{r['flywheel_trainer']}, {r['flywheel_trials']} trials |")
    lines += ["", "Flywheel's figures recomputed by scikit-learn from `flywheel predict` on the test rows: " +
              ", ".join(f"{r['dataset']} {fmt(r['metric'], r['flywheel_recomputed'])}" for r in results) + "."]
    if throughput:
        t = throughput
        ours, engine = t["rows"] / t["flywheel_seconds"], t["rows"] / t["engine_seconds"]
        lines += [
            "",
            f"| batch prediction, {t['rows']:,} mlc_churn rows (median of {t['repeat']} fresh processes) | rows/s (scoring) | s (scoring) | s (process wall) | s (process CPU) |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| `flywheel predict` | {ours:,.0f} | {t['flywheel_seconds']:.2f} | {t['flywheel_wall']:.2f} | {t['flywheel_cpu']:.2f} |",
            f"| PredictionEngine loop | {engine:,.0f} | {t['engine_seconds']:.2f} | {t['engine_wall']:.2f} | {t['engine_cpu']:.2f} |",
            f"| ratio flywheel / engine (higher is better for flywheel) | {ours / engine:.2f}× | | {t['engine_wall'] / t['flywheel_wall']:.2f}× | {t['engine_cpu'] / t['flywheel_cpu']:.2f}× |",
            "",
            f"Scores agree: max |difference| {t['max_score_difference']:.2g} over the first 50,000 rows.",
        ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--budget", default="60s")
    parser.add_argument("--seed", type=int, default=1729)
    parser.add_argument("--max-trials", type=int, help="a fixed number of trials (with a budget long enough for them): results independent of machine load")
    parser.add_argument("--rows", type=int, default=500_000, help="rows of the throughput CSV")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side of the throughput benchmark")
    parser.add_argument("--datasets", default=shared_datasets(), help="folder of the shared datasets (default: the nearest shared/datasets above the repo)")
    parser.add_argument("--only", help="comma-separated dataset names")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    args.started = datetime.datetime.now(datetime.timezone.utc)

    OUT.mkdir(parents=True, exist_ok=True)
    chosen = [d for d in DATASETS if not args.only or d[0] in args.only.split(",")]
    results = [bench_dataset(spec, args) for spec in chosen]
    churn = next((r for r in results if r["dataset"] == "mlc_churn"), None)
    throughput = None if args.skip_throughput or churn is None else bench_throughput(churn, args)
    (OUT / "results.json").write_text(json.dumps({"results": results, "throughput": throughput}, indent=2), encoding="utf-8")
    table = results_markdown(results, throughput, args)
    (REPO / "bench" / "out" / "results.md").write_text(table, encoding="utf-8")
    print()
    print(table)


if __name__ == "__main__":
    sys.exit(main())
