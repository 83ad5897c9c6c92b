"""Reference values for the learner tests, computed independently with scikit-learn.

Run with the Debian interpreter that has python3-sklearn: /usr/bin/python3 sklearn_reference.py
The streams are drawn exactly as LearningStreams.cs draws them: xoshiro256** seeded by SplitMix64,
re-implemented below, so the same seed gives the same examples in both languages.
"""
import math

import numpy as np
from sklearn.linear_model import LogisticRegression

MASK = (1 << 64) - 1


class Xoshiro:
    """xoshiro256** (Blackman and Vigna) seeded through SplitMix64, as StreamMl.Core.Learning.LearnerRandom."""

    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (self.rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))


def logistic_stream(seed, n, intercept, weights):
    r = Xoshiro(seed)
    xs, ys = [], []
    for _ in range(n):
        x = [4 * r.next_double() - 2 for _ in weights]
        score = intercept + sum(w * v for w, v in zip(weights, x))
        y = 1 if r.next_double() < 1 / (1 + math.exp(-score)) else 0
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)


if __name__ == "__main__":
    # LogisticRegressionTests: seed 7, 20,000 examples, b = 0.5, w = (2, -1, 0.5, 0).
    x, y = logistic_stream(7, 20000, 0.5, [2.0, -1.0, 0.5, 0.0])
    fit = LogisticRegression(penalty=None, tol=1e-10, max_iter=10000).fit(x, y)
    print("first draws", [round(v, 6) for v in x[0]], int(y[0]), "positives", int(y.sum()))
    print("intercept", repr(float(fit.intercept_[0])))
    print("weights", [repr(float(w)) for w in fit.coef_[0]])
