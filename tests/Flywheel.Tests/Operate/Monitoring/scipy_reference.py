#!/usr/bin/python3
"""scipy's (and Evidently's, written out with scipy/numpy) answers for the drift tests' fixed vectors.

Reads {"cases": [{"name", "test", ...}]} as JSON on stdin and prints {"<name>": {"statistic", "pvalue"}} as JSON.
Run with the system python (Debian python3-scipy): /usr/bin/python3 scipy_reference.py < cases.json
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def binned(reference, current, numeric, fill):
    # Evidently's get_binned_data.
    reference, current = pd.Series(reference).dropna(), pd.Series(current).dropna()
    if numeric and reference.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([reference, current], axis=0).values, bins="sturges")
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        keys = list(set(reference.unique()) | set(current.unique()))
        ref_counts, cur_counts = reference.value_counts(), current.value_counts()
        ref = np.array([ref_counts.get(key, 0) / len(reference) for key in keys])
        cur = np.array([cur_counts.get(key, 0) / len(current) for key in keys])
    if fill:
        for shares in (ref, cur):
            low = min(shares[shares != 0])
            np.place(shares, shares == 0, low / 10**6 if low <= 0.0001 else 0.0001)
    return ref, cur


def run(case):
    test, a, b = case["test"], case.get("a"), case.get("b")
    if test == "ks":
        result = stats.ks_2samp(a, b)
        return result.statistic, result.pvalue
    if test == "kstwo":
        return None, [float(stats.kstwo.sf(x, n)) for n, x in zip(case["n"], case["x"])]
    if test == "smirnov":
        from scipy import special
        return None, [float(special.smirnov(n, x)) for n, x in zip(case["n"], case["x"])]
    if test == "chisquare":
        # Evidently's chi_stat_test.
        ref, cur = pd.Series(a), pd.Series(b)
        keys = list(set(ref.unique()) | set(cur.unique()))
        k = len(cur) / len(ref)
        f_exp = [ref.value_counts().get(key, 0) * k for key in keys]
        f_obs = [cur.value_counts().get(key, 0) for key in keys]
        result = stats.chisquare(f_obs, f_exp)
        return result.statistic, result.pvalue
    if test == "z":
        # Evidently's proportions_diff_z_test on "is not the smallest value".
        ref, cur = pd.Series(a), pd.Series(b)
        first = sorted(set(ref.unique()) | set(cur.unique()))[0]
        r, c = (ref != first).astype(float), (cur != first).astype(float)
        n1, n2 = len(r), len(c)
        p1, p2 = r.sum() / n1, c.sum() / n2
        pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
        return z, 2 * (1 - stats.norm.cdf(np.abs(z)))
    if test == "wasserstein":
        return stats.wasserstein_distance(a, b), None
    if test == "wasserstein_normed":
        return stats.wasserstein_distance(a, b) / max(np.std(a), 0.001), None
    if test == "jensenshannon":
        ref, cur = binned(a, b, case["numeric"], False)
        return distance.jensenshannon(ref, cur, 2), None
    if test == "psi":
        ref, cur = binned(a, b, case["numeric"], True)
        return float(np.sum((ref - cur) * np.log(ref / cur))), None
    raise ValueError(f"unknown test {test}")


def main():
    cases = json.load(sys.stdin)["cases"]
    out = {}
    for case in cases:
        statistic, pvalue = run(case)
        out[case["name"]] = {
            "statistic": None if statistic is None else float(statistic),
            "pvalue": None if pvalue is None else (pvalue if isinstance(pvalue, list) else float(pvalue)),
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
