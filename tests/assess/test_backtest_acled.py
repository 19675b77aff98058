"""The backtest on ACLED exports: the feed read from its header, attacks as the mapping tables say (ASSAULT records
only), precision codes bounding the radius as for UCDP, dates added that are revisions, the same reading as
`assess`, and the held-out score of the Iraq fit on Kenya (slow, reads ../shared).

The fixture rows keep real rows' ids, dates, codes, coordinates, actors' and places' names and timestamps (Benin
2022 and Kenya 2004-2019 exports); their notes are left empty."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from legation.assess.backtest import detect_feed, read_feed
from legation.assess.counting import day_date
from legation.domain.errors import InputError

HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
          "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
          "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp")
BENIN = [
    # an attack on civilians placed to a village (geo_precision 1) and dated to the day
    "BEN876,27 December 2022,2022,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group "
    "(Benin),NA,3,Civilians (Benin),NA,7,37,Civilian targeting,204,Western Africa,Benin,Alibori,Malanville,NA,"
    "Noma Tounga,11.9065,3.2752,1,Undisclosed Source,Local partner-Other,,0,NA,1675102875",
    # an abduction dated only to the week (time_precision 2) near a town (geo_precision 2)
    "BEN889,18 December 2022,2022,2,Political violence,Violence against civilians,Abduction/forced disappearance,"
    "Unidentified Armed Group (Benin),NA,3,Civilians (Benin),Pastoralists (Benin),7,37,Civilian targeting,204,"
    "Western Africa,Benin,Borgou,Kalale,NA,Kalale,10.288,3.3792,2,Undisclosed Source,Local partner-Other,,0,NA,"
    "1675102875",
    # an armed clash, added to the feed weeks later
    "BEN860,16 December 2022,2022,1,Political violence,Battles,Armed clash,Unidentified Armed Group (Benin),NA,3,"
    "Police Forces of Benin (2016-),NA,1,13,NA,204,Western Africa,Benin,Alibori,Karimama,NA,Karimama,12.0684,3.1844,"
    "1,Banouto; L'investigateur,National,,1,NA,1675706204",
    # an attack placed only to the region (geo_precision 3: the province, 50 km)
    "BEN400,31 May 2021,2021,1,Political violence,Violence against civilians,Attack,Pirates (Benin),NA,3,Civilians "
    "(South Korea),NA,7,37,Civilian targeting,204,Western Africa,Benin,NA,NA,NA,Coast of Benin,6.2375,2.1643,3,AFP; "
    "Xinhua,Subnational-International,,0,NA,1624310472",
    # excessive force against protesters (an ASSAULT) dated only to the month: read, never placed in a week
    "BEN105,15 July 2016,2016,3,Political violence; Demonstrations,Protests,Excessive force against protesters,"
    "Police Forces of Benin (2016-),NA,1,Protesters (Benin),Students (Benin),6,16,Civilian targeting,204,Western "
    "Africa,Benin,Littoral,Cotonou,NA,Cotonou,6.3557,2.4353,1,Amnesty International,Other,,0,NA,1618268924",
    # a riot (an attack, as for assess); not attacks: a peaceful protest, a strategic development
    "BEN888,19 December 2022,2022,1,Political violence,Riots,Mob violence,Rioters (Benin),Vigilante Group (Benin),5,"
    "Civilians (Benin),NA,7,57,Civilian targeting,204,Western Africa,Benin,Donga,Copargo,NA,Taneka Beri,9.8506,"
    "1.501,1,Undisclosed Source,Local partner-Other,,0,crowd size=no report,1675102875",
    "BEN784,07 November 2022,2022,1,Demonstrations,Protests,Peaceful protest,Protesters (Benin),NA,6,NA,NA,0,60,NA,"
    "204,Western Africa,Benin,Atacora,Materi,NA,Dassari,10.8114,1.1439,1,Undisclosed Source,Local partner-Other,,0,"
    "crowd size=no report,1670257263",
    "BEN882,16 December 2022,2022,1,Strategic developments,Strategic developments,Change to group/activity,"
    "Unidentified Armed Group (Benin),NA,3,NA,NA,0,30,NA,204,Western Africa,Benin,Alibori,Karimama,NA,Kompa,12.2059,"
    "3.0347,1,Undisclosed Source,Local partner-Other,,0,NA,1675102875",
]
OLD_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
              "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,countycode,"
              "admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
              "timestamp,iso3")
KENYA = [  # the older layout: day-first dates with two-digit years; 2008 rows uploaded again in 2019
    "4975020,404,KEN2188,2188,01-01-08,2008,1,Battles,Armed clash,ODM: Orange Democratic Movement,,3,Police Forces of "
    "Kenya (2002-2013),,1,13,Eastern Africa,Kenya,Nairobi,Nairobi,Starehe,Nairobi Central,Nairobi,-1.283,36.817,1,"
    "All Africa,Regional,,0,1552577634,KEN",
    "4974535,404,KEN2399,2399,28-01-08,2008,1,Battles,Armed clash,Kikuyu Ethnic Militia (Kenya),,4,Police Forces of "
    "Kenya (2002-2013),,1,14,Eastern Africa,Kenya,Nairobi,Nairobi,Starehe,Nairobi Central,Nairobi,-1.283,36.817,1,"
    "All Africa,Regional,,0,1552577633,KEN",
    "4974923,404,KEN2215,2215,06-01-08,2008,1,Riots,Violent demonstration,Rioters (Kenya),,5,Police Forces of Kenya "
    "(2002-2013),,1,15,Eastern Africa,Kenya,Kisumu,Kisumu,Kisumu Central,Market Milimani,Kisumu,-0.1,34.75,1,"
    "Reuters,International,,1,1552577634,KEN",
    "6713578,404,KEN7181,7181,31-12-19,2019,1,Violence against civilians,Attack,Unidentified Armed Group (Kenya),,3,"
    "Civilians (Kenya),,7,37,Eastern Africa,Kenya,Samburu,Samburu,Samburu North,El-Barta,Baragoi,1.7833,36.7833,1,"
    "Kenyan Television NTV,National,,2,1578512391,KEN",
]


def _day(value) -> str:
    return day_date(int(value)).isoformat()


@pytest.fixture
def benin(tmp_path):
    path = tmp_path / "benin.csv"
    path.write_text("\n".join([HEADER, *BENIN]) + "\n")
    return path


@pytest.fixture
def kenya(tmp_path):
    path = tmp_path / "kenya.csv"
    path.write_text("\n".join([OLD_HEADER, *KENYA]) + "\n")
    return path


def test_the_header_says_which_feed_a_file_is(benin, kenya):
    assert detect_feed(HEADER) == "acled" and detect_feed(OLD_HEADER) == "acled"
    assert detect_feed('{"data": [{"event_id_cnty": "BEN876"}]}') == "acled"  # the API's answer as saved
    assert detect_feed("\ufeffid;year;type_of_violence;where_prec;date_prec") == "ucdp"
    with pytest.raises(InputError, match="neither a UCDP GED nor an ACLED header.*--feed"):
        detect_feed("site,lat,lon", "sites.csv")
    assert read_feed(benin).feed == "acled" and read_feed(kenya).feed == "acled"


def test_an_attack_is_an_assault_record_placed_by_the_counting_rule(benin):
    """Riots count as attacks, as in `assess` (one rule: counting.is_attack); peaceful protests and strategic
    developments are read but are not attacks; a week-precise row is dated on
    the first day of its week; a month-dated attack is never counted; geo_precision 1 and 2 speak for 10 km (a
    town, as UCDP's where_prec 1-2) and 3 for 50 km (a province, as where_prec 3-4)."""
    events = read_feed(benin)
    assert events.read == 8 and events.rejected == 0 and events.not_attacks == 2 and events.country == "BEN"
    assert len(events.day) == 6  # BEN876, BEN889, BEN860, BEN400, BEN105, BEN888 (the riot) in file order
    assert events.counted.tolist() == [True, True, True, True, False, True]
    assert [_day(d) for d in events.day[:4]] == ["2022-12-27", "2022-12-15", "2022-12-16", "2021-05-31"]
    assert events.uncertainty.tolist() == [10.0, 10.0, 10.0, 50.0, 10.0, 10.0]
    # known on the day ACLED added the row (its timestamp, UTC), never before the event's last day
    assert [_day(d) for d in events.known[:4]] == ["2023-01-30", "2023-01-30", "2023-02-06", "2021-06-21"]
    happened = read_feed(benin, known="happened")
    assert [_day(d) for d in happened.known[:4]] == ["2022-12-27", "2022-12-21", "2022-12-16", "2021-05-31"]
    assert np.array_equal(happened.day, events.day) and events.notices == []


def test_dates_added_years_late_are_named_as_revisions(kenya):
    """Kenya's 2008 rows carry 2019 timestamps: read by them, the run says the file's dates added are later
    revisions and how to read it instead; --known happened reads each as known on its last day."""
    events = read_feed(kenya)
    assert events.not_attacks == 0 and events.counted.sum() == 4  # the Kisumu riot is an attack
    assert [_day(d) for d in events.day] == ["2008-01-01", "2008-01-28", "2008-01-06", "2019-12-31"]
    assert [_day(d) for d in events.known] == ["2019-03-14", "2019-03-14", "2019-03-14", "2020-01-08"]
    assert len(events.notices) == 1 and "3 of 4 attacks were added" in events.notices[0]
    assert "--known happened" in events.notices[0]
    happened = read_feed(kenya, known="happened")
    assert [_day(d) for d in happened.known] == ["2008-01-01", "2008-01-28", "2008-01-06", "2019-12-31"]
    assert not happened.notices
    with pytest.raises(InputError, match="unknown --known"):
        read_feed(kenya, known="never")


def test_the_backtest_reads_a_file_as_assess_reads_it_once_imported(cli, benin):
    """Imported with `legation import acled`, the same rows give `assess`'s event table (read as `assess` reads the
    store: its types, riots among its attacks) the same days, known days, uncertainty and weekly attacks as the
    backtest's reader."""
    from legation.assess.counting import is_attack
    from legation.assess.events import EventTable
    from legation.assess.service import EVENT_TYPES
    from legation.store import open_store
    from legation.store.assessments import assessment_columns

    assert cli("import", "acled", str(benin)).exit_code == 0
    store = open_store(cli.db)
    try:
        with store.connect() as conn:
            table = EventTable.from_rows(assessment_columns(conn, types=EVENT_TYPES, since="2000-01-01",
                                                            until="2030-01-01"))
    finally:
        store.close()
    events = read_feed(benin)
    ours = sorted(zip(events.day.tolist(), events.known.tolist(), events.uncertainty.tolist(),
                      events.counted.tolist(), strict=True))
    violent = [is_attack(e.type, e.mode) for e in table.events]  # not the peaceful protest assess also reads
    theirs = sorted(row for row, keep in zip(zip(table.day.tolist(), table.known.tolist(), table.uncertainty.tolist(),
                                                 (table.attack & table.located).tolist(), strict=True),
                                             violent, strict=True) if keep)
    assert len(ours) == 6 and ours == theirs


def _acled_feed(path, seed: int, n=2500, hot=(9.35, 2.62), calm=(11.13, 2.94)):
    """A synthetic ACLED export of the current layout: attacks on two towns (80% on the first), 2010-2017."""
    rng = np.random.default_rng(seed)
    rows = [HEADER]
    for i in range(n):
        day = dt.date(2010, 1, 1) + dt.timedelta(days=int(rng.integers(0, 8 * 365)))
        lat, lon = hot if rng.random() < 0.8 else calm
        added = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) + 5 * 86400
        rows.append(f"BEN{i},{day},{day.year},1,Political violence,Battles,Armed clash,Armed group,NA,3,Police,NA,1,13,"
                    f"NA,204,Western Africa,Benin,Borgou,Parakou,NA,Town,{lat + rng.normal(0, 0.05):.4f},"
                    f"{lon + rng.normal(0, 0.05):.4f},1,Undisclosed Source,Local partner-Other,,0,NA,{added}")
    path.write_text("\n".join(rows) + "\n")
    return path


SITES = ("id,name,kind,sending_state,host_country,lat,lon\n"
         "a,Busy town,other,USA,BEN,9.35,2.62\nb,Quiet town,other,USA,BEN,11.13,2.94\n")


def test_fitted_on_a_ucdp_file_and_scored_on_an_acled_one(cli, tmp_path):
    """Each file's feed from its header: the fit says it was a UCDP GED file, the score that the test file is
    ACLED; forcing --feed ucdp on an ACLED file is one clear error."""
    from tests.assess.test_backtest import _synthetic_feed

    train = _synthetic_feed(tmp_path / "train.csv", 5, hot=(9.35, 2.62), calm=(11.13, 2.94),
                            country=("Benin", "BEN"))
    test = _acled_feed(tmp_path / "test.csv", 6)
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES)
    args = ("--test", str(test), "--sites", str(sites), "--radius", "25", "--from", "2016-06-01", "--to",
            "2017-05-31")
    result = cli("backtest", "--train", str(train), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["fitted"].startswith("UCDP GED train.csv (BEN") and scores["feed"] == "acled"
    assert scores["test"] == "test.csv" and scores["country"] == "BEN" and scores["weeks"] == 52
    assert scores["outcomes"] > 0 and scores["brier"] < scores["brier_climatology"] + 0.05
    rolling = json.loads(cli("backtest", *args, "--refit-weeks", "13", "--format", "json").stdout)
    assert rolling["feed"] == "acled" and rolling["fitted"].startswith("rolling origin")
    forced = cli("backtest", "--feed", "ucdp", *args)
    assert forced.exit_code == 1 and "missing column(s)" in forced.output and "type_of_violence" in forced.output


@pytest.mark.slow
def test_fitted_on_iraq_only_it_forecasts_kenya(cli, shared):
    """Held out: the Iraq fit (the shipped parameters' own), scored on ACLED Kenya 2010-2019 at 25 km around every
    place of 50,000+ people, each event known on its last day (the export's timestamps are 2019 revisions)."""
    result = cli("backtest", "--train", str(shared / "data" / "ucdp" / "conflict_data_irq.csv"), "--test",
                 str(shared / "data" / "acled" / "acled-kenya-2004-2019-old-layout.csv"), "--radius", "25",
                 "--from", "2010-01-01", "--to", "2019-12-31", "--known", "happened", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["feed"] == "acled" and scores["country"] == "KEN" and scores["sites"] == 58
    assert scores["weeks"] == 521 and scores["not_attacks"] > 0
    assert scores["bss_climatology"] >= 0.04 and scores["bss_hotspot"] >= 0.08
    assert scores["bss_rate52"] > 0 and scores["bss_counts_logistic"] > 0 and scores["ece"] <= 0.02
