#!/usr/bin/python3
"""The pandas side of the benchmark: what an analyst types first on a new file."""
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1])
described = frame.describe(include="all")
missing = frame.isnull().sum()
correlations = frame.corr(numeric_only=True)
print(f"{len(frame):,} rows; {int(missing.sum()):,} missing cells; {correlations.shape[0]} numeric columns correlated", file=sys.stderr)
