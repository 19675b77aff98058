"""The backtest: the scores on UCDP GED (slow, reads ../shared), the rule it shares with assess, its baselines, the
forecasts file, and the reader's errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from legation.assess import metrics
from legation.assess.backtest import read_feed


@pytest.mark.slow
def test_model_beats_the_baselines_on_iraq(cli, shared, tmp_path):
    """Testing 2010-2018, 25 km around every place of 50,000+ people, refitted on the past only."""
    feed = shared / "data" / "ucdp" / "conflict_data_irq.csv"
    plot = tmp_path / "reliability.png"
    result = cli("backtest", str(feed), "--radius", "25", "--from", "2010-01-01",
                 "--to", "2018-12-31", "--refit-weeks", "13", "--plot", str(plot), "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert {f"bss_{k}" for k in ("climatology", "rate52", "hotspot", "counts_logistic")} <= set(scores)
    assert scores["bss_climatology"] >= 0.12 and scores["bss_hotspot"] >= 0.20 and scores["bss_counts_logistic"] > 0
    assert scores["ece"] <= 0.03
    assert scores["sites"] == 63 and scores["weeks"] == 469
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_fitted_on_iraq_only_it_forecasts_pakistan(cli, shared):
    """Held out: the model fitted on the Iraq file alone, scored on Pakistan 2010-2018 (25 km around every place of
    50,000+ people), which it never saw; features beyond Iraq's range are read at its edge."""
    ucdp = shared / "data" / "ucdp"
    result = cli("backtest", "--train", str(ucdp / "conflict_data_irq.csv"), "--test",
                 str(ucdp / "conflict_data_pak.csv"), "--radius", "25", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["fitted"].startswith("UCDP GED conflict_data_irq.csv (IRQ") and scores["country"] == "PAK"
    assert scores["sites"] == 210 and scores["weeks"] == 469
    assert scores["bss_climatology"] >= 0.04 and scores["bss_rate52"] > 0 and scores["bss_hotspot"] >= 0.15
    assert scores["ece"] <= 0.01


def test_the_shipped_parameters_say_they_were_fitted_on_iraq_only():
    from legation.assess.model import load_parameters

    params = load_parameters()
    trained_on = params.fitted_on.split(";")[0]
    assert trained_on.startswith("UCDP GED conflict_data_irq.csv (IRQ") and "pak" not in trained_on
    assert len(params.weights["low"]) == len(params.weights["high"]) == len(params.weights["coef"])


def test_metrics_on_known_values():
    p, y = np.array([0.1, 0.9, 0.5, 0.5]), np.array([0, 1, 1, 0])
    assert metrics.brier(p, y) == pytest.approx((0.01 + 0.01 + 0.25 + 0.25) / 4)
    assert metrics.ece(p, y) == pytest.approx(0.05)  # bins: 0.1 vs 0 and 0.9 vs 1 (each 1/4), 0.5 vs 0.5
    assert metrics.skill(0.05, 0.1) == pytest.approx(0.5)


def test_a_feed_that_is_not_ucdp_is_one_clear_error(cli, tmp_path):
    bad = tmp_path / "acled.csv"
    bad.write_text("event_date,latitude\n2020-01-01,33\n")
    result = cli("backtest", "--feed", "ucdp", str(bad))
    assert result.exit_code == 1 and "missing column(s)" in result.output and "date_start" in result.output
    neither = cli("backtest")
    assert neither.exit_code == 1 and "as the argument or as --test" in neither.output


GED = "id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end,best,country"


def test_the_reader_places_rows_by_the_counting_rule(tmp_path):
    """Through the ingest reader: "6.0" precision codes, a tag row; country-level and month-dated rows are read
    but never counted; a city-level row is at least 10 km from anything; a bad row is rejected and counted."""
    feed = tmp_path / "ged.csv"
    feed.write_text("\n".join([
        GED, ",,#group+name+first,,,#geo+lat,#geo+lon,,,,,",
        "1,1,Government of Iraq,IS,1.0,33.3,44.4,1.0,2014-01-02,2014-01-04,3,Iraq",
        "2,1,Government of Iraq,IS,6.0,33.0,44.0,1.0,2014-01-03,2014-01-03,3,Iraq",
        "3,1,Government of Iraq,IS,1,33.3,44.4,4,2014-01-01,2014-01-31,3,Iraq",
        "4,1,Government of Iraq,IS,1,north,44.4,1,2014-01-05,2014-01-05,3,Iraq"]) + "\n")
    events = read_feed(feed)
    assert events.read == 4 and events.rejected == 1
    assert events.counted.tolist() == [True, False, False]
    assert events.day[0] == events.day[0] and str(np.datetime64(int(events.day[0]), "D")) == "2014-01-02"
    assert str(np.datetime64(int(events.known[0]), "D")) == "2014-01-04"  # known on its last day
    assert events.uncertainty[0] == 10.0 and np.isinf(events.uncertainty[1])


def test_rolling_origin_never_sees_the_week_it_forecasts():
    """Changing every outcome from the forecast week on changes nothing in that week's forecasts."""
    from legation.assess.backtest import MIN_TRAIN_WEEKS, Panel, rolling_origin

    rng = np.random.default_rng(2)
    n_sites, n_origins = 8, MIN_TRAIN_WEEKS + 12
    X = rng.normal(size=(n_sites, n_origins, 10))
    y = (rng.random((n_sites, n_origins)) < 1 / (1 + np.exp(-X[..., 0] - 2))).astype(int)
    hot = np.abs(rng.normal(size=(n_sites, n_origins)))
    test_from = MIN_TRAIN_WEEKS + 1
    first = rolling_origin(Panel(np.arange(n_origins) * 7, X, y, hot), test_from)
    changed = y.copy()
    changed[:, test_from - 1:] = 1 - changed[:, test_from - 1:]
    second = rolling_origin(Panel(np.arange(n_origins) * 7, X, changed, hot), test_from)
    for kind in ("model", "climatology", "hotspot"):
        assert np.array_equal(first[kind][:, 0], second[kind][:, 0])
        assert not np.array_equal(first[kind][:, 5], second[kind][:, 5])  # later weeks learn from the change


def test_backtest_on_a_small_feed_with_a_sites_file(cli, tmp_path):
    """A synthetic feed: a violent town and a quiet one; the table and the JSON both report."""
    import datetime as dt

    rng = np.random.default_rng(4)
    start = dt.date(2010, 1, 1)
    rows = [GED + ",iso3", ",,,,,#geo+lat,#geo+lon,,#date+start,,,,#country+code"]
    for i in range(2500):
        day = start + dt.timedelta(days=int(rng.integers(0, 8 * 365)))
        lat, lon = (33.3, 44.4) if rng.random() < 0.8 else (36.2, 44.0)
        rows.append(f"{i},1,Government of Iraq,IS,1,{lat + rng.normal(0, 0.05):.4f},{lon + rng.normal(0, 0.05):.4f},"
                    f"1,{day},{day},1,Iraq,IRQ")
    feed = tmp_path / "ged.csv"
    feed.write_text("\n".join(rows) + "\n")
    sites = tmp_path / "sites.csv"
    sites.write_text("id,name,kind,sending_state,host_country,lat,lon\n"
                     "a,Violent town,other,USA,IRQ,33.3,44.4\nb,Quiet town,other,USA,IRQ,36.2,44.0\n"
                     "c,Empty desert,other,USA,IRQ,31.0,41.0\n")
    args = ("backtest", "--feed", "ucdp", str(feed), "--sites", str(sites), "--radius", "10", "--from",
            "2016-06-01", "--to", "2017-05-31", "--refit-weeks", "8")
    table = cli(*args)
    assert table.exit_code == 0, table.output
    assert "bss_climatology" in table.stdout and "Reliability of the model" in table.stdout
    scores = json.loads(cli(*args, "--format", "json").stdout)
    assert scores["sites"] == 3 and scores["weeks"] == 52 and 0 <= scores["ece"] <= 1
    assert scores["brier"] <= scores["brier_climatology"] + 0.05
    picked = json.loads(cli(*args, "--site", "a", "--site", "[bx]*", "--format", "json").stdout)
    assert picked["sites"] == 2 and picked["forecasts"] == 2 * 52  # a group of the sites, measured on its own
    forecasts = tmp_path / "forecasts.csv"
    assert cli(*args, "--forecasts", str(forecasts), "--clim-years", "2").exit_code == 0
    lines = forecasts.read_text().splitlines()
    assert lines[0] == "site_id,lat,lon,radius_km,week_start,probability,outcome"
    assert len(lines) == 1 + 3 * 52
    a_week = [line.split(",") for line in lines[1:] if line.startswith("a,")][0]
    assert a_week[3] == "10" and a_week[4] == "2016-06-01" and 0 < float(a_week[5]) < 1 and a_week[6] in "01"


def _synthetic_feed(path, seed: int, hot=(33.3, 44.4), calm=(36.2, 44.0), country=("Iraq", "IRQ"), n=2500,
                    where_prec=1):
    import datetime as dt

    rng = np.random.default_rng(seed)
    rows = [GED + ",iso3", ",,,,,#geo+lat,#geo+lon,,#date+start,,,,#country+code"]
    for i in range(n):
        day = dt.date(2010, 1, 1) + dt.timedelta(days=int(rng.integers(0, 8 * 365)))
        lat, lon = hot if rng.random() < 0.8 else calm
        rows.append(f"{i},1,Government,Rebels,{where_prec},{lat + rng.normal(0, 0.05):.4f},"
                    f"{lon + rng.normal(0, 0.05):.4f},1,{day},{day},1,{country[0]},{country[1]}")
    path.write_text("\n".join(rows) + "\n")
    return path


SITES = ("id,name,kind,sending_state,host_country,lat,lon\n"
         "a,Violent town,other,USA,IRQ,33.3,44.4\nb,Quiet town,other,USA,IRQ,36.2,44.0\n")


def test_fit_on_one_file_and_score_on_another(cli, tmp_path):
    """--train fits once on the training file and never sees the test file; the parameters say what they were
    fitted on and load as the model's."""
    from legation.assess.model import load_parameters

    train = _synthetic_feed(tmp_path / "train.csv", 5)
    test = _synthetic_feed(tmp_path / "test.csv", 6)
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES)
    saved = tmp_path / "params.json"
    result = cli("backtest", "--train", str(train), "--test", str(test), "--sites", str(sites), "--radius", "10",
                 "--from", "2016-06-01", "--to", "2017-05-31", "--save-parameters", str(saved), "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["fitted"].startswith("UCDP GED train.csv (IRQ") and scores["test"] == "test.csv"
    assert scores["weeks"] == 52 and scores["brier"] < scores["brier_climatology"] + 0.05
    params = load_parameters(str(saved))
    assert params.fitted_on.startswith("UCDP GED train.csv") and "scored on test.csv" in params.fitted_on


def test_a_parameters_file_of_another_model_is_refused(tmp_path):
    from legation.assess.model import load_parameters
    from legation.domain.errors import InputError

    old = tmp_path / "v1.json"
    old.write_text(json.dumps({"model": "legation.threat.v1", "weights": {}, "priors": {}}))
    with pytest.raises(InputError, match="parameters of legation.threat.v1, not legation.threat.v2"):
        load_parameters(str(old))


def test_a_radius_the_feed_cannot_speak_for_has_no_skill_to_report(cli, tmp_path):
    """Every event placed only to a province: at 10 km nothing counts, and the scores say so instead of a perfect
    1.0; events on a town's point make a 5 km site's forecast speak for the town (10 km), as `assess` does."""
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES)
    args = ("--sites", str(sites), "--from", "2016-06-01", "--to", "2017-05-31", "--refit-weeks", "13", "--format",
            "json")
    provinces = _synthetic_feed(tmp_path / "adm.csv", 7, where_prec=3)
    result = cli("backtest", str(provinces), "--radius", "10", *args)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["outcomes"] == 0 and scores["bss_climatology"] is None and "too coarse" in scores["note"]
    towns = _synthetic_feed(tmp_path / "towns.csv", 7)
    scores = json.loads(cli("backtest", str(towns), "--radius", "5", *args).stdout)
    assert scores["scope_widened"] > 0.9 and scores["outcomes"] > 0 and scores["bss_climatology"] is not None
