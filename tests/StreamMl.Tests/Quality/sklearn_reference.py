"""Reference values for the quality metric tests, computed independently with scikit-learn/NumPy.

Run with the Debian interpreter that has python3-sklearn: /usr/bin/python3 sklearn_reference.py
The cases are the literal arrays of QualitySamples.cs; a binary prediction is positive when its score is >= 0.5.
"""
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, f1_score, log_loss, mean_absolute_error, mean_squared_error,
                             precision_score, recall_score, roc_auc_score)

BINARY = {
    "ties": ([1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1],
             [0.8, 0.8, 0.6, 0.4, 0.4, 0.2, 0.8, 0.6, 0.4, 0.2, 0.6, 0.9]),
    "mixed": ([1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1],
              [0.93, 0.71, 0.12, 0.55, 0.48, 0.07, 0.62, 0.81, 0.39, 0.88, 0.22, 0.51, 0.76, 0.3, 0.05, 0.44, 0.97, 0.66, 0.15, 0.58]),
    "single": ([1, 1, 1, 1, 1], [0.9, 0.7, 0.4, 0.6, 0.2]),
    "negatives": ([0, 0, 0, 0], [0.1, 0.6, 0.3, 0.2]),
    "unpredicted": ([1, 0, 0, 1], [0.3, 0.2, 0.45, 0.1]),
    "perfect": ([1, 0, 1, 0, 0, 1], [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]),
    "worst": ([1, 0, 1, 0], [0.0, 1.0, 0.0, 1.0]),
}

REGRESSION = {
    "docs": ([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]),
    "perfect": ([1.5, -2, 0, 4.25], [1.5, -2, 0, 4.25]),
    "outlier": ([1, 2, 3, 4, 100], [1.5, 2.5, 2, 4, 10]),
    "spread": ([-12.5, 3.75, 0.2, 48, -7.1, 15], [-10, 5, -0.3, 40.5, -9.9, 14.2]),
}


def defined(metric, *args, **kwargs):
    """The metric's value, or 'undefined' where scikit-learn warns that it is ill-defined or refuses it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UndefinedMetricWarning)
        try:
            return repr(metric(*args, **kwargs))
        except (UndefinedMetricWarning, ValueError) as e:
            return f"undefined ({type(e).__name__}; zero_division=0 gives {metric(*args, **kwargs, **zero(metric))!r})" if zero(metric) else f"undefined ({e})"


def zero(metric):
    return {"zero_division": 0} if metric in (precision_score, recall_score, f1_score) else {}


def many(n=5000):
    """Many distinct scores: s_i = frac(i·φ⁻¹), label 1 when frac(i·0.7548776662466927) < s_i, i = 1..n."""
    i = np.arange(1, n + 1, dtype=float)
    s = (i * 0.6180339887498949) % 1.0
    y = ((i * 0.7548776662466927) % 1.0 < s).astype(int)
    return y, s


print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}")
for name, (y, p) in BINARY.items():
    pred = [1 if s >= 0.5 else 0 for s in p]
    print(f"{name}: accuracy={accuracy_score(y, pred)!r}")
    print(f"{name}: precision={defined(precision_score, y, pred)}")
    print(f"{name}: recall={defined(recall_score, y, pred)}")
    print(f"{name}: f1={defined(f1_score, y, pred)}")
    print(f"{name}: roc_auc={defined(roc_auc_score, y, p)}")
    print(f"{name}: log_loss(eps=1e-15)={log_loss(y, p, eps=1e-15, labels=[0, 1])!r}")

for name, (y, yhat) in REGRESSION.items():
    print(f"{name}: mae={mean_absolute_error(y, yhat)!r} rmse={mean_squared_error(y, yhat, squared=False)!r}")

y, s = many()
print(f"many: n={len(y)} positives={int(y.sum())} distinct scores={len(np.unique(s))}")
print(f"many: roc_auc={roc_auc_score(y, s)!r}")
for count in (1000, 10):
    bins = np.minimum((s * count).astype(int), count - 1)
    pos = np.bincount(bins[y == 1], minlength=count).astype(float)
    neg = np.bincount(bins[y == 0], minlength=count).astype(float)
    below = np.concatenate([[0.0], np.cumsum(neg)[:-1]])
    pairs = pos.sum() * neg.sum()
    print(f"many: {count} bins: estimate={float(np.sum(pos * (below + 0.5 * neg)) / pairs)!r} bound={float(0.5 * np.sum(pos * neg) / pairs)!r}")
