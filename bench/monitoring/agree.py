"""Checks that `flywheel monitor --json` and peer.py computed the same things: per column the same method, statistic,
p-value, PSI and verdict (to 1e-6, relative for large values), the same data-quality and drift violations, the same
dataset-drift share and the same window rows. Prints the comparison; exits 1 when they disagree.

Usage: /usr/bin/python3 agree.py FLYWHEEL_JSON PEER_JSON
"""
import json
import sys

TOLERANCE = 1e-6
# What the monitoring job computes beyond the peer (no ground truth in the benchmark, so no quality or value checks).
FLYWHEEL_ONLY = {"feature_attribution_drift_check", "bias_drift_check", "model_quality_check", "realized_value_check"}


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def main():
    flywheel, peer = (json.load(open(path)) for path in sys.argv[1:3])
    problems, worst = [], 0.0
    if flywheel["window"]["rows"] != peer["window"]["rows"]:
        problems.append(f"rows: flywheel {flywheel['window']['rows']}, peer {peer['window']['rows']}")
    theirs = {d["feature"]: d for d in peer["drift"]}
    if set(theirs) != {d["feature"] for d in flywheel["drift"]}:
        problems.append(f"columns: flywheel {sorted(d['feature'] for d in flywheel['drift'])}, peer {sorted(theirs)}")
    print(f"{'column':20} {'method':14} {'flywheel':>12} {'peer':>12} {'PSI flywheel':>13} {'PSI peer':>10}  drifted")
    for ours in flywheel["drift"]:
        other = theirs.get(ours["feature"])
        if other is None:
            continue
        print(f"{ours['feature']:20} {ours['method']:14} {ours['statistic']:12.6g} {other['statistic']:12.6g} {ours['psi']:13.6g} {other['psi']:10.6g}  {ours['drifted']}/{other['drifted']}")
        for field in ("statistic", "pValue", "psi"):
            if not close(ours[field], other[field]):
                problems.append(f"{ours['feature']}.{field}: flywheel {ours[field]!r}, peer {other[field]!r}")
            elif ours[field] is not None:
                worst = max(worst, abs(ours[field] - other[field]) / max(1.0, abs(ours[field])))
        for field in ("method", "drifted", "referenceRows", "currentRows"):
            if ours[field] != other[field]:
                problems.append(f"{ours['feature']}.{field}: flywheel {ours[field]!r}, peer {other[field]!r}")
    ours_v = sorted((v["feature"] or "", v["check"]) for v in flywheel["violations"] if v["check"] not in FLYWHEEL_ONLY)
    peer_v = sorted((v["feature"] or "", v["check"]) for v in peer["violations"])
    if ours_v != peer_v:
        problems.append(f"violations: flywheel {ours_v}, peer {peer_v}")
    if not close(flywheel["datasetDrift"]["share"], peer["datasetDrift"]["share"]) or flywheel["datasetDrift"]["drifted"] != peer["datasetDrift"]["drifted"]:
        problems.append(f"dataset drift: flywheel {flywheel['datasetDrift']}, peer {peer['datasetDrift']}")
    print("violations (both): " + ", ".join(f"{f or '-'}:{c}" for f, c in ours_v))
    extra = sorted((v["feature"] or "-") + ":" + v["check"] for v in flywheel["violations"] if v["check"] in FLYWHEEL_ONLY)
    if extra:
        print("violations only flywheel computes: " + ", ".join(extra))
    print(f"dataset drift: share {flywheel['datasetDrift']['share']:.3f} (peer {peer['datasetDrift']['share']:.3f}), drifted {flywheel['datasetDrift']['drifted']}")
    if problems:
        print("DISAGREE:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"AGREE: {len(flywheel['drift'])} columns, {len(ours_v)} violations, largest relative difference {worst:.2g}")


if __name__ == "__main__":
    main()
