"""Reference values for the drift tests, computed independently with SciPy/NumPy.

Run with the Debian interpreter that has python3-scipy: /usr/bin/python3 scipy_reference.py
The samples are the literal arrays of DriftSamples.cs.
"""
import math
import numpy as np
from scipy import optimize, special, stats
from scipy.spatial.distance import jensenshannon

NORMAL_A = [0.0, 0.3, -0.27, -0.89, -0.45, -0.99, 0.06, 1.34, -0.49, -0.62, 0.49, 0.36, 0.11, -0.93, -0.03, 0.7, -1.34, -0.46, -1.9, -1.29, -1.84, -0.24, -1.27, 0.27, 0.16, -0.19, -2.52, -0.54, -0.05, 0.11]
NORMAL_B = [-1.24, 0.03, -0.57, -0.37, 1.87, -0.37, 0.56, 1.66, -0.1, 0.47, 0.73, 0.68, -0.87, 0.69, 2.23, -1.26, 1.63, 0.74, -0.17, 3.0, 1.51, -0.84, 0.69, 1.29, 0.37]
TIES_A = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 2, 3, 1, 4, 3, 2, 3, 4]
TIES_B = [2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 3, 4, 2, 5, 4, 3, 4, 5, 6, 4, 3]
SKEWED_A = [1.73, 0.95, 1.71, 3.16, 0.58, 1.18, 0.69, 1.11, 0.39, 0.63, 0.85, 2.05, 2.5, 0.35, 0.53, 1.68, 0.2, 0.69, 0.93, 2.73, 1.74, 0.77, 0.74, 0.82]
SKEWED_B = [5.58, 1.17, 1.29, 2.19, 1.5, 1.41, 0.68, 1.63, 1.16, 4.19, 2.78, 1.62, 2.81, 1.26, 3.83, 1.64, 2.63, 0.59, 2.18, 0.43, 0.32, 1.29, 0.8, 1.88, 9.93, 0.85, 1.0, 1.94, 2.45, 1.43, 1.4, 2.89, 2.5, 0.72, 1.55, 1.7]
NUMERIC = {"normal": (NORMAL_A, NORMAL_B, 10), "ties": (TIES_A, TIES_B, 4), "skewed": (SKEWED_A, SKEWED_B, 5)}

# Category counts as (reference, current) over the same category list; "b" of "empty" is zero on both sides.
CATEGORIES = {
    "three": (["a", "b", "c"], [30, 50, 20], [25, 40, 35]),
    "empty": (["a", "b", "c", "d", "e"], [10, 0, 5, 7, 0], [12, 0, 0, 9, 4]),
    "labels": (["0", "1"], [500, 500], [700, 300]),
    "many": (["u", "v", "w", "x", "y", "z"], [120, 80, 40, 33, 20, 7], [100, 95, 30, 41, 12, 22]),
}

# (reference positives, reference count, current positives, current count)
PROPORTIONS = {"small": (120, 1000, 150, 1000), "uneven": (45, 300, 30, 400), "large": (500, 1000, 700, 1000)}


def shares(sorted_ref, values, bins):
    """Equal-mass bins cut at the reference's lower rank quantiles sorted[floor(k/B*(n-1))], right-closed."""
    n = len(sorted_ref)
    edges = []
    for k in range(1, bins):
        e = sorted_ref[math.floor(k / bins * (n - 1))]
        if not edges or e > edges[-1]:
            edges.append(e)
    v = np.sort(np.asarray(values, dtype=float))
    ranks = np.searchsorted(v, edges, side="right")
    counts = np.diff(np.concatenate([[0], ranks, [len(v)]]))
    return counts / len(v)


def psi(p, q, eps=1e-4):
    p = (p + eps) / (1 + len(p) * eps)
    q = (q + eps) / (1 + len(q) * eps)
    return float(np.sum((q - p) * np.log(q / p)))


for name, (a, b, bins) in NUMERIC.items():
    sa = np.sort(np.asarray(a, dtype=float))
    p, q = shares(sa, a, bins), shares(sa, b, bins)
    ks = stats.ks_2samp(a, b, method="asymp")
    n, m = len(a), len(b)
    root = math.sqrt(n * m / (n + m))
    print(f"{name}: ks_2samp D={ks.statistic!r} p_asymp={ks.pvalue!r}")
    print(f"{name}: kstwobign.sf((sqrt(ne)+0.12+0.11/sqrt(ne))*D)={stats.kstwobign.sf((root + 0.12 + 0.11 / root) * ks.statistic)!r}")
    w = stats.wasserstein_distance(a, b)
    print(f"{name}: wasserstein={w!r} sd_ref={np.std(a, ddof=1)!r} normalised={w / np.std(a, ddof=1)!r}")
    print(f"{name}: bins={bins} p={list(p)} q={list(q)}")
    print(f"{name}: psi={psi(p, q)!r} jensenshannon(base=2)={jensenshannon(p, q, base=2)!r}")

for name, (keys, r, c) in CATEGORIES.items():
    r, c = np.array(r), np.array(c)
    keep = (r + c) > 0
    chi2, pvalue, dof, _ = stats.chi2_contingency(np.array([r[keep], c[keep]]), correction=False)
    print(f"{name}: chi2_contingency chi2={chi2!r} p={pvalue!r} dof={dof}")
    print(f"{name}: jensenshannon(base=2)={jensenshannon(r, c, base=2)!r} linf={np.max(np.abs(r / r.sum() - c / c.sum()))!r}")

for name, (x1, n1, x2, n2) in PROPORTIONS.items():
    pooled = (x1 + x2) / (n1 + n2)
    z = (x2 / n2 - x1 / n1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    chi2, pvalue, _, _ = stats.chi2_contingency(np.array([[x1, n1 - x1], [x2, n2 - x2]]), correction=False)
    print(f"{name}: z={z!r} 2*norm.sf(|z|)={2 * stats.norm.sf(abs(z))!r} chi2_contingency p={pvalue!r}")

for a, x in [(0.5, 0.1), (1.0, 3.0), (2.5, 1.0), (4.0, 12.0), (10.0, 9.0), (0.5, 40.0)]:
    print(f"gammaincc({a}, {x})={special.gammaincc(a, x)!r} gammainc={special.gammainc(a, x)!r}")
for x in [-1.5, 0.0, 0.3, 1.0, 2.5, 5.0]:
    print(f"erfc({x})={special.erfc(x)!r}")
for x in [0.3, 0.8, 1.0, 1.18, 1.5, 2.5]:
    print(f"kstwobign.sf({x})={stats.kstwobign.sf(x)!r}")
for x in [0.5, 3.7, 10.0, 171.5]:
    print(f"gammaln({x})={special.gammaln(x)!r}")

# Thresholds calibrated to the sample sizes, at alpha = 0.01 (see DistanceNulls.cs): each distance's p-value under its
# null at the compared sizes, and the larger of the floor and the distance whose p-value is alpha.
ALPHA = 0.01
for p_, dof in [(0.01, 1), (0.01, 9), (5e-4, 9), (1e-6, 3), (0.5, 30)]:
    print(f"chi2.isf({p_}, {dof})={stats.chi2.isf(p_, dof)!r}")
for name, (a, b, bins) in NUMERIC.items():
    sa = np.sort(np.asarray(a, dtype=float))
    p, q = shares(sa, a, bins), shares(sa, b, bins)
    n, m = len(a), len(b)
    scale = 1 / n + 1 / m
    cells = int(np.sum((p > 0) | (q > 0)))
    value = psi(p, q)
    print(f"{name}: psi cells={cells} p={stats.chi2.sf(value / scale, cells - 1)!r} threshold={max(0.2, scale * stats.chi2.isf(ALPHA, cells - 1))!r}")
    js = jensenshannon(p, q, base=2)
    print(f"{name}: js p={stats.chi2.sf(8 * math.log(2) * js ** 2 / scale, cells - 1)!r} threshold={max(0.1, math.sqrt(scale * stats.chi2.isf(ALPHA, cells - 1) / (8 * math.log(2))))!r}")
    # Wasserstein: r = sqrt(1/n + 1/m), c = sqrt(2/pi) * integral sqrt(F(1 - F)) dx / sd, v = population sd / sd.
    values, counts = np.unique(sa, return_counts=True)
    F = np.cumsum(counts) / n
    integral = float(np.sum(np.sqrt(F[:-1] * (1 - F[:-1])) * np.diff(values)))
    sd = np.std(a, ddof=1)
    c0, v = math.sqrt(2 / math.pi) * integral / sd, np.std(a) / sd
    r = math.sqrt(scale)
    w = stats.wasserstein_distance(a, b) / sd
    u = w / r - c0
    print(f"{name}: wasserstein bound p={math.exp(-(u / v) ** 2 / 2) if u > 0 else 1.0!r} threshold={max(0.1, r * (c0 + v * math.sqrt(2 * math.log(1 / ALPHA))))!r}")
for name, (keys, r, c) in CATEGORIES.items():
    r, c = np.array(r, dtype=float), np.array(c, dtype=float)
    keep = (r + c) > 0
    r, c = r[keep], c[keep]
    n, m = r.sum(), c.sum()
    scale = 1 / n + 1 / m
    js = jensenshannon(r, c, base=2)
    print(f"{name}: js p={stats.chi2.sf(8 * math.log(2) * js ** 2 / scale, len(r) - 1)!r} threshold={max(0.1, math.sqrt(scale * stats.chi2.isf(ALPHA, len(r) - 1) / (8 * math.log(2))))!r}")
    pooled = (r + c) / (n + m)
    spreads = np.sqrt(pooled * (1 - pooled) * scale)[: 1 if len(r) == 2 else len(r)]
    linf_p = lambda t: min(1.0, float(np.sum(2 * stats.norm.sf(t / spreads))))
    t = float(np.max(np.abs(r / n - c / m)))
    print(f"{name}: linf p={linf_p(t)!r} threshold={max(0.1, optimize.brentq(lambda x: linf_p(x) - ALPHA, 1e-9, 1))!r}")
