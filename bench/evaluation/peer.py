"""The scikit-learn / numpy peer of Program.cs: same data, same operations, median of 5 runs."""
import sys, time
import numpy as np
from sklearn.metrics import roc_auc_score, average_precision_score, log_loss, roc_curve

data_path, result_path = sys.argv[1], sys.argv[2]
data = np.loadtxt(data_path, delimiter=",", skiprows=1)
y, s = data[:, 0].astype(bool), data[:, 1]
tp, fp, fn, tn = -500.0, -500.0, -200000.0, 0.0


def best_threshold_value_per_item():
    # Every distinct score as a threshold (score >= t positive) plus "nothing positive", vectorized over roc_curve.
    fpr, tpr, _ = roc_curve(y, s, drop_intermediate=False)
    P, N = y.sum(), (~y).sum()
    value = (tpr * P * tp + (1 - tpr) * P * fn + fpr * N * fp + (1 - fpr) * N * tn) / len(y)
    return value.max()


operations = {
    "roc_auc": lambda: roc_auc_score(y, s),
    "average_precision": lambda: average_precision_score(y, s),
    "log_loss": lambda: log_loss(y, s, eps=1e-15),
    "roc_curve": lambda: len(roc_curve(y, s, drop_intermediate=False)[0]),
    "best_threshold_value_per_item": best_threshold_value_per_item,
}
with open(result_path, "w") as out:
    out.write("operation\tseconds\tvalue\n")
    for name, operation in operations.items():
        operation()
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            value = operation()
            runs.append(time.perf_counter() - start)
        out.write(f"{name}\t{sorted(runs)[2]:.4f}\t{float(value)!r}\n")
