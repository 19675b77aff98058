"""Fitting the threat model's weights on history: a logistic regression on the features, then a calibration map.

The regression's weights say how much each feature raises the log-odds of an attack; the drivers of a level are
read from them. A fit on many quiet site-weeks and few violent ones can be a little over- or under-confident, so a
second, one-dimensional logistic fit of the outcome on the first fit's log-odds (Platt scaling), made on the later
part of the history that the first fit did not see, puts the probabilities back in line with how often attacks
followed.

The regression is L2-penalised on standardised features and solved by Newton's method in numpy: a backtest
refits it every week on ~100,000 site-weeks, and warm-started from last week's weights it converges in two or
three steps (scikit-learn's solvers restart from zero each time; the answers agree, see tests).

The weights keep each feature's range over the rows they were fitted on (`low`, `high`), and a forecast reads its
features clipped to that range: a site busier than anything in the training feed (Baghdad's counts read by weights
fitted on Pakistan) is forecast as the busiest site the fit saw, not extrapolated beyond it. Measured by fitting on
one country's file and scoring on another's (README §4): Brier skill against the trailing climatology 0.039 → 0.043
(Iraq → Pakistan) and 0.123 → 0.128 (Pakistan → Iraq), held out.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from legation.assess.features import NAMES

L2 = 8.0  # penalty on standardised weights (≈ sklearn C = 1/L2); chosen on Iraq 2004–2009 (rolling origin) only
TINY = 1e-3  # keeps one-feature maps finite when the outcome is separable (tiny or synthetic histories)


def newton_logistic(X: np.ndarray, y: np.ndarray, *, l2: float = L2, init: np.ndarray | None = None,
                    tol: float = 1e-8, max_iter: int = 50) -> np.ndarray:
    """Weights [intercept, w...] minimising log loss + l2/2·|w|² (intercept unpenalised). Damped: a step that
    does not lower the objective is halved, so a bad start or a near-separable outcome cannot make it diverge."""
    A = np.column_stack([np.ones(len(X)), X])
    beta = np.zeros(A.shape[1]) if init is None or not np.all(np.isfinite(init)) else np.array(init, dtype=float)
    penalty = np.full(A.shape[1], l2)
    penalty[0] = 0.0

    def objective(b: np.ndarray) -> float:
        z = A @ b
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * b * b))

    current = objective(beta)
    for _ in range(max_iter):
        p = expit(A @ beta)
        grad = A.T @ (p - y) + penalty * beta
        hess = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        for _halving in range(30):
            trial = objective(beta - step)
            if trial <= current + 1e-12:
                break
            step = step / 2
        beta, current = beta - step, trial
        if np.max(np.abs(step)) < tol:
            break
    return beta


class Fitter:
    """Refits weights on growing history, each fit warm-started from the one before."""

    def __init__(self, calibrate_share: float = 0.25, l2: float = L2):
        self.calibrate_share, self.l2 = calibrate_share, l2
        self._init: dict[str, np.ndarray | None] = {"first": None, "all": None, "platt": None}

    def fit(self, X: np.ndarray, y: np.ndarray, sample_order: np.ndarray | None = None) -> dict:
        """Weights (in raw feature units) and a Platt map; the later `calibrate_share` (by `sample_order`, e.g.
        the origin day) calibrates a fit on the earlier rest; the final weights use all rows."""
        y = np.asarray(y, dtype=float)
        order = np.argsort(sample_order, kind="stable") if sample_order is not None else np.arange(len(y))
        cut = int(len(y) * (1 - self.calibrate_share))
        first, later = order[:cut], order[cut:]
        a, b = 1.0, 0.0
        if self.calibrate_share > 0 and 0 < y[first].sum() < len(first) and 0 < y[later].sum() < len(later):
            coef, intercept = self._logistic(X[first], y[first], "first")
            z = X[later] @ coef + intercept
            platt = newton_logistic(z[:, None], y[later], l2=TINY, init=self._init["platt"])
            self._init["platt"] = platt
            a, b = float(platt[1]), float(platt[0])
        coef, intercept = self._logistic(X, y, "all")
        return {"features": list(NAMES), "coef": [float(c) for c in coef], "intercept": float(intercept),
                "platt": [a, b], "n": int(len(y)), "positives": int(y.sum()),
                "low": [float(v) for v in X.min(axis=0)], "high": [float(v) for v in X.max(axis=0)]}

    def _logistic(self, X: np.ndarray, y: np.ndarray, key: str) -> tuple[np.ndarray, float]:
        mean, scale = X.mean(axis=0), X.std(axis=0)
        scale[scale == 0] = 1.0
        beta = newton_logistic((X - mean) / scale, y, l2=self.l2, init=self._init[key])
        self._init[key] = beta
        coef = beta[1:] / scale
        return coef, float(beta[0] - coef @ mean)


def clip(weights: dict, X: np.ndarray) -> np.ndarray:
    """The features clipped to the range the weights were fitted on (unchanged for weights without one)."""
    if "low" not in weights:
        return X
    return np.clip(X, np.asarray(weights["low"]), np.asarray(weights["high"]))


def log_odds(weights: dict, X: np.ndarray) -> np.ndarray:
    """Calibrated log-odds of an attack for each row of features (clipped to the fit's range)."""
    z = clip(weights, X) @ np.asarray(weights["coef"]) + weights["intercept"]
    a, b = weights["platt"]
    return a * z + b


def probability(weights: dict, X: np.ndarray) -> np.ndarray:
    return expit(log_odds(weights, X))
