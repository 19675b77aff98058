"""The indexed, incremental threat picture gives exactly the brute-force probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from legation.assess.model import load_parameters
from legation.assess.picture import GridIndex, Picture, brute_force

ORIGIN = 19_660


@pytest.fixture(scope="module")
def world():
    rng = np.random.default_rng(3)
    sites = (rng.uniform(32, 35, 60), rng.uniform(42, 46, 60), rng.choice([2.0, 5.0, 25.0], 60))
    events = (rng.uniform(31.5, 35.5, 20_000), rng.uniform(41.5, 46.5, 20_000),
              ORIGIN - rng.integers(1, 600, 20_000).astype(np.int64))
    return sites, events


def test_grid_query_finds_every_point_within_the_circle():
    rng = np.random.default_rng(5)
    lat, lon = rng.uniform(30, 40, 5000), rng.uniform(40, 50, 5000)
    index = GridIndex(lat, lon, 0.25)
    from legation.assess.features import haversine_many

    inside = set(np.flatnonzero(haversine_many(35.0, 45.0, lat, lon) <= 60.0))
    assert inside and inside <= set(index.query(35.0, 45.0, 60.0))


def test_full_and_incremental_match_brute_force(world):
    (s_lat, s_lon, radius), (lat, lon, day) = world
    weights = load_parameters().weights
    picture = Picture(s_lat, s_lon, radius, weights, ORIGIN)
    full = picture.rebuild(lat, lon, day)
    assert full == pytest.approx(brute_force(s_lat, s_lon, radius, weights, ORIGIN, lat, lon, day), abs=1e-12)
    before = full.copy()
    touched = picture.add(float(s_lat[0]), float(s_lon[0]), ORIGIN - 1)
    assert 0 in touched and len(touched) < len(s_lat)
    lat, lon, day = np.append(lat, s_lat[0]), np.append(lon, s_lon[0]), np.append(day, ORIGIN - 1)
    assert picture.probability == pytest.approx(brute_force(s_lat, s_lon, radius, weights, ORIGIN, lat, lon, day),
                                                abs=1e-12)
    assert picture.probability[0] > before[0]
    untouched = np.setdiff1d(np.arange(len(s_lat)), touched)
    assert np.array_equal(picture.probability[untouched], before[untouched])
