"""The peers of Flywheel's search: XGBoost and scikit-learn's RandomForest with their defaults.

Both train on exactly the rows Flywheel trains and validates on (train + validation of the `flywheel data split`
assignment) and are scored on its test rows. Minimal preprocessing, fitted on the training rows only:
- text columns: missing -> "(missing)", then one-hot (categories unseen in training are all-zero);
- numeric columns: XGBoost gets them as they are (NaN stays NaN, XGBoost learns where missing values go);
  RandomForest gets the training median in place of NaN;
- the target: class names -> 0..k-1 for classification (sorted), raw units (no log) for regression.
"""
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
from xgboost import XGBClassifier, XGBRegressor

MISSING = "(missing)"


def read_table(path):
    # Flywheel reads "", NA, NaN and null as missing; pandas' defaults include all four.
    return pd.read_csv(path, keep_default_na=True)


def features(frame, target):
    x = frame.drop(columns=[target])
    text = [c for c in x.columns if x[c].dtype == object]
    numeric = [c for c in x.columns if c not in text]
    return x, text, numeric


def preprocessor(text, numeric, impute_numeric):
    one_hot = make_pipeline(
        SimpleImputer(strategy="constant", fill_value=MISSING),
        OneHotEncoder(handle_unknown="ignore", sparse_output=False))
    numbers = SimpleImputer(strategy="median") if impute_numeric else "passthrough"
    return ColumnTransformer([("text", one_hot, text), ("numeric", numbers, numeric)])


def peer_models(task, seed):
    if task == "regression":
        return {
            "xgboost": (XGBRegressor(random_state=seed, n_jobs=2), False),
            "random_forest": (RandomForestRegressor(random_state=seed, n_jobs=2), True),
        }
    return {
        "xgboost": (XGBClassifier(random_state=seed, n_jobs=2), False),
        "random_forest": (RandomForestClassifier(random_state=seed, n_jobs=2), True),
    }


def score(task, model, x_test, y_test, positive_index):
    if task == "binary":
        return roc_auc_score(y_test == positive_index, model.predict_proba(x_test)[:, positive_index])
    if task == "multiclass":
        return accuracy_score(y_test, model.predict(x_test))
    return mean_squared_error(y_test, model.predict(x_test)) ** 0.5


def run(data_path, assignment_path, target, task, positive, seed):
    """Trains and tests every peer; returns {peer: (metric, seconds to fit and predict)}."""
    frame = read_table(data_path)
    split = pd.read_csv(assignment_path)["split"].to_numpy()
    if len(split) != len(frame):
        raise SystemExit(f"{assignment_path}: {len(split)} rows assigned, but {data_path} has {len(frame)}")
    frame = frame.assign(_split=split)[frame[target].notna().to_numpy()]
    x, text, numeric = features(frame.drop(columns=["_split"]), target)
    fit_rows = frame["_split"].isin(["train", "validation"]).to_numpy()
    test_rows = (frame["_split"] == "test").to_numpy()

    positive_index = None
    if task == "regression":
        y = frame[target].astype(float).to_numpy()
    else:
        classes = sorted(frame[target].astype(str).unique())
        y = np.array([classes.index(v) for v in frame[target].astype(str)])
        positive_index = classes.index(positive) if task == "binary" else None

    results = {}
    for name, (model, impute_numeric) in peer_models(task, seed).items():
        pipeline = make_pipeline(preprocessor(text, numeric, impute_numeric), model)
        start = time.perf_counter()
        pipeline.fit(x[fit_rows], y[fit_rows])
        metric = score(task, pipeline, x[test_rows], y[test_rows], positive_index)
        results[name] = (float(metric), time.perf_counter() - start)
    return results, int(fit_rows.sum()), int(test_rows.sum())
