#!/usr/bin/python3
"""Writes a synthetic CSV for the data benchmark: ROWS rows x 20 columns.

12 numeric columns (normal, log-normal, integer counts, two correlated pairs), 6 categorical columns
(3 to 60 levels), 1 id column and a binary target; about 5% of cells missing in six columns.
Usage: generate.py PATH [ROWS]   (default 1,000,000 rows; seed fixed so every run sees the same file)
"""
import sys

import numpy as np
import pandas as pd

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = np.random.default_rng(1729)

data = {}
data["customer_id"] = np.arange(rows)
for i in range(4):
    data[f"normal_{i}"] = rng.normal(100 * (i + 1), 15 * (i + 1), rows).round(3)
for i in range(3):
    data[f"amount_{i}"] = rng.lognormal(3 + i, 0.8, rows).round(2)
for i in range(3):
    data[f"count_{i}"] = rng.poisson(2 + 3 * i, rows)
data["minutes"] = rng.gamma(4, 40, rows).round(1)
data["charge"] = (data["minutes"] * 0.17).round(2)
levels = [3, 5, 8, 12, 30, 60]
for i, k in enumerate(levels):
    names = np.array([f"level_{j:02d}" for j in range(k)])
    weights = rng.dirichlet(np.ones(k))
    data[f"category_{i}"] = names[rng.choice(k, rows, p=weights)]
score = 0.02 * data["normal_0"] + 0.3 * (data["category_0"] == "level_00") + rng.normal(0, 1, rows)
data["target"] = np.where(score > np.quantile(score, 0.85), "yes", "no")

frame = pd.DataFrame(data)
for column in ["normal_1", "amount_0", "count_1", "minutes", "category_2", "category_4"]:
    frame.loc[rng.random(rows) < 0.05, column] = np.nan
frame.to_csv(path, index=False)
print(f"{path}: {rows:,} rows x {frame.shape[1]} columns")
