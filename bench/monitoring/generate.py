"""Data of the monitoring benchmark (bench/monitoring/run.sh), seeded: a labelled training table and a captured window.

20 features like a subscription product's: 14 numeric (money, durations, counts, ratios; two with a few per cent
missing) and 6 categorical with 3 to 30 levels. `train.csv` holds the use case's training rows (with the target
`churn`); `captured.csv` the rows the endpoint will be sent, without the target, where 6 features drift: a shift
(monthly_charges, tenure_months), a scale change (data_gb), a shift of a skewed feature (support_minutes), a mix
change (plan) and a mix change with a level the training data never had (channel). session_minutes also loses
completeness (15 % missing instead of 2 %) without drifting in value.

Usage: /usr/bin/python3 generate.py OUT_DIR [TRAIN_ROWS] [CAPTURED_ROWS]
"""
import os
import sys

import numpy as np
import pandas as pd

PLANS = ["basic", "standard", "plus", "premium"]
REGIONS = [f"region-{i:02d}" for i in range(1, 31)]
CHANNELS = ["web", "store", "phone", "partner", "app"]
DEVICES = ["android", "ios", "desktop"]
PAYMENTS = ["card", "transfer", "invoice", "wallet", "cash", "points", "carrier"]
SEGMENTS = [f"segment-{c}" for c in "ABCDEFGHIJKL"]


def features(rng: np.random.Generator, n: int, drifted: bool) -> pd.DataFrame:
    def choice(levels, weights):
        weights = np.asarray(weights, dtype=float)
        return rng.choice(levels, size=n, p=weights / weights.sum())

    frame = pd.DataFrame({
        "age": np.clip(rng.normal(41, 12, n), 18, 90).round(0),
        "tenure_months": np.clip(rng.exponential(30, n) + (8 if drifted else 0), 0, 240).round(1),
        "monthly_charges": (rng.normal(62 + (9 if drifted else 0), 18, n)).round(2),
        "total_charges": rng.gamma(2.0, 900, n).round(2),
        "data_gb": (rng.lognormal(2.2, 0.6, n) * (1.6 if drifted else 1.0)).round(3),
        "support_minutes": (rng.gamma(1.5, 12, n) + (6 if drifted else 0)).round(1),
        "session_minutes": rng.normal(35, 9, n).round(1),
        "logins_per_week": rng.poisson(6, n).astype(float),
        "devices": rng.poisson(2.2, n).astype(float) + 1,
        "discount_rate": rng.beta(2, 8, n).round(4),
        "late_payments": rng.poisson(0.8, n).astype(float),
        "satisfaction": np.clip(rng.normal(7.1, 1.6, n), 0, 10).round(1),
        "referrals": rng.poisson(1.3, n).astype(float) * 1.0,
        "household_income": rng.lognormal(10.9, 0.45, n).round(0),
        "plan": choice(PLANS, [15, 40, 30, 15] if drifted else [30, 40, 20, 10]),
        "region": choice(REGIONS, np.linspace(3, 1, len(REGIONS))),
        "channel": choice(CHANNELS + ["social"], [20, 15, 10, 10, 25, 20]) if drifted else choice(CHANNELS, [35, 20, 15, 10, 20]),
        "device": choice(DEVICES, [50, 35, 15]),
        "payment": choice(PAYMENTS, [40, 20, 10, 12, 8, 6, 4]),
        "segment": choice(SEGMENTS, np.arange(len(SEGMENTS), 0, -1)),
    })
    missing = {"satisfaction": 0.03, "session_minutes": 0.15 if drifted else 0.02, "payment": 0.01}
    for column, share in missing.items():
        frame.loc[rng.random(n) < share, column] = np.nan
    return frame


def churn(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    logit = (-1.6 - 0.025 * (frame["tenure_months"] - 30) + 0.02 * (frame["monthly_charges"] - 62)
             + 0.04 * frame["support_minutes"].fillna(0) - 0.25 * (frame["satisfaction"].fillna(7) - 7)
             + 0.3 * frame["late_payments"] + np.where(frame["plan"] == "basic", 0.4, 0.0))
    return np.where(rng.random(len(frame)) < 1 / (1 + np.exp(-logit)), "yes", "no")


def main() -> None:
    out = sys.argv[1]
    train_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 126_000
    captured_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261201)
    train = features(rng, train_rows, drifted=False)
    train["churn"] = churn(rng, train)
    train.to_csv(os.path.join(out, "train.csv"), index=False)
    features(rng, captured_rows, drifted=True).to_csv(os.path.join(out, "captured.csv"), index=False)


if __name__ == "__main__":
    main()
