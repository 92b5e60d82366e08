"""The pandas + scipy side of bench/monitoring/run.sh: the monitoring job's data-quality checks and drift tests, on the
same capture files the server wrote (Model Monitor's JSON Lines records, read here with json + pandas.read_csv of the
CSV request bodies) against the same baseline (the package's constraints and test-split predictions as they are; its
reference sample from the CSV copy the driver wrote, as this Python has no Parquet reader).

Per feature: the method Evidently's defaults choose (what Flywheel implements, ../shared/OPERATE.md §5) — reference
<= 1,000 rows: KS (scipy.stats.ks_2samp) or chi-square (scipy.stats.chisquare); larger: Wasserstein normed by the
reference's std (scipy.stats.wasserstein_distance) or Jensen-Shannon base 2 (scipy.spatial.distance.jensenshannon);
PSI beside it on Evidently's bins. Then Model Monitor's data-quality checks (data type, completeness, categorical
values) and the dataset-drift share. Prints one JSON document with the same names as `flywheel monitor --json`.

Usage: /usr/bin/python3 peer.py PEER_DIR        (PEER_DIR holds peer.json, constraints.json, predictions.json, reference.csv)
"""
import glob
import io
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

SMALL_REFERENCE = 1000
PER_VALUE_LIMIT = 20
steps = {}


def step(name, started):
    steps[name] = round(time.perf_counter() - started, 3)
    return time.perf_counter()


def capture_files(folder, since, until):
    """The .jsonl files of every variant whose hour folder lies in [since, until), as CapturePaths.FilesBetween."""
    files = []
    for hour_folder in glob.glob(os.path.join(folder, "*", "*", "*", "*", "*")):
        year, month, day, hour = hour_folder.split(os.sep)[-4:]
        at = datetime(int(year), int(month), int(day), int(hour), tzinfo=timezone.utc)
        if since.replace(minute=0, second=0, microsecond=0) <= at < until:
            files.extend(glob.glob(os.path.join(hour_folder, "*.jsonl")))
    return sorted(files)


def read_window(peer, inputs):
    since, until = datetime.fromisoformat(peer["from"]), datetime.fromisoformat(peer["to"])
    bodies, scores, requests = [], [], 0
    for path in capture_files(peer["capture"], since, until):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                at = datetime.fromisoformat(record["eventMetadata"]["inferenceTime"].replace("Z", "+00:00"))
                if not since <= at < until or record["flywheel"].get("shadow"):
                    continue
                data = record["captureData"]
                if data["endpointInput"]["encoding"] != "CSV":
                    raise SystemExit(f"{path}: the peer reads CSV requests only, not {data['endpointInput']['encoding']}")
                requests += 1
                body = data["endpointInput"]["data"]
                bodies.append(body if body.endswith("\n") else body + "\n")
                scores.extend(p["score"] for p in json.loads(data["endpointOutput"]["data"])["predictions"])
    names = [i["name"] for i in inputs]
    texts = {i["name"]: str for i in inputs if not i["numeric"]}
    frame = pd.read_csv(io.StringIO("".join(bodies)), header=None, names=names, dtype=texts, keep_default_na=False, na_values=[""])
    return frame, np.asarray(scores, dtype=float), requests


def numeric_with_errors(column):
    """The column as numbers and how many present values were not numbers (a read_csv object column)."""
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float), 0
    numbers = pd.to_numeric(column, errors="coerce")
    return numbers, int((numbers.isna() & column.notna()).sum())


def shares(counts, keys, rows):
    return np.array([counts.get(k, 0) for k in keys], dtype=float) / rows


def value_keys(reference, current):
    """The union of values, reference's first (the order Flywheel's CategoryTable lists them in; JS and PSI do not depend on it)."""
    ref_counts, cur_counts = reference.value_counts(), current.value_counts()
    keys = list(ref_counts.index) + [k for k in cur_counts.index if k not in ref_counts.index]
    return keys, ref_counts.to_dict(), cur_counts.to_dict()


def fill_zeroes(percents):
    """Evidently's feel_zeroes."""
    nonzero = percents[percents != 0]
    if nonzero.size:
        smallest = nonzero.min()
        np.place(percents, percents == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return percents


def psi(reference, current, numeric):
    if numeric and reference.nunique() > PER_VALUE_LIMIT:
        edges = np.histogram_bin_edges(np.concatenate([reference.to_numpy(), current.to_numpy()]), bins="sturges")
        ref = np.histogram(reference, edges)[0] / len(reference)
        cur = np.histogram(current, edges)[0] / len(current)
    else:
        keys, ref_counts, cur_counts = value_keys(reference, current)
        ref, cur = shares(ref_counts, keys, len(reference)), shares(cur_counts, keys, len(current))
    ref, cur = fill_zeroes(ref), fill_zeroes(cur)
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def drift(feature, kind, reference, current, numeric, thresholds):
    reference, current = reference.dropna(), current.dropna()
    unique = reference.nunique()
    if len(reference) <= SMALL_REFERENCE:
        method = "ks" if numeric and unique > 5 else "chisquare" if unique > 2 else "z"
    else:
        method = "wasserstein" if numeric and unique > 5 else "jensenshannon"
    p_value = None
    if method == "ks":
        statistic, p_value = stats.ks_2samp(reference, current)
    elif method == "chisquare":
        keys, ref_counts, cur_counts = value_keys(reference, current)
        expected = np.array([ref_counts.get(k, 0) for k in keys], dtype=float) * (len(current) / len(reference))
        statistic, p_value = stats.chisquare(np.array([cur_counts.get(k, 0) for k in keys], dtype=float), expected)
    elif method == "wasserstein":
        statistic = stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)
    elif method == "jensenshannon":
        keys, ref_counts, cur_counts = value_keys(reference, current)
        statistic = distance.jensenshannon(shares(ref_counts, keys, len(reference)), shares(cur_counts, keys, len(current)), base=2)
    else:
        raise SystemExit(f"{feature}: the peer does not implement Evidently's {method} test (the benchmark's data never needs it)")
    if p_value is None:
        threshold = thresholds["wasserstein" if method == "wasserstein" else "jensen_shannon"]
        drifted = bool(statistic >= threshold)
    else:
        threshold = thresholds["p_value"]
        drifted = bool(p_value < threshold)
    return {"feature": feature, "kind": kind, "method": method, "statistic": float(statistic), "pValue": None if p_value is None else float(p_value),
            "threshold": threshold, "drifted": drifted, "psi": psi(reference, current, numeric),
            "referenceRows": len(reference), "currentRows": len(current)}


def quality(frame, inputs, constraints, thresholds):
    violations, rows = [], len(frame)
    for spec in inputs:
        name, column = spec["name"], frame[spec["name"]]
        errors = 0
        if spec["numeric"]:
            column, errors = numeric_with_errors(column)
            present = int(column.notna().sum()) + errors
            if errors and errors / present > thresholds["datatype_check_threshold"]:
                violations.append({"feature": name, "check": "data_type_check"})
        constraint = constraints.get(name)
        if constraint is None:
            continue
        completeness = column.notna().sum() / rows
        if completeness < constraint["completeness"] - thresholds["completeness_threshold"]:
            violations.append({"feature": name, "check": "completeness_check"})
        domain = constraint.get("string_constraints", {}).get("domains")
        if domain is not None and not spec["numeric"]:
            seen = column.dropna()
            outside = (~seen.isin(domain)).sum()
            if len(seen) and outside / len(seen) > thresholds["domain_content_threshold"]:
                violations.append({"feature": name, "check": "categorical_values_check"})
    return violations


def main():
    folder = sys.argv[1]
    started = total = time.perf_counter()
    with open(os.path.join(folder, "peer.json")) as f:
        peer = json.load(f)
    inputs, thresholds = peer["inputs"], peer["thresholds"]
    with open(os.path.join(folder, "constraints.json")) as f:
        constraints = {c["name"]: c for c in json.load(f)["features"]}
    with open(os.path.join(folder, "predictions.json")) as f:
        reference_scores = pd.Series(json.load(f)["scores"], dtype=float)
    texts = {i["name"]: str for i in inputs if not i["numeric"]}
    reference = pd.read_csv(os.path.join(folder, "reference.csv"), dtype=texts, keep_default_na=False, na_values=[""])
    started = step("read baseline", started)
    window, scores, requests = read_window(peer, inputs)
    started = step("read capture (json + read_csv)", started)

    violations = quality(window, inputs, constraints, thresholds)
    started = step("data-quality checks", started)
    results = []
    for spec in inputs:
        name = spec["name"]
        current = numeric_with_errors(window[name])[0] if spec["numeric"] else window[name]
        if name in reference and current.notna().any() and reference[name].notna().any():
            results.append(drift(name, "numeric" if spec["numeric"] else "categorical", reference[name], current, spec["numeric"], thresholds))
    results.append(drift("prediction", "prediction", reference_scores, pd.Series(scores), True, thresholds))
    started = step("drift (all columns)", started)

    violations += [{"feature": d["feature"], "check": "baseline_drift_check"} for d in results if d["drifted"]]
    counted = [d for d in results if d["kind"] != "prediction"]
    share = sum(d["drifted"] for d in counted) / len(counted) if counted else 0.0
    dataset = {"share": share, "threshold": thresholds["drift_share"], "drifted": bool(counted) and share >= thresholds["drift_share"],
               "driftedColumns": sum(d["drifted"] for d in counted), "columns": len(counted)}
    if dataset["drifted"]:
        violations.append({"feature": None, "check": "dataset_drift_check"})
    steps["in all"] = round(time.perf_counter() - total, 3)
    json.dump({"source": "the capture's .jsonl records (json.loads per record, pandas.read_csv over the CSV request bodies)",
               "window": {"from": peer["from"], "to": peer["to"], "rows": len(window), "requests": requests},
               "violations": violations, "drift": results, "datasetDrift": dataset, "steps": steps}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
