"""`legation backtest` over several test files and radii: one backtest each, in order; on a LocalCluster of 2
workers (`--dask`) the same printed tables as a serial run."""

from __future__ import annotations

import json
import logging

import pytest

from tests.assess.test_backtest import SITES, _synthetic_feed


@pytest.fixture
def feeds(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES)
    return (_synthetic_feed(tmp_path / "one.csv", 6), _synthetic_feed(tmp_path / "two.csv", 7, hot=(36.2, 44.0),
                                                                      calm=(33.3, 44.4))), sites


def _args(feeds, sites, *extra: str) -> list[str]:
    one, two = feeds
    return ["backtest", str(one), "--test", str(two), "--sites", str(sites), "--radius", "10", "--radius", "30",
            "--from", "2016-06-01", "--to", "2017-05-31", "--refit-weeks", "13", *extra]


@pytest.mark.slow
def test_each_test_file_with_each_radius_is_one_backtest(cli, feeds):
    files, sites = feeds
    result = cli(*_args(files, sites, "--format", "json"))
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)
    assert [(r["test"], r["radius_km"]) for r in runs] == [("one.csv", 10), ("one.csv", 30), ("two.csv", 10),
                                                            ("two.csv", 30)]
    assert runs[0]["brier"] != runs[2]["brier"] and all(r["weeks"] == 52 for r in runs)
    table = cli(*_args(files, sites))
    assert table.stdout.count("Reliability of the model") == 4
    refused = cli(*_args(files, sites, "--plot", "x.png"))
    assert refused.exit_code == 1 and "give one test file and one radius" in refused.stderr


@pytest.mark.slow
def test_on_two_workers_the_tables_of_a_serial_run(cli, feeds):
    distributed = pytest.importorskip("distributed")
    files, sites = feeds
    serial = cli(*_args(files, sites))
    assert serial.exit_code == 0, serial.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster:
        dask = cli(*_args(files, sites, "--dask", cluster.scheduler_address))
        assert dask.exit_code == 0, dask.output
        assert dask.stdout == serial.stdout and serial.stdout.count("Backtest of") == 4
        as_json = cli(*_args(files, sites, "--dask", cluster.scheduler_address, "--format", "json"))
        assert json.loads(as_json.stdout) == json.loads(cli(*_args(files, sites, "--format", "json")).stdout)
        bad = files[0].with_name("bad.csv")
        bad.write_text("event_date,latitude\n2020-01-01,33\n")
        failed = cli("backtest", str(bad), "--dask", cluster.scheduler_address)
        assert failed.exit_code == 1 and "missing column(s)" in failed.stderr and "Traceback" not in failed.stderr
