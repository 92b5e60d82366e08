#!/usr/bin/python3
"""Peers for the training benchmark: XGBoost with its defaults and scikit-learn's RandomForest, trained on the
same train+validation rows Flywheel refits on and scored on the same test rows (split assignment from
`flywheel data split`). Prints one JSON object per peer on stdout."""
import argparse, json, time
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, mean_squared_error, r2_score, roc_auc_score
from xgboost import XGBClassifier, XGBRegressor

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--split", required=True)
parser.add_argument("--target", required=True)
parser.add_argument("--task", required=True, choices=["binary", "multiclass", "regression"])
parser.add_argument("--positive")
parser.add_argument("--seed", type=int, default=1729)
args = parser.parse_args()

data = pd.read_csv(args.data)
split = pd.read_csv(args.split)  # row (1 = first data row), split
data["__split"] = split.sort_values("row")["split"].values
data = data[data[args.target].notna()]
y_raw = data[args.target]
features = data.drop(columns=[args.target, "__split"])
numeric = features.select_dtypes(include="number").columns
categorical = [c for c in features.columns if c not in numeric]
X = pd.get_dummies(features, columns=categorical, dummy_na=False, dtype=float)
fit_rows = data["__split"].isin(["train", "validation"]).values
test_rows = (data["__split"] == "test").values

if args.task == "binary":
    y = (y_raw.astype(str) == args.positive).astype(int).values
elif args.task == "multiclass":
    classes = sorted(y_raw.astype(str).unique())
    y = y_raw.astype(str).map({c: i for i, c in enumerate(classes)}).values
else:
    y = y_raw.astype(float).values

def score(model_predict_proba, model_predict):
    if args.task == "binary":
        return {"auc": roc_auc_score(y[test_rows], model_predict_proba(X[test_rows])[:, 1])}
    if args.task == "multiclass":
        return {"accuracy": accuracy_score(y[test_rows], model_predict(X[test_rows]))}
    predicted = model_predict(X[test_rows])
    return {"rmse": float(np.sqrt(mean_squared_error(y[test_rows], predicted))), "r2": r2_score(y[test_rows], predicted)}

medians = X[fit_rows].median()
peers = {
    "xgboost-defaults": (XGBClassifier(random_state=args.seed) if args.task != "regression" else XGBRegressor(random_state=args.seed), X),
    "sklearn-random-forest": ((RandomForestClassifier if args.task != "regression" else RandomForestRegressor)(random_state=args.seed), X.fillna(medians)),
}
for name, (model, frame) in peers.items():
    start = time.perf_counter()
    model.fit(frame[fit_rows], y[fit_rows])
    metrics = score(lambda f: model.predict_proba(frame.loc[f.index]), lambda f: model.predict(frame.loc[f.index]))
    print(json.dumps({"peer": name, "seconds": time.perf_counter() - start, **metrics}))
