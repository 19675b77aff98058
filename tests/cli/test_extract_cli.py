"""`legation extract` and `legation ingest`: records out, bad files skipped by name, workers keep the order."""

import json
import re
from pathlib import Path

import pytest

from legation.domain import Event, Evidence
from tests.conftest import run_legation

ATTACK = ("BAGHDAD, Oct. 18, 2023 - Two rockets struck a base hosting US troops near Baghdad airport on Tuesday, "
          "Iraqi security officials said.\n\nNo group claimed responsibility for the attack.\n")
PROTEST = ("KUWAIT CITY - Hundreds of protesters rallied outside the US embassy on Friday to denounce the war in "
           "Gaza.\n\nPolice set up checkpoints around the embassy compound.\n")
ARREST = ("ERBIL - Kurdish security forces arrested two men suspected of planning an attack on a coalition base, "
          "officials said on Wednesday.\n")


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for name, text in (("attack", ATTACK), ("protest", PROTEST), ("arrest", ARREST)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def bad_files(tmp_path):
    """One of each kind of bad input, and the reason each line must give."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "latin1.txt").write_bytes("Protest at the embassy in Bagdad \xe9".encode("latin-1"))
    (folder / "empty.txt").write_text("")
    (folder / "huge.txt").write_text("Rockets hit the base. " * 200)
    (folder / "a-folder.txt").mkdir()
    return {str(folder / "binary.txt"): "binary", str(folder / "latin1.txt"): "not UTF-8",
            str(folder / "empty.txt"): "empty", str(folder / "huge.txt"): "too large",
            str(folder / "a-folder.txt"): "folder", str(folder / "missing.txt"): "no such file"}


class FakeExtractor:
    """The extractor contract without the model: one ASSAULT per sentence saying "rockets", one PROTEST per
    sentence saying "protesters". Keeps the plumbing tests fast and independent of extraction quality."""

    def extract(self, report):
        events = []
        for match in re.finditer(r"[^.\n][^.]*\.", report.text):
            sentence = match.group(0).strip()
            start = report.text.index(sentence, match.start())
            for word, kind in (("rockets", "ASSAULT"), ("protesters", "PROTEST")):
                if word in sentence:
                    events.append(Event(doc=report.doc, report_id=report.id, type=kind,
                                        evidence=Evidence(sentence, start, start + len(sentence))))
        return events

    def extract_many(self, reports):
        for report in reports:
            yield report, self.extract(report)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr("legation.cli.extract.load_extractor", FakeExtractor)


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_extract_prints_one_record_a_line_named_by_file_stem(cli, articles):
    result = cli("extract", *articles, "--published", "2023-10-20")
    assert result.exit_code == 0, result.output
    events = records(result)
    assert {e["doc"] for e in events} <= {"attack", "protest", "arrest"}
    assert {"attack", "protest"} <= {e["doc"] for e in events}
    attack = next(e for e in events if e["doc"] == "attack" and e["type"] == "ASSAULT")
    assert attack["date"]["start"] == "2023-10-17"  # "on Tuesday" before a Friday publication
    texts = {"attack": ATTACK, "protest": PROTEST, "arrest": ARREST}
    for event in events:
        for key in ("type", "mode", "actors", "recipients", "location", "date", "evidence", "negated",
                    "hypothetical", "confidence"):
            assert key in event
        evidence = event["evidence"]
        assert texts[event["doc"]][evidence["start"]:evidence["end"]] == evidence["sentence"]


def test_extract_without_published_reads_the_date_line(cli, articles):
    events = records(cli("extract", articles[0]))
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["date"]["start"] == "2023-10-17"  # the Tuesday before "Oct. 18, 2023"


def test_extract_json_and_table_formats(cli, articles, fake):
    as_json = cli("extract", *articles, "--published", "2023-10-20", "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == records(cli("extract", *articles, "--published", "2023-10-20"))
    table = cli("extract", articles[1], "--published", "2023-10-20", "--format", "table")
    assert table.exit_code == 0 and "PROTEST" in table.stdout


def test_bad_files_are_skipped_one_line_each_and_the_rest_go_on(cli, articles, bad_files, fake):
    result = cli("extract", *bad_files, *articles, "--published", "2023-10-20", "--max-bytes", "2000")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(bad_files)
    for path, reason in bad_files.items():
        line = next(found for found in lines if path in found)
        assert reason in line, line
    assert {"attack", "protest"} <= {e["doc"] for e in records(result)}


def test_two_workers_print_the_same_records_in_the_same_order(cli, articles, tmp_path):
    many = []
    for n in range(4):
        for path in articles:
            copy = tmp_path / f"copy{n}-{path.rsplit('/', 1)[1]}"
            copy.write_text(Path(path).read_text().replace("Two", ["Two", "Three", "Four", "Five"][n]))
            many.append(str(copy))
    one = cli("extract", *many, "--published", "2023-10-20", "--workers", "1")
    two = cli("extract", *many, "--published", "2023-10-20", "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len({e["doc"] for e in records(one)}) >= 8


@pytest.mark.parametrize("args,message", [
    (("--published", "25/10/2023"), "not a date"),
    (("--workers", "999"), "--workers"),
])
def test_bad_options_are_one_line_errors(cli, articles, args, message, fake):
    result = cli("extract", articles[0], *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_bad_option_is_one_line_on_stderr(articles):
    result = run_legation("extract", articles[0], "--published", "2023-13-01")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["legation: error: not a date (want YYYY-MM-DD): '2023-13-01'"]


def test_no_paths_is_an_error(cli):
    result = cli("extract")
    assert result.exit_code == 1 and "article file" in result.stderr



def test_ingest_stores_reports_and_events_once(cli, articles):
    first = cli("ingest", *articles, "--published", "2023-10-20", "--format", "json")
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert {k: summary[k] for k in ("read", "imported", "duplicates", "rejected", "rejected_file")} == \
        {"read": 3, "imported": 3, "duplicates": 0, "rejected": 0, "rejected_file": None}
    stored = summary["events"]["inserted"]
    assert stored >= 2
    again = json.loads(cli("ingest", *articles, "--published", "2023-10-20", "--format", "json").stdout)
    assert (again["imported"], again["duplicates"], again["events"]) == \
        (0, 3, {"inserted": 0, "updated": 0, "unchanged": stored})
    from legation.store import open_store
    from legation.store.audit import entries
    from legation.store.events import count_events

    with open_store(cli.db).connect() as conn:
        assert count_events(conn) == stored
        assert len(entries(conn, action="report.ingest")) == 3
        written = entries(conn, action="events.extract")  # one entry for the batch; none for the unchanged rerun
        assert len(written) == 1 and written[0]["actor"].startswith("cli:")
    reports = json.loads(cli("reports", "list", "--format", "json").stdout)
    assert sorted(r["doc"] for r in reports) == ["arrest", "attack", "protest"]


def test_ingest_keeps_the_date_line_as_publication_date(cli, articles):
    cli("ingest", articles[0], "--format", "json")
    reports = json.loads(cli("reports", "list", "--format", "json").stdout)
    assert reports[0]["published"].startswith("2023-10-18")


def test_ingest_skips_bad_files_and_exits_1(cli, articles, bad_files, fake):
    result = cli("ingest", *articles, *bad_files, "--max-bytes", "2000", "--workers", "2", "--format", "json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["imported"], summary["rejected"]) == (9, 3, 6)
    assert len(result.stderr.strip().splitlines()) == 6


@pytest.mark.slow
def test_the_installed_command_reports_skips_in_its_exit_status(tmp_path, articles, bad_files):
    result = run_legation("--db", str(tmp_path / "x.db"), "ingest", *articles, list(bad_files)[0], "--format",
                          "json")
    assert result.returncode == 1
    assert "binary" in result.stderr
    assert json.loads(result.stdout)["imported"] == 3


def test_hundreds_of_files_come_out_in_input_order_with_workers(cli, tmp_path, fake):
    folder = tmp_path / "many"
    folder.mkdir()
    paths = []
    for n in range(300):
        path = folder / f"n{n:03d}.txt"
        path.write_text(f"Two rockets hit base number {n}.\n" if n % 7 else "\x00binary", encoding="utf-8")
        paths.append(str(path))
    result = cli("extract", *paths, "--published", "2023-10-20", "--workers", "2")
    assert result.exit_code == 1  # the binary ones were skipped
    docs = [e["doc"] for e in records(result)]
    assert docs == [f"n{n:03d}" for n in range(300) if n % 7]
    assert len(result.stderr.strip().splitlines()) == len([n for n in range(300) if not n % 7])


@pytest.mark.parametrize("name,content", [
    ("meta.html", '<html><head><meta property="article:published_time" content="2023-10-20T08:00:00Z">'
                  "<title>Base attacked</title></head><body><p>BAGHDAD - Two rockets struck a base hosting US "
                  "troops near Baghdad airport on Tuesday, officials said.</p></body></html>"),
    ("field.json", json.dumps({"title": "Base attacked", "published": "2023-10-20",
                               "text": "BAGHDAD - Two rockets struck a base hosting US troops near Baghdad airport "
                                       "on Tuesday, officials said."})),
])
def test_publication_date_from_html_meta_or_json_field_anchors_weekdays(cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.output
    attack = next(e for e in records(result) if e["type"] == "ASSAULT")
    assert (attack["doc"], attack["date"]["start"], attack["date"]["kind"]) == (path.stem, "2023-10-17", "exact")
