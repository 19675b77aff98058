"""The file runner behind `legation extract --workers N`: units of work small enough to keep every worker busy to
the end, and a parent left as it was after forking."""

from __future__ import annotations

import gc

from legation.cli.extract import CHUNK, SOLO_CHUNK, chunks, run_files


def test_chunks_keep_the_order_and_stay_small_enough_to_balance_the_tail():
    paths = [f"doc{n}.txt" for n in range(465)]
    parts = chunks(paths, workers=2)
    assert [p for part in parts for p in part] == paths
    assert max(len(part) for part in parts) <= CHUNK <= 16
    assert len(parts) >= 2 * 8  # each of two workers takes many units, so the last one is short


def test_one_process_takes_big_units():
    assert [len(part) for part in chunks([f"d{n}" for n in range(70)], workers=1)] == [SOLO_CHUNK, SOLO_CHUNK, 6]


def test_few_files_are_spread_over_every_worker():
    assert [len(part) for part in chunks([f"d{n}" for n in range(6)], workers=3)] == [1] * 6


def test_forked_workers_give_the_records_of_one_process_and_leave_the_collector_as_it_was(tmp_path):
    paths = []
    for n in range(6):
        path = tmp_path / f"n{n}.txt"
        path.write_text(f"BAGHDAD - Drones attacked Harir base on Monday, officials said. Report {n}.\n",
                        encoding="utf-8")
        paths.append(path)
    one = [(o.path, [e.to_dict() for e in o.events]) for o in run_files(paths, published="2023-10-20")]
    two = [(o.path, [e.to_dict() for e in o.events]) for o in run_files(paths, published="2023-10-20", workers=2)]
    assert one == two and all(events for _, events in one)
    assert gc.get_freeze_count() == 0
