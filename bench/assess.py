"""Benchmark of the threat picture: 1,000 sites × 1,000,000 synthetic attacks over three years.

Prints, each beside a brute-force pass over the same data in the same run:
- a full recompute of every site's probability (grid index over the last 3 years of attacks, `HISTORY_DAYS`);
- the update after one new attack (only the sites within its reach; brute force recomputes everything).
Both are timed on one core (BLAS threads pinned to 1) as CPU time of this process and wall time.

    .venv/bin/python bench/assess.py [--sites 1000] [--events 1000000] [--updates 20]
"""

from __future__ import annotations

import functools
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402

import numpy as np  # noqa: E402
from shared import timed  # noqa: E402

from legation.assess.features import Reach  # noqa: E402
from legation.assess.model import load_parameters  # noqa: E402
from legation.assess.picture import Picture, brute_force  # noqa: E402
from legation.domain.geo import haversine_km  # noqa: E402

ORIGIN = 19_660  # 2023-10-30
DAYS = 3 * 365


def synthetic(n_sites: int, n_events: int, seed: int = 7):
    """Sites and attacks over a 1,000 km box (Iraq-sized): half the attacks in 40 hotspots, half scattered."""
    rng = np.random.default_rng(seed)
    centres = np.column_stack([rng.uniform(29.5, 37.5, 40), rng.uniform(39.0, 48.0, 40)])
    radius = rng.choice([2.0, 3.0, 5.0, 5.0, 5.0, 25.0], n_sites)
    pick = rng.integers(0, 40, n_sites)
    s_lat = centres[pick, 0] + rng.normal(0, 0.1, n_sites)
    s_lon = centres[pick, 1] + rng.normal(0, 0.1, n_sites)
    half = n_events // 2
    hot = rng.integers(0, 40, half)
    lat = np.concatenate([centres[hot, 0] + rng.normal(0, 0.3, half), rng.uniform(29.0, 38.0, n_events - half)])
    lon = np.concatenate([centres[hot, 1] + rng.normal(0, 0.3, half), rng.uniform(38.5, 48.5, n_events - half)])
    day = ORIGIN - rng.integers(1, DAYS, n_events)
    return s_lat, s_lon, radius, lat, lon, day.astype(np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--updates", type=int, default=20)
    args = parser.parse_args()
    weights = load_parameters().weights
    s_lat, s_lon, radius, lat, lon, day = synthetic(args.sites, args.events)
    print(f"{args.sites} sites × {args.events:,} attacks over {DAYS} days; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (times are per process; CPU time is what one core "
          "spent)")

    picture = Picture(s_lat, s_lon, radius, weights, ORIGIN)
    indexed, wall, cpu = timed(lambda: picture.rebuild(lat, lon, day))
    reference, b_wall, b_cpu = timed(lambda: brute_force(s_lat, s_lon, radius, weights, ORIGIN, lat, lon, day))
    print(f"full recompute   indexed {cpu:7.3f} s CPU ({wall:.3f} s wall)   brute force {b_cpu:7.3f} s CPU "
          f"({b_wall:.3f} s wall)   max |Δp| {np.max(np.abs(indexed - reference)):.2e}")

    rng = np.random.default_rng(11)
    fast, slow, touched, worst = [], [], [], 0.0
    for _ in range(args.updates):
        site = rng.integers(0, args.sites)
        e_lat, e_lon = s_lat[site] + rng.normal(0, 0.05), s_lon[site] + rng.normal(0, 0.05)
        hit, _wall, cpu = timed(functools.partial(picture.add, e_lat, e_lon, ORIGIN - 1))
        lat, lon, day = np.append(lat, e_lat), np.append(lon, e_lon), np.append(day, ORIGIN - 1)
        # brute force: the new attack against every site, then each site it reaches against every attack
        ref, _wall, b_cpu = timed(functools.partial(_brute_update, s_lat, s_lon, radius, weights, lat, lon, day,
                                                    e_lat, e_lon))
        fast.append(cpu)
        slow.append(b_cpu)
        touched.append(len(hit))
        worst = max(worst, float(np.max(np.abs(picture.probability[ref[0]] - ref[1]), initial=0.0)))
    print(f"one new attack   incremental {1000 * np.median(fast):7.2f} ms CPU median ({1000 * max(fast):.2f} ms max; "
          f"{np.mean(touched):.1f} sites touched on average)   brute force {1000 * np.median(slow):8.1f} ms CPU "
          f"median   max |Δp| over {args.updates} updates {worst:.2e}")


def _brute_update(s_lat, s_lon, radius, weights, lat, lon, day, e_lat, e_lon):
    reach = np.array([Reach.of(float(r)).max_km for r in radius])
    dist = np.array([haversine_km(e_lat, e_lon, a, b) for a, b in zip(s_lat, s_lon, strict=True)])
    which = np.flatnonzero(dist <= reach)
    return which, brute_force(s_lat, s_lon, radius, weights, ORIGIN, lat, lon, day, which)

if __name__ == "__main__":
    main()
