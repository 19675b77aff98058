"""Scores of probability forecasts of a yes/no outcome: Brier, log loss, skill, calibration, reliability.

Brier skill against a reference is 1 - Brier/Brier_ref: 0 is no better than the reference, 1 is perfect. The
expected calibration error (ECE) bins forecasts by probability and averages |mean forecast - observed frequency|
weighted by bin size: a forecast of 20% should come true about one time in five.
"""

from __future__ import annotations

import numpy as np

EPS = 1e-6


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(y, float)) ** 2))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(np.asarray(p, float), EPS, 1 - EPS)
    y = np.asarray(y, float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def skill(score: float, reference: float) -> float:
    return float(1.0 - score / reference) if reference > 0 else 0.0


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """Equal-width bins over [0, 1]: count, mean forecast and observed frequency of each non-empty bin."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            table.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "count": int(mask.sum()),
                          "forecast": float(p[mask].mean()), "observed": float(y[mask].mean())})
    return table


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    n = len(p)
    return float(sum(row["count"] / n * abs(row["forecast"] - row["observed"]) for row in reliability(p, y, bins)))


def plot_reliability(path: str, curves: dict[str, tuple[np.ndarray, np.ndarray]], title: str) -> None:
    """A reliability diagram (observed frequency against forecast, per method) with the forecast histogram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), height_ratios=(3, 1), sharex=True)
    top.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfectly calibrated")
    for name, (p, y) in curves.items():
        rows = reliability(p, y)
        top.plot([r["forecast"] for r in rows], [r["observed"] for r in rows], marker="o", label=name)
        bottom.hist(p, bins=20, range=(0, 1), histtype="step", label=name)
    top.set_ylabel("observed frequency")
    top.set_title(title)
    top.legend(loc="upper left")
    bottom.set_yscale("log")
    bottom.set_xlabel("forecast probability of an attack within the radius in 7 days")
    bottom.set_ylabel("forecasts")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
