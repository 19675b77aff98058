"""Arguments and flags that must survive real prose (issue 16): short texts through the whole extractor."""

from __future__ import annotations

import pytest

from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2024-03-06")


def of_type(events, event_type):
    return [e for e in events if e.type == event_type]


def texts(parties):
    return [p.text for p in parties]


def names(parties):
    return [p.name for p in parties]


def test_no_group_claimed_is_one_negated_claim_and_no_attack_by_a_group(extract):
    events = extract("Gunmen attacked a police post in Kirkuk on Tuesday. No group has claimed responsibility "
                     "for the attack.")
    claims = of_type(events, "CLAIM")
    assert [(c.negated, texts(c.actors)) for c in claims] == [(True, [])]
    assert not any("group" in texts(e.actors) for e in events)


def test_a_group_that_has_not_claimed_an_attack_is_not_its_attacker(extract):
    events = extract("Islamic State has not claimed the attack.")
    assert [(e.type, e.negated, texts(e.actors)) for e in events] == [
        ("CLAIM", True, ["Islamic State"]), ("ASSAULT", False, [])]  # the attack stands; who did it is open


def test_us_with_full_stops_stays_one_word_and_names_the_attacker(extract):
    events = extract("A U.S. drone strike killed a senior commander of the militia in Baghdad on Thursday. "
                     "The U.S. military said the strike was in self-defence.")
    attack = of_type(events, "ASSAULT")[0]
    assert texts(attack.actors) == ["U.S."]
    assert attack.evidence.sentence.startswith("A U.S. drone strike killed")


ALERT = """SECURITY ALERT | IRAQ | Erbil

Contact: desk@alerts.example | +1 555 0100

Situation

Two drones struck a base near Erbil airport on Tuesday.

Advice

Avoid all protests and large gatherings. Limit movement near the airport.

Related alerts

SYRIA: Rocket attack on Green Village base (2 Jan)
"""


def test_page_furniture_is_never_an_event(extract):
    events = extract(ALERT)
    assert [e.evidence.sentence for e in events] == ["Two drones struck a base near Erbil airport on Tuesday."]


def test_the_publishers_advice_is_no_protest(extract):
    assert extract("Avoid all protests and large gatherings.") == []
    assert [e.type for e in extract("Protesters gathered outside the embassy on Friday.")] == ["PROTEST"]


def test_a_forecast_is_hypothetical(extract):
    events = extract("Retaliatory rocket attacks against the U.S. Embassy are likely in the coming days.")
    assert [(e.type, e.hypothetical) for e in events] == [("ASSAULT", True)]


def test_an_event_noun_is_never_the_actor(extract):
    events = extract("The strike, in the Mashtal district of eastern Baghdad, hit a vehicle carrying two "
                     "commanders.")
    assert events and all("strike" not in texts(e.actors) for e in events)


def test_a_group_calling_itself_by_a_name_is_that_name(extract):
    events = extract("A little-known armed group calling itself Ashab al-Kahf claimed responsibility for the "
                     "attack.")
    claim = of_type(events, "CLAIM")[0]
    assert names(claim.actors) == ["Ashab al-Kahf"]
    assert texts(claim.actors) == ["little-known armed group"]  # as written; the name is what it stands for


def test_the_group_is_the_organisation_named_before_it(extract):
    events = extract("Kataib Hezbollah fired rockets at the base on Monday. The group, which officials regard as "
                     "a front for Iran, has claimed attacks before.")
    claim = of_type(events, "CLAIM")[0]
    assert texts(claim.actors) == ["group"] and "Hezbollah" in names(claim.actors)[0]


def test_a_group_noun_with_nothing_named_before_stays_as_written(extract):
    events = extract("The group has claimed the attack.")
    assert texts(of_type(events, "CLAIM")[0].actors) == ["group"]


def test_an_announced_strike_is_a_claim_by_the_announcer(extract):
    events = extract("The IRGC announced missile strikes on targets in Idlib.")
    assert texts(of_type(events, "CLAIM")[0].actors) == ["IRGC"]
    assert extract("The ministry announced new measures.") == []


def test_who_was_behind_an_attack_in_reported_speech_is_the_speakers_allegation(extract):
    events = extract("A spokesman for the coalition said on Tuesday that Iran-backed militias were behind the "
                     "attacks.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["allege"], ["spokesman"], ["Iran-backed militias"])]


def test_a_plan_in_reported_speech_is_an_allegation_not_an_attack(extract):
    events = extract("Officials said the group planned attacks on foreign embassies.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["Officials"])]


def test_an_attack_told_by_a_source_stays_an_attack(extract):
    events = extract("The coalition said militias attacked the base on Tuesday.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["militias"])]


def test_a_warning_with_a_condition_is_a_threat_and_the_condition_no_event(extract):
    events = extract("Kataib Hezbollah warned on Sunday of an escalation against US forces if Washington refused "
                     "to withdraw its troops.")
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events] == [
        ("THREATEN", ["Kataib Hezbollah"], False), ("ASSAULT", ["Kataib Hezbollah"], True)]  # (and the attack it
    # threatens, no condition)


def test_armed_men_killing_people_attack_them_and_an_attack_s_toll_is_no_second_attack(extract):
    events = extract("Gunmen killed two guards at the consulate on Sunday.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Gunmen"])]
    events = extract("Security forces killed five militants on Monday.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Security forces"], ["five militants"])]
    events = extract("Militants attacked a police post near Quetta on Monday, killing three officers.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Militants"])]
    for text in ("The storm killed three people on Monday.", "Two guards were killed on Sunday.",
                 "The government said the floods killed 40 people."):
        assert "ASSAULT" not in [e.type for e in extract(text)], text


def test_two_acts_of_one_sentence_keep_their_own_doers(extract):
    events = extract("Gunmen killed two guards at the consulate on Sunday and a bomb exploded near the embassy on "
                     "Tuesday.", published="2024-03-07")
    assert sorted((e.date.start[:10], texts(e.actors), texts(e.recipients)) for e in events) == [
        ("2024-03-03", ["Gunmen"], ["two guards", "consulate"]), ("2024-03-05", [], ["embassy"])]
    events = extract("A bomb exploded near the embassy on Tuesday, days after gunmen stormed a hotel in the capital.")
    assert sorted((texts(e.actors), texts(e.recipients)) for e in events) == [
        ([], ["embassy"]), (["gunmen"], ["hotel"])]
    # a killing told in the same clause as the storming is its toll
    events = extract("Gunmen stormed the hotel and killed five guests on Friday.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Gunmen"])]


def test_one_saying_of_two_acts_is_one_claim(extract):
    events = extract("The Houthis said on Tuesday they had attacked a tanker in the Red Sea and fired drones at a US "
                     "warship.")
    claims = [e for e in events if e.type == "CLAIM"]
    assert [(texts(c.actors), sorted(texts(c.recipients))) for c in claims] == [(["Houthis"], ["US warship", "tanker"])]
    assert len([e for e in events if e.type == "ASSAULT"]) == 2


def test_the_condition_of_a_threat_to_act_is_no_event(extract):
    events = extract("Kataib Hezbollah threatened to attack US bases if Washington did not withdraw its troops.")
    assert "THREATEN" in [e.type for e in events]
    assert "RETREAT" not in [e.type for e in events], [(e.type, texts(e.actors)) for e in events]


def test_an_attack_a_party_says_it_will_make_is_its_threat(extract):
    events = extract("The Houthis said they would continue to target ships heading to Israel.")
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events] == [
        ("THREATEN", ["Houthis"], False), ("ASSAULT", ["Houthis"], True)]


def test_an_attack_a_party_says_it_made_is_not_a_threat(extract):
    events = extract("The Houthis said they had targeted a ship in the Red Sea.")
    assert "THREATEN" not in [e.type for e in events]


def test_a_title_abbreviation_ends_no_sentence(extract):
    events = extract("Brig. Gen. Pat Ryder said U.S. forces struck a militia depot in Jurf al-Sakhar on Sunday.")
    assert [e.evidence.sentence for e in events] == [
        "Brig. Gen. Pat Ryder said U.S. forces struck a militia depot in Jurf al-Sakhar on Sunday."]


def test_speaking_to_the_press_is_no_meeting_and_a_reporters_question_no_request(extract):
    assert extract("A spokesman for the army, speaking to AFP, said the talks would continue.") == []
    assert extract("Asked whether Baghdad would ask U.S. troops to leave, he told Reuters the talks would "
                   "continue.") == []
    assert [e.type for e in extract("The foreign minister met his Iraqi counterpart in Baghdad.")] == ["CONSULT"]


def test_a_crowd_storming_an_embassy_is_a_riot_not_an_armed_assault(extract):
    events = extract("Thousands of supporters of Iran-backed Iraqi militias stormed the outer wall of the US "
                     "embassy in Baghdad on Tuesday.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", ["riot"])]


@pytest.mark.parametrize("crowd", ["opponents of the government", "exiles", "migrants", "farmers"])
def test_a_crowd_named_for_its_cause_forcing_its_way_into_a_consulate_riots(extract, crowd):
    events = extract(f"About 40 {crowd} forced their way into the consulate on Tuesday.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", ["riot"])]


def test_two_dated_acts_in_one_sentence_are_two_records_each_with_its_date():
    run = runner("2024-06-18")
    events = run("Al-Shabaab militants attacked a police camp in Mandera on Saturday and bombed a passenger bus in "
                 "Lamu on Monday, police said on Tuesday.")
    assert [(e.type, e.date.start, texts(e.recipients)) for e in events] == [
        ("ASSAULT", "2024-06-15", ["police camp"]), ("ASSAULT", "2024-06-17", ["passenger bus"])]


def test_one_dated_act_keeps_the_sentences_date_not_the_reporting_date(extract):
    events = extract("Gunmen attacked a checkpoint on Sunday, officials said on Monday.")
    assert [e.date.start for e in events] == ["2024-03-03"]


def test_setting_off_a_bomb_is_an_explosive_attack_and_where_it_went_off_is_no_checkpoint_set_up(extract):
    events = extract("A suicide bomber set off a bomb at a checkpoint in Kabul on Monday.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["suicide bomber"])]
    assert "explosives" in events[0].mode
    assert "checkpoint" in texts(events[0].recipients)


def test_the_bomb_detonated_is_the_weapon_not_the_victim(extract):
    events = extract("Militants detonated a car bomb outside the embassy on Monday.")
    attack = of_type(events, "ASSAULT")[0]
    assert (texts(attack.actors), attack.mode) == (["Militants"], ["explosives"])
    assert "car bomb" not in texts(attack.recipients)


def test_setting_fire_to_a_building_stays_a_destructive_attack(extract):
    events = extract("Militants set fire to a police station in Basra on Sunday.")
    assert [(e.type, e.mode) for e in events if e.type == "ASSAULT"] == [("ASSAULT", ["destroy"])]
    # protesters doing the same riot (issue 16, pattern 6)
    assert [(e.type, e.mode) for e in extract("Protesters set fire to a police station in Basra on Sunday.")] == [
        ("PROTEST", ["riot"])]


def test_a_trigger_may_carry_several_condition_sets(tmp_path):
    import json

    from legation.extract.patterns import read_type

    path = tmp_path / "ASSAULT.json"
    path.write_text(json.dumps({"type": "ASSAULT", "verbs": {"set": [
        {"object": ["fire"], "mode": ["destroy"]}, {"particle": "off", "object": ["bomb"], "mode": ["explosives"]}]}}))
    _, rules = read_type(path)
    assert [(r.lemma, r.get("mode")) for r in rules] == [("set", ["destroy"]), ("set", ["explosives"])]


def test_a_party_saying_it_hit_a_ship_claims_the_attack_it_tells_of(extract):
    events = extract("SANAA - Yemen's Houthis said on Monday they had hit a US-owned cargo ship in the Gulf of Aden "
                     "with naval missiles.", published="2024-01-16")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Yemen's Houthis",)), ("CLAIM", ("Yemen's Houthis",))]  # (as written, with their country)
    claim = of_type(events, "CLAIM")[0]
    assert texts(claim.recipients) == ["US-owned cargo ship"]
    assert claim.date.start[:10] <= "2024-01-15" <= claim.date.end[:10]


def test_says_it_has_hit_targets_is_a_claim_by_the_speaker(extract):
    events = extract("The army says it has hit targets in Gaza.")
    assert sorted((e.type, tuple(texts(e.actors)), e.hypothetical) for e in events) == [
        ("ASSAULT", ("army",), False), ("CLAIM", ("army",), False)]


def test_something_that_hit_a_town_is_no_attack_unless_a_party_says_it_did(extract):
    assert extract("The storm hit the town on Monday. The minister said it hit the market hard.") == []


def test_a_group_saying_it_attacked_an_enemy_position_claims_it(extract):
    events = extract("Hezbollah said in a statement it had attacked an Israeli position with guided missiles.")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Hezbollah",)), ("CLAIM", ("Hezbollah",))]
    assert extract("The senator attacked the government's position on taxes.") == []


def test_claimed_it_struck_is_a_claim_by_the_claimant(extract):
    events = extract("Kataib Hezbollah claimed it struck the US base at Tanf.")
    assert [texts(e.actors) for e in of_type(events, "CLAIM")] == [["Kataib Hezbollah"]]


def test_a_bombing_given_as_the_reason_for_strikes_is_an_earlier_attack_of_its_own(extract):
    events = extract("TEHRAN - Iran's Revolutionary Guards announced on Tuesday that they had fired ballistic missiles "
                     "at militant bases in Syria's Idlib province, saying the strikes were revenge for a bombing in "
                     "the city of Kerman this month.", published="2024-01-16")
    attacks = of_type(events, "ASSAULT")
    assert sorted(tuple(texts(a.actors)) for a in attacks) == [(), ("Iran's Revolutionary Guards",)]
    bombing = next(a for a in attacks if not a.actors)  # the Guards avenge it; who did it is left open
    assert (bombing.mode, bombing.location.country) == (["explosives"], "IRN")


def test_fighting_that_broke_out_between_two_groups_has_both_as_actors(extract):
    events = extract("TRIPOLI - Heavy fighting broke out in Tripoli on Monday night between two of the Libyan "
                     "capital's most powerful armed groups, the 444 Brigade and the Special Deterrence Force.",
                     published="2023-08-16")
    [clash] = of_type(events, "ASSAULT")
    assert (texts(clash.actors), texts(clash.recipients)) == (["444 Brigade", "Special Deterrence Force"], [])
    assert clash.location.country == "LBY"


def test_a_group_saying_its_fighters_killed_claims_the_attack_and_the_attack_is_its_own(extract):
    events = extract("NAIROBI - Al-Shabaab said on Monday its fighters had killed several Kenyan police officers when "
                     "they ambushed a patrol near the border town of Mandera on Sunday.", published="2023-06-13")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Al-Shabaab",)), ("CLAIM", ("Al-Shabaab",))]  # not an attack by "fighters" or "they"
    claim, attack = of_type(events, "CLAIM")[0], of_type(events, "ASSAULT")[0]
    assert (claim.date.start[:10], claim.date.end[:10]) == ("2023-06-12", "2023-06-12")  # said on Monday
    assert (attack.date.start[:10], attack.date.end[:10]) == ("2023-06-11", "2023-06-11")  # ambushed on Sunday
    assert attack.location.country == "KEN"


def test_a_leader_telling_of_the_groups_own_attack_claims_it_for_the_group(extract):
    events = extract("SANAA - The leader of the Houthi movement, Abdul-Malik al-Houthi, spoke on television on "
                     "Thursday. He said the group's forces had fired missiles at ten ships this week.",
                     published="2024-02-02")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Abdul-Malik al-Houthi",)), ("CLAIM", ("Abdul-Malik al-Houthi",))]  # not "group's forces"


def test_a_group_noun_stands_for_the_body_whose_leader_spoke(extract):
    events = extract("The leader of the Houthi movement warned on Thursday that ships would be targeted. The group "
                     "claimed an attack on a tanker on Friday.", published="2024-02-03")
    claim = of_type(events, "CLAIM")[0]
    assert texts(claim.actors) == ["group"] and "Houthi" in names(claim.actors)[0]


def test_a_state_saying_it_killed_fighters_in_a_strike_claims_the_attack(extract):
    events = extract("Israel said it killed two Hezbollah fighters in a strike near the border on Sunday.",
                     published="2023-10-17")
    assert sorted((e.type, tuple(texts(e.actors)), tuple(texts(e.recipients))) for e in events) == [
        ("ASSAULT", ("Israel",), ("two Hezbollah fighters",)), ("CLAIM", ("Israel",), ("two Hezbollah fighters",))]
    assert {e.date.start[:10] for e in events} == {"2023-10-15"}


def test_killed_in_a_strike_is_an_attack_and_a_strike_alone_is_not(extract):
    attack = extract("Two fighters were killed in a strike near the border on Sunday.", published="2023-10-17")
    assert [(e.type, texts(e.recipients)) for e in attack] == [("ASSAULT", ["Two fighters"])]
    assert extract("Dock workers began a strike on Sunday.", published="2023-10-17") == []
    assert extract("Residents said they killed a snake.", published="2023-10-17") == []  # not a party's attack


def test_what_a_groups_statement_says_its_fighters_did_is_its_claim(extract):
    events = extract("MAPUTO, Feb 13 (Reuters) - Insurgents ambushed a convoy of Rwandan soldiers in Cabo Delgado "
                     "province on Wednesday, killing four of them.\n\nIslamic State said in a statement published by "
                     "its Amaq news agency on Thursday that its fighters had killed or wounded more than 10 \"Rwandan "
                     "crusaders\" and set fire to two vehicles.", published="2026-02-13")
    # the parse hangs what was said on "statement" ("a statement that ..."), not on "said"
    claims = of_type(events, "CLAIM")
    assert [texts(c.actors) for c in claims] == [["Islamic State"]]
    assert "its fighters" not in {a.text for e in events for a in e.actors}


def test_a_strike_a_ministry_says_its_forces_carried_out_is_its_claim_and_later_mentions_are_it(extract):
    events = extract("The defence ministry said its forces had carried out a massive strike on military sites on "
                     "Sunday. The strike hit a depot.", published="2025-09-08")
    assert [texts(c.actors) for c in of_type(events, "CLAIM")] == [["defence ministry"]]
    attacks = of_type(events, "ASSAULT")  # "The strike" is that one, told again
    assert [texts(a.actors) for a in attacks] == [["defence ministry"]] * 2
    assert attacks[1].extra["same_as"] == attacks[0].id


def test_what_a_telegram_statement_says_its_fighters_hit_is_the_groups_claim(extract):
    events = extract("The Islamic Resistance in Iraq said in a Telegram statement that its fighters had hit the base "
                     "with drones.")
    assert sorted((e.type, tuple(texts(e.actors)), tuple(texts(e.recipients))) for e in events) == [
        ("ASSAULT", ("Islamic Resistance in Iraq",), ("base",)), ("CLAIM", ("Islamic Resistance in Iraq",), ("base",))]
    assert extract("Officials said the storm hit the town.") == []  # "hit" said of another is no attack


def test_a_speaker_whose_own_men_were_attacked_claims_nothing(extract):
    events = extract("The army said its soldiers were attacked by militants near Mandera on Sunday.",
                     published="2023-06-13")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["militants"])]


def test_a_place_named_inside_a_province_phrase_is_where_the_strike_fell_not_a_town_named_later(extract):
    events = extract("TEHRAN - Iran's Revolutionary Guards announced on Tuesday that they had fired ballistic missiles "
                     "at what they called gatherings of terrorist groups in Syria's Idlib province, saying the strikes "
                     "were revenge for a bombing in the city of Kerman this month.", published="2024-01-16")
    places = sorted((e.type, bool(e.actors), e.location.text, e.location.country) for e in events)
    assert places == [("ASSAULT", False, "Kerman", "IRN"), ("ASSAULT", True, "Idlib", "SYR"),
                      ("CLAIM", True, "Idlib", "SYR")]


def test_a_province_the_gazetteer_lacks_lies_in_the_country_that_qualifies_it(extract):
    events = extract("DAMASCUS - The Islamic Resistance in Iraq said on Tuesday that it had attacked a base housing US "
                     "troops in Syria's Deir el-Zour province with two drones.", published="2023-10-25")
    assert {e.location.country for e in events} == {"SYR"}


def test_a_capital_is_the_capital_not_an_older_name_of_a_bigger_city(extract):
    events = extract("ISLAMABAD - Thousands of opposition supporters protested outside parliament in Islamabad on "
                     "Sunday.", published="2024-02-12")
    assert events and {(e.location.text, e.location.country) for e in events} == {("Islamabad", "PAK")}


def recipients_of(events, event_type):
    return [texts(e.recipients) for e in of_type(events, event_type)]


def test_recipients_come_from_the_triggers_own_clause(extract):
    # the weapon is no victim: the convoy it was driven into is, and whom tear gas was fired to push back
    assert recipients_of(extract("A suicide bomber rammed an explosives-laden car into a convoy carrying engineers "
                                 "on Tuesday."), "ASSAULT") == [["convoy"]]
    assert recipients_of(extract("Jordanian police fired tear gas on Friday to push back thousands of protesters."),
                         "ASSAULT") == [["thousands of protesters"]]
    # what an event noun's own verb hit or killed, and what a bomb went off beside
    assert recipients_of(extract("A U.S. drone strike killed a senior commander of Harakat al-Nujaba on Thursday."),
                         "ASSAULT") == [["senior commander of Harakat al-Nujaba"]]
    assert recipients_of(extract("A car bomb exploded beside a convoy carrying the governor of Aden on Sunday."),
                         "ASSAULT") == [["convoy"]]


def test_a_threat_is_against_what_it_threatens_never_its_condition(extract):
    events = extract("Hezbollah threatened on Tuesday to attack US bases in Iraq if Washington intervened.")
    assert recipients_of(events, "THREATEN") == [["US bases"]]


def test_the_whole_not_its_part_and_the_party_whose_act_is_judged(extract):
    assert recipients_of(extract("Protesters stormed the outer wall of the US embassy on Tuesday."),
                         "PROTEST") == [["US embassy"]]
    assert recipients_of(extract("Saudi Arabia said on Thursday it backed Iraq's efforts to protect diplomatic "
                                 "missions."), "SUPPORT") == [["Iraq"]]


def test_where_a_claim_was_posted_is_no_recipient(extract):
    events = extract("The Islamic Resistance in Iraq claimed the attack in a statement on Telegram.")
    assert recipients_of(events, "CLAIM") == [[]]


def test_an_outlet_named_after_the_report_stays_in_its_sentence(extract):
    events = extract("Militants attacked a checkpoint in Mosul on Sunday, The Associated Press reported. Gunmen "
                     "ambushed a patrol near Kirkuk on Monday, U.S. officials told The Washington Post.")
    assert [e.evidence.sentence for e in events] == [
        "Militants attacked a checkpoint in Mosul on Sunday, The Associated Press reported.",
        "Gunmen ambushed a patrol near Kirkuk on Monday, U.S. officials told The Washington Post."]
    assert not any(e.type in ("CONSULT", "REQUEST") for e in events)


def test_what_a_reporter_asked_about_is_no_event_of_the_sentence(extract):
    assert extract("Asked about the attack, the spokesman told AFP that the army would respond.") == []
    assert extract("The minister told Reuters when asked about the strikes that the talks would continue.") == []


def test_a_party_disowning_an_attack_is_a_negated_attack_by_it(extract):
    for text in ("Hezbollah said it had nothing to do with the attack on the convoy.",
                 "Hezbollah said it had not been involved in the attack on the convoy."):
        assert [(e.type, e.negated, texts(e.actors)) for e in extract(text)] == [
            ("ASSAULT", True, ["Hezbollah"])], text
    # one who says another was involved disowns nothing
    assert [e.negated for e in extract("Police said the man was involved in the attack.")] == [False]


def test_a_second_act_of_one_who_denies_is_not_denied(extract):
    events = extract("The RSF denied any role in the shelling and accused the army of targeting the camp.")
    assert [(e.negated, texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (False, ["RSF"], ["army"])]
    denied = extract("The group denied attacking and killing the soldiers.")  # both acts are what is denied
    assert [(e.type, e.negated) for e in denied] == [("ASSAULT", True)]


@pytest.mark.parametrize("text, asker, asked", [
    ("Parliament speaker Mohammed al-Halbousi said the rocket fire harmed Iraq's standing and urged the security "
     "services to track down those responsible.", ["Mohammed al-Halbousi"], ["security services"]),
    ("Foreign Minister Andrii Sybiha said the strike showed that Moscow respects no borders and urged partners to "
     "send more air defence systems.", ["Andrii Sybiha"], ["partners"]),
], ids=["said-and-urged", "said-that-showed-and-urged"])
def test_urging_joined_to_what_was_said_is_the_speakers_request(extract, text, asker, asked):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "REQUEST")] == [(asker, asked)]


def test_a_second_act_with_its_own_tense_is_not_as_unreal_as_the_first(extract):
    events = extract("The embassy said it would keep working but had moved its staff into a basement shelter.")
    assert [(e.type, e.hypothetical) for e in events] == [("PROTECT", False)]
    assert [e.hypothetical for e in extract("The group would attack the base and kill everyone.")] == [True]


def test_the_second_thing_a_speaker_says_it_did_is_its_own(extract):
    events = extract("The U.S. embassy said all of its personnel were safe and that it had restricted staff "
                     "movements outside the compound.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ADVISORY", ["U.S. embassy"])]


def test_staff_ordered_to_stay_put_are_no_ordered_departure(extract):
    events = extract("UN staff were ordered to remain in bunkers overnight, a UN official said.")
    assert [(e.type, e.mode) for e in events] == [("PROTECT", ["order"])]  # sheltered: protected, not sent away
    assert [e.mode for e in extract("The State Department ordered non-emergency staff to leave the embassy.")] == [
        ["ordered-departure"]]


def test_who_denies_in_a_relative_clause_is_the_one_it_hangs_on(extract):
    events = extract("The Houthis blamed the coalition, which denied that it had targeted the site.")
    assert sorted((e.type, e.negated, texts(e.actors)) for e in events) == [
        ("ACCUSE", False, ["Houthis"]), ("ASSAULT", True, ["coalition"])]


def test_placing_a_town_under_martial_law_restricts_it(extract):
    [coerce] = extract("Hours later the junta placed two townships under martial law.")
    assert (coerce.type, coerce.mode, texts(coerce.actors)) == ("COERCE", ["restrict"], ["junta"])


def test_one_side_telling_that_the_other_attacked_is_a_charge_and_the_attack_stands_without_a_doer(extract):
    events = extract("The paramilitary Rapid Support Forces said the army had attacked the convoy.")
    assert sorted((e.type, texts(e.actors), texts(e.recipients)) for e in events) == [
        ("ACCUSE", ["Rapid Support Forces"], ["army"]), ("ASSAULT", [], ["convoy"])]
    for report in ("Police said Islamic State fighters attacked a checkpoint.",
                   "Iran launched missiles at the base on Monday, Qatar said."):
        assert [e.type for e in extract(report)] == ["ASSAULT"], report  # a report, not a charge


def test_armed_men_seizing_people_abduct_them_and_police_seizing_them_arrest_them(extract):
    [abduction] = extract("Gunmen seized two aid workers on Monday.")
    assert (abduction.type, "abduct" in abduction.mode, texts(abduction.recipients)) == (
        "ASSAULT", True, ["two aid workers"])
    [arrest] = extract("Police seized two suspects in a raid.")
    assert arrest.type == "COERCE"


def test_wreckage_is_no_actor(extract):
    events = extract("Wreckage of a Russian drone shot down over Kyiv crashed into the grounds of the embassy.")
    assert events and not any("Wreckage" in a.text for e in events for a in e.actors)


def test_an_arrest_a_force_tells_of_in_the_passive_is_its_own(extract):
    [arrest] = extract("Tehran's police chief said the gunman had been arrested at the scene.")
    assert (arrest.type, texts(arrest.actors), texts(arrest.recipients)) == (
        "COERCE", ["Tehran's police chief"], ["gunman"])
    [told] = extract("Residents said two men had been arrested.")
    assert told.actors == []  # residents arrest no one


@pytest.mark.parametrize("text, threatener", [
    ("Macron's office said on Sunday that France would respond immediately and firmly to any attack on its "
     "nationals.", ["France"]),
    ("The presidency said in a statement that anyone who attacked its diplomats would see France respond "
     "immediately.", ["France"]),
    ("Iran said it would retaliate against any aggression.", ["Iran"]),
], ids=["would-respond-firmly", "would-see-france-respond", "would-retaliate"])
def test_a_response_a_state_says_it_would_make_is_its_threat(extract, text, threatener):
    threats = of_type(extract(text), "THREATEN")
    assert [texts(t.actors) for t in threats] == [threatener]


def test_responding_with_force_is_an_attack_and_answering_questions_is_not(extract):
    assert [e.type for e in extract("The army responded with artillery fire on Monday.")] == ["ASSAULT"]
    assert extract("The ministry responded to questions on Monday.") == []


def test_it_opening_the_next_sentence_is_the_subject_of_the_one_before(extract):
    events = extract("The Israeli military said its troops had fired warning shots. It accused Hezbollah of "
                     "operating close to U.N. positions.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["Israeli military"], ["Hezbollah"])]
    assert of_type(extract("The talks ended on Monday. It accused Hezbollah of lying."), "ACCUSE") == []


def test_what_several_weapons_were_fired_at_is_the_target(extract):
    [attack] = extract("Russia fired more than 400 drones and 20 missiles at Ukraine overnight.",
                       published="2025-09-08")
    assert (texts(attack.actors), texts(attack.recipients)) == (["Russia"], ["Ukraine"])


NEWS_PAGE = """World > Middle East > Iraq

Rocket fire hits near Baghdad airport

By Our Correspondent in Baghdad

Posted 14 February 2024, 10:02 GMT

Follow us on X

Three rockets struck near Baghdad International Airport on Tuesday night, causing no casualties, officials said.

READ MORE: Drone attack targets Erbil base

See also: Protesters storm Kirkuk council building

Readers are advised to avoid the airport road after dark.

Got a story? Contact the newsroom at tips@gulfwire.example or +964 770 000 0000.

© 2024 Gulf Wire. All rights reserved.
"""


def test_a_news_pages_trail_byline_and_inline_related_links_are_no_events(extract):
    events = extract(NEWS_PAGE, published="2024-02-14")
    assert [(e.type, e.evidence.sentence[:40]) for e in events] == [
        ("ASSAULT", "Three rockets struck near Baghdad Intern")]


def test_the_rest_of_a_related_links_line_and_a_photo_caption_are_no_events(extract):
    page = ("KABUL - A car bomb exploded at a checkpoint in Kabul on Thursday, officials said.\n\n"
            "Photo: Security personnel inspect the site of a car bomb blast in Kabul.\n\n"
            "Related: Timeline: talks on ending Afghanistan's war\n")
    assert [e.evidence.sentence[:20] for e in extract(page)] == ["A car bomb exploded "]


def test_a_vendors_assessment_block_is_furniture_but_a_reported_forecast_stays_hypothetical(extract):
    page = ("Situation\n\nTwo drones struck a base near Erbil airport on Tuesday.\n\nAssessment\n\n"
            "Retaliatory rocket attacks against the U.S. Embassy are likely in the coming days.\n")
    assert [e.evidence.sentence for e in extract(page)] == ["Two drones struck a base near Erbil airport on Tuesday."]
    assert [(e.type, e.hypothetical) for e in extract(
        "Retaliatory rocket attacks against the U.S. Embassy are likely in the coming days.")] == [("ASSAULT", True)]


def test_an_attack_a_party_is_linked_to_is_told_elsewhere(extract):
    assert "ASSAULT" not in [e.type for e in extract("Iran's foreign ministry rejected any attempt to link Tehran to "
                                                     "the attack.")]
    events = extract("Gunmen attacked a bus on Monday. Police blamed the attack on Islamic State.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Gunmen"], ["bus"]), ("ACCUSE", ["Police"], ["Islamic State"])]


def test_a_killing_is_no_attacker(extract):
    events = extract("Hezbollah said the killing was a serious assault on Lebanon.")
    assert all("killing" not in texts(e.actors) for e in events)


def test_a_crowd_setting_fire_to_a_mission_riots_and_armed_men_doing_so_attack(extract):
    events = extract("Thousands of supporters of the junta tried to force their way into the French embassy on "
                     "Sunday, setting a door ablaze.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("PROTEST", ["riot"], ["Thousands of supporters of the junta"])]
    assert [(e.type, e.mode) for e in extract("Demonstrators torched the offices of several parties on Monday.")] == [
        ("PROTEST", ["riot"])]
    assert [(e.type, e.mode) for e in extract("Militants set fire to a police station on Sunday.")] == [
        ("ASSAULT", ["destroy"])]


def test_a_country_named_in_words_is_not_where_the_words_were_said(extract):
    events = extract("BEIRUT - Lebanese officials blamed Israel on Wednesday for the killing of a Hamas leader.",
                     published="2024-01-03")
    accusations = of_type(events, "ACCUSE")
    assert accusations and {e.location.country for e in accusations} == {"LBN"}


def test_being_met_with_a_response_is_no_meeting(extract):
    assert "CONSULT" not in [e.type for e in extract("Any aggression against our country will be met with a "
                                                     "response, he said.")]
    assert [e.type for e in extract("The minister was met by his Iraqi counterpart at the airport on Monday.")] == [
        "CONSULT"]


def test_an_attack_only_planned_is_no_event_unless_someone_says_who_planned_it(extract):
    assert "ASSAULT" not in [e.type for e in extract(
        "Security forces arrested four men suspected of planning a drone attack.")]
    events = extract("Officials said the group planned attacks on the embassy.")
    assert [(e.type, e.mode) for e in events] == [("ACCUSE", ["allege"])]


def test_an_attack_claimed_is_the_claimants_and_keeps_its_own_date(extract):
    events = extract("BAGHDAD - A little-known armed group calling itself Ashab al-Kahf claimed responsibility on "
                     "Tuesday for a roadside bomb that struck a convoy of trucks carrying supplies for the coalition "
                     "on the highway south of Baghdad on Monday.", published="2020-08-12")
    attack = of_type(events, "ASSAULT")[0]
    assert (names(attack.actors), texts(attack.recipients)) == (["Ashab al-Kahf"], ["convoy"])
    assert (attack.date.start[:10], attack.date.end[:10]) == ("2020-08-10", "2020-08-10")
    claim = of_type(events, "CLAIM")[0]
    assert (claim.date.start[:10], claim.date.end[:10]) == ("2020-08-11", "2020-08-11")


def test_a_report_accusing_in_a_relative_clause_keeps_the_sentences_date(extract):
    events = extract("Burkina Faso's military government on Thursday suspended the broadcasts of the BBC over its "
                     "coverage of a report that accused the army of killing at least 223 villagers in February.",
                     published="2024-04-26")
    accusation = of_type(events, "ACCUSE")[0]
    assert not accusation.date.start.startswith("2024-02")  # February dates the killings, not the accusation


def test_the_group_is_the_name_it_was_given_before(extract):
    events = extract("A little-known armed group calling itself Ashab al-Kahf claimed responsibility for a roadside "
                     "bomb on Monday. The group, which officials regard as a front for older factions, said in a "
                     "Telegram post that it had destroyed two vehicles.", published="2020-08-12")
    assert {n for e in events for n in names(e.actors)} == {"Ashab al-Kahf"}


def test_those_killed_in_strikes_are_their_targets_and_the_state_qualifying_the_weapon_attacks(extract):
    events = extract("Four fighters of the Syrian Democratic Forces and a civilian were killed on Thursday in Turkish "
                     "drone strikes near Qamishli, the SDF said.")
    [attack] = of_type(events, "ASSAULT")
    assert (texts(attack.actors), texts(attack.recipients)) == (
        ["Turkish"], ["Four fighters of the Syrian Democratic Forces", "civilian"])


def test_a_ministry_saying_its_forces_neutralised_militants_claims_it(extract):
    events = extract("Turkey's defence ministry said its forces had neutralised 27 militants in northern Iraq.")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Turkey's defence ministry",)), ("CLAIM", ("Turkey's defence ministry",))]


def test_a_spokesman_denying_his_forces_attacked_is_a_negated_attack_by_him_and_no_claim(extract):
    events = extract("Haftar's spokesman, Ahmed al-Mismari, denied that his forces had targeted the airport.")
    assert [(e.type, e.negated, texts(e.actors)) for e in events] == [("ASSAULT", True, ["Ahmed al-Mismari"])]


def test_an_attack_claimed_after_it_was_told_is_one_attack_by_the_claimant(extract):
    events = extract("BAGHDAD - Three rockets struck Ain al-Asad air base in western Iraq on Wednesday, a US official "
                     "said. The Islamic Resistance in Iraq claimed responsibility for the attack in a statement.",
                     published="2023-10-25")
    assert [(e.type, texts(e.actors), e.date.start[:10]) for e in events] == [
        ("ASSAULT", ["Islamic Resistance in Iraq"], "2023-10-25"), ("CLAIM", ["Islamic Resistance in Iraq"],
                                                                     "2023-10-18")]


def test_it_said_its_fighters_is_the_claim_of_the_group_named_before(extract):
    events = extract("The Islamic Resistance in Iraq issued a statement on Saturday. It said its fighters had "
                     "ambushed the trucks near Sinjar on Friday.", published="2024-03-04")
    assert sorted((e.type, texts(e.actors)) for e in events) == [
        ("ASSAULT", ["Islamic Resistance in Iraq"]), ("CLAIM", ["Islamic Resistance in Iraq"])]
    # no organisation named before: "it" stands for no one, and no one is invented
    events = extract("Heavy rain fell on Saturday. It said its fighters had ambushed the trucks near Sinjar on Friday.",
                     published="2024-03-04")
    assert [(e.type, e.actors) for e in events] == [("ASSAULT", [])]


def test_what_a_travel_advisory_urges_is_its_content_no_request(extract):
    events = extract("The department also kept its travel advisory for Iraq at Level 4, urging Americans not to "
                     "travel to the country.")
    assert [e.type for e in events] == ["ADVISORY"]
    # a minister urging citizens not to travel gives travel advice too: the advice, not a request of them
    assert [e.type for e in extract("The minister urged Americans not to travel to the country.")] == ["ADVISORY"]
    assert "REQUEST" in [e.type for e in extract("The minister urged Iraq to protect the embassy.")]


@pytest.mark.parametrize("text, actors, hit", [
    ("An Irish soldier serving with the peacekeeping force was killed on Wednesday when gunmen fired on his convoy.",
     ["gunmen"], ["his convoy", "Irish soldier"]),  # the dead of a passive toll were hit too
    ("Militants killed two officers when they ambushed a patrol near Kirkuk on Monday.",
     ["Militants"], ["patrol", "two officers"]),  # "they" is the killers: the killing's doers do the ambush
    ("A bus hit a roadside bomb in Ghazni province on Tuesday, killing six passengers.",
     [], ["bus", "six passengers"]),  # what struck a mine is its target, never its doer
    ("A peacekeeper was killed and two others were wounded on Monday when their convoy struck a mine near Gao.",
     [], ["their convoy", "two others", "peacekeeper"]),
], ids=["passive-toll", "killers-who-ambush", "bus-hit-a-bomb", "convoy-struck-a-mine"])
def test_an_attack_hit_its_dead_and_wounded_and_a_mine_has_no_doer(extract, text, actors, hit):
    attacks = of_type(extract(text), "ASSAULT")
    assert [(texts(a.actors), texts(a.recipients)) for a in attacks] == [(actors, hit)]


def test_gunmen_after_a_dateline_are_still_gunmen(extract):
    # after "BAGHDAD -" the tagger reads "Gunmen" as a name with no lemma; its singular is still an armed man
    attacks = of_type(extract("BAGHDAD - Gunmen stormed a checkpoint on Monday, killing three policemen."), "ASSAULT")
    assert [(texts(a.actors), texts(a.recipients)) for a in attacks] == [
        (["Gunmen"], ["checkpoint", "three policemen"])]


@pytest.mark.parametrize("text, target", [
    ("The Pentagon said the drone was shot down before it reached the garrison.", ["garrison"]),
    ("A drone attack targeted the Harir air base on Monday night, officials said. The drone was shot down and there "
     "were no casualties.", ["Harir air base"]),  # what the attack told just before was aimed at
    ("A drone attack targeted the Harir air base on Monday. The base hosts coalition troops. Its runway was repaired "
     "last year. Officials said two drones were intercepted over Erbil on Friday.", []),  # too far back to say
], ids=["before-it-reached", "the-attack-before", "three-sentences-on"])
def test_a_downed_drone_protects_what_it_flew_at(extract, text, target):
    downed = of_type(extract(text), "PROTECT")
    assert [texts(p.recipients) for p in downed] == [target]


@pytest.mark.parametrize("text, expected", [
    ("Britain updated its travel advice for Nigeria on Monday, warning of an increased threat of attacks in Abuja.",
     [("ADVISORY", ["Britain"], False)]),  # one advisory; the attacks warned of are a risk, not an event
    ("The embassy warned in a security alert on Sunday of a heightened threat of attacks by militants in Abuja.",
     [("ADVISORY", ["embassy"], False)]),  # warning of a threat is no threat by the one warning
    ("Kataib Hezbollah warned of attacks on US forces if they did not leave.",
     [("THREATEN", ["Kataib Hezbollah"], False), ("ASSAULT", [], True)]),  # a party's own threat stays one
], ids=["advice-warning-of-a-threat", "an-alert-warning-of-a-threat", "a-threat-of-ones-own"])
def test_a_warning_of_a_risk_is_advice_and_no_attack(extract, text, expected):
    assert [(e.type, texts(e.actors), e.hypothetical) for e in extract(text)] == expected


def test_its_threat_is_the_subjects_and_threatens_what_the_attacks_would_hit(extract):
    events = extract("Kataib Hezbollah renewed its threat of attacks on US bases on Monday.")
    threat = of_type(events, "THREATEN")
    assert [(texts(t.actors), texts(t.recipients)) for t in threat] == [(["Kataib Hezbollah"], ["US bases"])]
    assert [a.hypothetical for a in of_type(events, "ASSAULT")] == [True]


def test_units_posted_outside_missions_guard_them_and_nightfall_is_no_one(extract):
    events = extract("Police units had been posted outside diplomatic premises across the city by nightfall, a "
                     "spokesman said.")
    assert [(e.type, texts(e.actors)) for e in events] == [("PROTECT", ["Police units"])]


@pytest.mark.parametrize("text, expected", [
    ("At the US embassy, demonstrators hurled stones over the perimeter wall before riot police dispersed them.",
     ("PROTEST", ["riot"])),  # a crowd's stones are a riot
    ("Gunmen threw a grenade at a police post.", ("ASSAULT", [])),  # armed men's grenade is an attack
], ids=["crowd", "gunmen"])
def test_a_crowd_throwing_stones_riots(extract, text, expected):
    event = extract(text)[0]
    assert (event.type, [m for m in event.mode if m == "riot"]) == expected


@pytest.mark.parametrize("second", [
    "Some threw eggs and stones at the gate.",
    "When some of them pushed through the barriers and threw stones, police drove them back.",
    "Others doused the front door with petrol and set it alight.",
])
def test_violence_by_part_of_a_crowd_is_its_riot(extract, second):
    events = extract(f"About 500 people gathered outside the consulate on Friday. {second}")
    assert [(e.type, e.mode) for e in events if e.type in ("PROTEST", "ASSAULT")][-1] == ("PROTEST", ["riot"])
    assert "ASSAULT" not in [e.type for e in events]
    events = extract("Gunmen stormed the village on Friday. Some of the gunmen threw grenades at the police post.")
    assert "ASSAULT" in [e.type for e in events] and "PROTEST" not in [e.type for e in events]


def test_the_group_that_claimed_that_attack_is_the_one_whose_gunmen_did_it(extract):
    events = extract("Islamic State gunmen on motorcycles opened fire on an SDF checkpoint on Saturday, killing two "
                     "fighters. The militant group later claimed that attack through its Amaq news agency.")
    assert [(e.type, [p.name for p in e.actors]) for e in events] == [
        ("ASSAULT", ["Islamic State"]), ("CLAIM", ["Islamic State"])]


def test_an_act_given_as_a_cause_happened_before_and_not_where_its_effect_did(extract):
    events = extract("Iran launched a salvo of missiles at Al Udeid Air Base in Qatar on Monday in retaliation for "
                     "American strikes on its nuclear programme, Qatar said.")  # published Wednesday 6 March 2024
    (cause,) = [e for e in of_type(events, "ASSAULT") if texts(e.actors) == ["American"]]
    assert (cause.date.start, cause.date.end) == ("2024-02-26", "2024-03-04")  # the week up to Monday
    assert cause.location.country is None  # the strikes were not in Qatar; the sentence does not say where


@pytest.mark.parametrize("text, accuser, accused", [
    ("Central Command said it believed Iran-backed militants had fired the rockets.",
     ["Central Command"], ["Iran-backed militants"]),  # "it" believes for the one speaking
    ("Officials believe the Islamic State carried out the bombing.", ["Officials"], ["Islamic State"]),
    ("Police suspect al-Shabaab attacked the bus.", ["Police"], ["al-Shabaab"]),
    ("No group has claimed the kidnapping, but the official said the attackers were believed to belong to JNIM.",
     ["official"], ["JNIM"]),
    ("Police said they had arrested three men who planned attacks and belonged to the Balochistan Liberation Army.",
     ["Police"], ["Balochistan Liberation Army"]),
], ids=["it-believed", "believe-carried-out", "suspect", "believed-to-belong", "said-to-belong"])
def test_who_someone_believes_did_it_is_an_allegation_not_a_fact(extract, text, accuser, accused):
    events = extract(text)
    assert [(texts(e.actors), texts(e.recipients), e.mode) for e in of_type(events, "ACCUSE")] == [
        (accuser, accused, ["allege"])]
    assert not any(set(texts(e.actors)) & set(accused) for e in of_type(events, "ASSAULT"))


@pytest.mark.parametrize("text, actors", [
    ("The U.S. embassy on Friday told all American citizens to leave Iraq at once.", ["U.S. embassy"]),
    ("The State Department has advised Americans not to travel to Haiti.", ["State Department"]),  # a plural name
    ("Britain updated its travel advice for Nigeria on Monday, warning of a threat of attacks in Abuja and telling "
     "British nationals to avoid non-essential movement in the city.", ["Britain"]),  # its own words: one advice
    ("Cairo also told Egyptian workers in eastern Libya to avoid crowded places.", ["Cairo"]),
    ("Israel's National Security Council advised Israelis in India to avoid crowded places.",
     ["Israel's National Security Council"]),
    ("France's foreign ministry urged its nationals in Tunisia to exercise the utmost vigilance.",
     ["France's foreign ministry"]),
], ids=["told-to-leave", "advised-americans", "one-advice", "told-workers", "advised-israelis", "urged-vigilance"])
def test_advice_to_citizens_is_one_advisory_by_who_gives_it(extract, text, actors):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == [("ADVISORY", actors)]


@pytest.mark.parametrize("text", ["The president urged citizens to remain calm.",
                                  "Police told residents to stay indoors.",
                                  "The company told its workers to avoid the canteen."])
def test_telling_people_to_keep_calm_or_a_non_state_telling_them_is_no_advisory(extract, text):
    assert not of_type(extract(text), "ADVISORY")


def test_it_in_a_second_clause_is_the_first_clauses_subject(extract):
    events = extract("The ministry condemned the raid on Monday, and on Tuesday it summoned the ambassador.")
    assert [(e.type, texts(e.actors)) for e in events if e.type != "ASSAULT"][-1][1] == ["ministry"]


def test_a_claim_with_no_target_claims_what_the_attack_told_before_hit(extract):
    events = extract("Gunmen stormed Kuje prison near Abuja on Tuesday night, freeing hundreds of inmates. The group "
                     "later claimed the raid.")
    assert [texts(c.recipients) for c in of_type(events, "CLAIM")] == [["Kuje prison"]]


def test_advice_is_about_the_country_one_is_told_to_leave(extract):
    events = extract('France advised its nationals on Wednesday to leave Mali "as soon as possible", the foreign '
                     'ministry in Paris said.')
    assert [texts(a.recipients) for a in of_type(events, "ADVISORY")] == [["its nationals", "Mali"]]  # whom the
    # advice is for, and where it is about


def test_a_measure_or_a_decision_is_no_actor(extract):
    events = extract("The measures freeze any assets the men hold in US jurisdictions.")
    assert not any("measures" in texts(e.actors) for e in events)


def test_reserving_the_right_to_respond_is_a_threat_of_no_one_in_particular(extract):
    events = extract("Syria reserved the right to a decisive response, the ministry said.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "THREATEN")] == [
        ("THREATEN", ["Syria"], [])]
    assert extract("The company reserves the right to change its prices.") == []


def test_fighting_as_a_subject_is_a_clash_of_both_sides(extract):
    events = extract("Fighting between Sudan's army and the paramilitary Rapid Support Forces raged for a second week.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["Sudan's army", "Rapid Support Forces"]]


@pytest.mark.parametrize("text, expected", [
    ("President William Ruto called the storming treasonous and said the military had been deployed to support the "
     "police.", [("ACCUSE", ["William Ruto"], False), ("MOBILIZE", ["William Ruto", "military"], False)]),
    # (naming is no intention; the president saying the military was deployed deployed it)
    ("Kataib Hezbollah called the strike an assassination.",
     [("ACCUSE", ["Kataib Hezbollah"], False), ("ASSAULT", [], False)]),  # WikiEvents counts the name as an attack
    ("About 900 U.S. troops are deployed in Syria, most of them in the north-east.", []),  # a force that stands
    ("Burkina Faso's military government on Thursday suspended the broadcasts of the BBC for two weeks.",
     [("COERCE", ["Burkina Faso's military government"], False)]),
], ids=["called-treasonous", "called-an-assassination", "standing-force", "suspended-broadcasts"])
def test_condemning_by_name_deploying_and_suspending(extract, text, expected):
    assert [(e.type, texts(e.actors), e.hypothetical) for e in extract(text)] == expected


@pytest.mark.parametrize("text, actors, hit", [
    ("A roadside bomb damaged one of the company's vehicles near Basra.", [], ["company's vehicles"]),
    ("Gunmen killed two of the guards.", ["Gunmen"], ["guards"]),  # a number of them: they were hit
], ids=["bomb-damaged-one-of", "killed-two-of"])
def test_a_weapon_that_damaged_and_a_number_of_people_hit(extract, text, actors, hit):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ASSAULT")] == [(actors, hit)]
    assert extract("The storm damaged houses.") == []


def test_rockets_that_landed_near_a_base_were_an_attack_and_a_plane_that_landed_was_not(extract):
    assert [e.type for e in extract("Three rockets landed near the base on Tuesday, causing no casualties.")] == [
        "ASSAULT"]
    assert extract("The plane landed in Erbil on Tuesday.") == []


def test_an_act_told_as_a_cause_lends_its_doer_to_no_later_attack(extract):
    events = extract("The Guards said they had struck the base, their answer to the U.S. attack on Iran's nuclear "
                     "sites. Several hours before the missiles were fired, the embassy told citizens to shelter.")
    fired = [e for e in of_type(events, "ASSAULT") if "missiles were fired" in e.evidence.sentence]
    # the Guards', who said they struck; not the United States, whose attack was only the reason
    assert [texts(e.actors) for e in fired] == [["Guards"]]


@pytest.mark.parametrize("text, mode, whom", [
    ("Coalition forces killed a senior Islamic State official and captured two of his aides in a raid on Monday.",
     "arrest", "his aides"),
    ("Rebels captured the town of Goma on Monday.", "seize", "town"),
], ids=["people", "a-town"])
def test_capturing_people_arrests_them_and_capturing_a_town_seizes_it(extract, text, mode, whom):
    (coerce,) = of_type(extract(text), "COERCE")
    assert (coerce.mode, texts(coerce.recipients)) == ([mode], [whom])


def test_denying_that_one_received_a_ransom_rejects_the_claim(extract):
    assert [(e.type, texts(e.actors)) for e in extract("The group denied that it had received a ransom.")] == [
        ("REJECT", ["group"])]


def test_a_tensed_verb_joined_to_an_infinitive_is_the_main_verbs_partner(extract):
    events = extract("Antonio Guterres on Monday urged Iraq to protect the UN compound in Baghdad and called on all "
                     "armed groups to respect the immunity of diplomatic premises.")
    assert [(texts(e.actors), texts(e.recipients), e.hypothetical) for e in of_type(events, "REQUEST")] == [
        (["Antonio Guterres"], ["Iraq"], False), (["Antonio Guterres"], ["armed groups"], False)]


@pytest.mark.parametrize("text, accuser, accused", [
    ("Washington held Iran fully responsible for the attack on its embassy.", ["Washington"], ["Iran"]),
    ("President Donald Trump said Iran would be held fully responsible.", ["Donald Trump"], ["Iran"]),
    ("Iran was blamed for the attack, officials said.", ["officials"], ["Iran"]),
    ("Sudani described the attackers as outlaw groups who harmed Iraq's stability.", ["Sudani"], ["attackers"]),
], ids=["held-responsible", "would-be-held-responsible", "was-blamed", "described-as"])
def test_holding_someone_responsible_is_a_charge_by_who_holds_or_says_it(extract, text, accuser, accused):
    events = extract(text)
    assert [(texts(e.actors), texts(e.recipients), e.hypothetical) for e in of_type(events, "ACCUSE")] == [
        (accuser, accused, False)]
    assert not any(set(texts(e.actors)) & {"Washington", "Iran"} for e in of_type(events, "ASSAULT"))


@pytest.mark.parametrize("text, accuser", [
    ("President Ilham Aliyev called the shooting an act of terror.", ["Ilham Aliyev"]),
    ("A government spokesman described the stabbing as a terrorist act.", ["government spokesman"]),
    ("The ministry branded the raid unprovoked and brutal.", ["ministry"]),
], ids=["called-an-act-of-terror", "described-as-a-terrorist-act", "branded-flagrant"])
def test_naming_an_attack_a_crime_condemns_it_and_tells_of_no_new_attack(extract, text, accuser):
    events = extract("Gunmen attacked the embassy on Friday. " + text)
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Gunmen"], ["embassy"]), ("ACCUSE", accuser, ["Gunmen"])]  # the attack's doers are judged
    # told only as what is judged, an attack is still one: test_non_events.py, "denounced the assault on ..."


@pytest.mark.parametrize("text, accuser, summoned", [
    ("Bangladesh summoned India's high commissioner on Tuesday to protest over a break-in at its mission.",
     ["Bangladesh"], ["India's high commissioner"]),
    ("A missile damaged the delegation's building, prompting Brussels and London to summon Russian diplomats.",
     ["Brussels", "London"], ["Russian diplomats"]),
], ids=["summoned-to-protest", "prompted-to-summon"])
def test_summoning_an_envoy_is_a_protest_by_the_summoner_against_the_envoy(extract, text, accuser, summoned):
    events = extract(text, published="2024-12-03")
    assert [(texts(e.actors), texts(e.recipients), e.hypothetical) for e in of_type(events, "ACCUSE")] == [
        (accuser, summoned, False)]  # a summons that was made, not one intended
    assert of_type(events, "PROTEST") == []  # a diplomatic protest, not a demonstration


def test_naming_something_a_success_condemns_nothing(extract):
    assert extract("She described the visit as a success and called the talks a step forward.") == []


@pytest.mark.parametrize("text, disowned", [
    ("No group claimed the bombing. The Pakistani Taliban denied any involvement in a statement.", ["Taliban"]),
    ("A drone strike hit a base in Syria on Monday. The U.S. told the U.N. Security Council on Tuesday that it had "
     "not been involved in the strike.", ["U.S."]),
    ("The minister denied any role in the decision.", []),
    ("A bomb exploded near the embassy on Monday. Kataib Hezbollah said in a statement that it had no link to the "
     "drones.", ["Kataib Hezbollah"]),
    ("A bomb exploded near the embassy on Monday. Hezbollah said it had played no part.", ["Hezbollah"]),
    ("Gunmen fired on a convoy on Monday. The RSF rejected any involvement in the shooting.", ["RSF"]),
    ("A bomb exploded near the embassy on Monday. Hezbollah had nothing to do with it, an official said.",
     ["Hezbollah"]),
    ("A bomb exploded near the embassy on Monday. Hezbollah has no role in the new cabinet.", []),
    ("Rockets hit the airport on Tuesday. Iran's embassy said Tehran had no link to either incident.", ["Tehran"]),
], ids=["denied-involvement", "not-involved-in-the-strike", "a-role-in-a-decision", "no-link-to-the-drones",
        "played-no-part", "rejected-involvement", "nothing-to-do-with-it", "no-role-in-a-cabinet",
        "no-link-to-either-incident"])
def test_disowning_an_attack_is_a_negated_attack_on_its_day(extract, text, disowned):
    events = extract(text)
    negated = [e for e in of_type(events, "ASSAULT") if e.negated]
    assert [a for e in negated for a in texts(e.actors)] == disowned
    told = [e for e in of_type(events, "ASSAULT") if not e.negated]
    assert all(e.date == told[0].date for e in negated)  # the day of the attack told before, not of the saying


def test_a_noun_and_its_verb_telling_one_attack_make_one_record(extract):
    assert len(extract("A drone strike hit a base in Syria on Monday.")) == 1


def test_attacks_which_it_has_not_claimed_are_a_negated_claim_by_the_group_blamed(extract):
    events = extract("Al-Shabaab militants attacked a police camp in Mandera on Saturday. Police blamed the Somali "
                     "group for the attack, which it has not claimed.")
    # "it" is the group blamed, and "the Somali group" the one named before
    assert [([p.name for p in c.actors], c.negated) for c in of_type(events, "CLAIM")] == [(["al-Shabaab"], True)]


@pytest.mark.parametrize("text, expected", [
    ("Clashes between Kurdish and Arab protesters left four people dead in Kirkuk on Saturday.", "PROTEST"),
    ("Protesters attacked police with stones.", "PROTEST"),
    ("Gunmen attacked protesters.", "ASSAULT"),  # violence against a crowd is an attack
], ids=["protesters-clash", "protesters-attack", "attacked-protesters"])
def test_violence_done_only_by_protesters_is_a_riot(extract, text, expected):
    assert [e.type for e in extract(text) if e.type in ("PROTEST", "ASSAULT")] == [expected]


def test_a_riot_is_the_sentences_violence_and_the_detector_adds_no_attack_beside_it(extract):
    events = extract("Crowds attacked the French embassy in Ouagadougou after a coup there.")
    assert [(e.type, texts(e.actors)) for e in events] == [("PROTEST", ["Crowds"])]


@pytest.mark.parametrize("text, hypothetical", [
    ("Gunmen tried to storm the embassy on Monday.", False),
    ("Militants continued to shell the town on Monday.", False),
    ("The group will try to attack the embassy.", True),
], ids=["tried", "continued", "will-try"])
def test_an_attempt_is_as_real_as_the_trying(extract, text, hypothetical):
    assert [(e.type, e.hypothetical) for e in extract(text)] == [("ASSAULT", hypothetical)]


def test_an_attack_that_killed_is_real_inside_a_vow_to_avenge_it(extract):
    events = extract("The group vowed to avenge the attack that killed 20 of its fighters on Monday.")
    assert sorted((e.type, e.hypothetical) for e in events) == [("ASSAULT", False), ("ASSAULT", True),
                                                                ("THREATEN", False)]  # (and the revenge vowed)


@pytest.mark.parametrize("text, expected", [
    ("Paris did not immediately respond.", []),
    ("France would respond immediately and firmly to any attack on its embassy, Macron's office said.",
     [("THREATEN", ["France"])]),
], ids=["no-comment", "respond-firmly"])
def test_not_responding_is_no_event_and_a_firm_response_is_a_threat(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if not e.hypothetical] == expected


def test_a_verb_joined_to_a_passive_one_shares_its_subject(extract):
    events = extract("The US embassy and a dozen other Western missions said in a joint statement that they were "
                     "shocked by the scenes and urged all sides to show restraint.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("REQUEST", ["US embassy", "a dozen other Western missions"], ["sides"])]  # "they" were shocked and
    # urged: the missions that said so


@pytest.mark.parametrize("text, actor", [
    ("The United Arab Emirates sent two planes carrying tents, food and medical supplies to Syria on Thursday.",
     ["United Arab Emirates"]),
    ("Iraq also dispatched a convoy of fuel trucks and rescue teams to the northwest of the country.", ["Iraq"]),
], ids=["planes-carrying", "convoy-of"])
def test_what_a_convoy_or_a_plane_carries_is_the_aid_sent(extract, text, actor):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == [("AID", actor)]


@pytest.mark.parametrize("text, owner", [
    ("The NUG denied any role in a statement on Monday, saying its forces did not target diplomatic premises.",
     "NUG"),
    ("Rwanda denies arming the rebels and says its forces are protecting its border.", "Rwanda"),
    ("Petro suspended talks with another rebel group, the National Liberation Army (ELN), in January after its "
     "fighters launched an offensive in the Catatumbo region.", "ELN"),  # (the group as the tables name it)
], ids=["denied-saying-its-forces", "says-its-forces", "its-fighters-after-the-group"])
def test_its_fighters_are_named_as_the_party_they_belong_to(extract, text, owner):
    owned = [a for e in extract(text) for a in e.actors if a.text in ("its forces", "its fighters")]
    assert owned and all(a.name == owner for a in owned)  # as written, named as the party whose forces they are


@pytest.mark.parametrize("text, claimant", [
    ("Taliban spokesman Zabihullah Mujahid said in a message to reporters that a suicide bomber from the group had "
     "driven the car into the vehicles of foreign troops.", "Zabihullah Mujahid"),
    ("The TTP said in a statement that one of its fighters had carried out a suicide attack on the hotel.", "TTP"),
    ("Al Qaeda's Sahel affiliate, Jama'at Nusrat al-Islam wal-Muslimin (JNIM), said in a message released on "
     "Wednesday by its media arm that its fighters had targeted a convoy near Tessalit.", "JNIM"),
], ids=["bomber-from-the-group", "one-of-its-fighters", "message-that"])
def test_a_group_telling_of_one_of_its_own_claims_the_attack(extract, text, claimant):
    assert [texts(e.actors) for e in of_type(extract(text), "CLAIM")] == [[claimant]]


@pytest.mark.parametrize("text, expected", [
    ("The Taliban also said they were responsible for that attack.", [("CLAIM", ["Taliban"])]),
    ("The Taliban said they were behind the attack.", [("CLAIM", ["Taliban"])]),
    ("Officials said the Taliban were responsible for the attack.", [("ACCUSE", ["Officials"])]),
], ids=["they-were-responsible", "they-were-behind", "officials-said-the-taliban"])
def test_saying_ones_own_side_was_behind_an_attack_claims_it(extract, text, expected):
    events = extract("A bomb went off near the base on Monday, killing 16 people. " + text)
    assert [(e.type, texts(e.actors)) for e in events if e.type in ("CLAIM", "ACCUSE")] == expected


def test_a_bare_group_noun_lends_no_doer_to_the_attacks_told_around_it(extract):
    events = extract("The office said talk of peace with a group that kept killing civilians had no meaning. On "
                     "Monday night, a bomb went off beside a compound in Kabul, killing at least 16 people.")
    [bomb] = [e for e in of_type(events, "ASSAULT") if "bomb" in e.evidence.sentence]
    assert bomb.actors == []


def test_we_in_a_quote_is_whoever_said_it(extract):
    events = extract('The embassy said it was suspending consular services in Banja Luka. "We condemn this cowardly '
                     'act and thank the local authorities," it said in a statement.')
    assert [texts(e.actors) for e in of_type(events, "ACCUSE")] == [["embassy"]]


def test_he_opening_a_sentence_is_the_person_who_was_its_subject_before(extract):
    events = extract("EU foreign policy chief Josep Borrell said the ambassador, Aidan O'Hara, had been beaten. He "
                     "called the assault a gross violation of the Vienna Convention.")
    assert [texts(e.actors) for e in of_type(events, "ACCUSE")] == [["Josep Borrell"]]
    [beating] = [e for e in of_type(events, "ASSAULT") if "beaten" in e.evidence.sentence]
    assert beating.mode == ["beat"] and texts(beating.recipients) == ["Aidan O'Hara"]  # an envoy is beaten too
    events = extract("In Tehran, a spokesman for Iran's security council warned that any attack would be met with an "
                     "immediate response. President Biden was in Ottawa. He dismissed the accusations as a pretext.")
    assert [texts(e.actors) for e in of_type(events, "REJECT")] == [["Biden"]]
    events = extract("In Tehran, a spokesman for Iran's security council warned that any attack would be met with an "
                     "immediate response. He dismissed the accusations as a pretext.")
    assert [texts(e.actors) for e in of_type(events, "REJECT")] == [["spokesman"]]  # a role is a person


def test_a_convention_that_obliges_states_to_protect_diplomats_is_no_protective_act(extract):
    assert of_type(extract("He cited the Vienna Convention, which obliges host states to protect diplomats."),
                   "PROTECT") == []
    assert [e.hypothetical for e in of_type(extract("The fighting obliged Britain to evacuate its diplomats."),
                                            "PROTECT")] == [False]


def test_describing_an_act_as_regrettable_condemns_it_when_the_parse_hangs_the_word_on_as(extract):
    events = extract('India\'s foreign ministry described the breach as "deeply regrettable".')
    assert [(texts(e.actors), e.mode) for e in of_type(events, "ACCUSE")] == [(["India's foreign ministry"],
                                                                               ["disapprove"])]


@pytest.mark.parametrize("text, expected", [
    ("The front warned that it would regard any foreign agency as a legitimate target.", [("THREATEN", ["front"])]),
    ("President Filipe Nyusi warned that the insurgents \"will be pursued wherever they hide\".",
     [("THREATEN", ["Filipe Nyusi"])]),
    ("In Tehran, a spokesman for Iran's Supreme National Security Council warned that any attack on its facilities "
     "would be met with an immediate response.", [("THREATEN", ["spokesman"])]),
    ("The embassy warned that militants could target hotels frequented by foreigners.", []),
], ids=["legitimate-target", "will-be-pursued", "spokesman-read-as-apposition", "others-could-attack"])
def test_a_warning_of_what_the_warner_will_do_is_a_threat_and_of_what_others_may_do_is_not(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, claimant", [
    ("Mozambique's defence ministry said on Tuesday that soldiers backed by Rwandan troops had killed dozens of "
     "insurgents near Macomia.", ["Mozambique's defence ministry"]),
    ("The army said Russian soldiers had shelled the village.", []),  # another state's soldiers
    ("The Rapid Support Forces said the army had attacked the convoy.", []),  # the other side: a charge
    ("Security forces killed the five gunmen who had held out inside the hotel, police said.", []),  # a report
    ("The health ministry said riot police had shot dead two protesters.", []),  # it commands no forces
], ids=["ministry-soldiers", "russian-soldiers", "rsf-says-army", "police-report", "health-ministry"])
def test_a_ministry_or_army_telling_what_its_troops_did_claims_it(extract, text, claimant):
    events = extract(text)
    assert [texts(e.actors) for e in of_type(events, "CLAIM")] == ([claimant] if claimant else [])
    assert of_type(events, "ASSAULT") != []  # the act stands, done by whom the sentence names


def test_an_act_named_again_with_the_is_the_act_told_before(extract):
    events = extract("Yemen's Houthi movement has detained 11 United Nations staff members, the U.N. said on "
                     "Thursday. The Houthis did not comment on the arrests. The U.N. envoy said the arrests "
                     "undermined humanitarian efforts.")
    [arrest] = of_type(events, "COERCE")
    assert texts(arrest.actors) == ["Yemen's Houthi movement"] and len(arrest.extra["mentions"]) == 2


def test_the_attack_set_against_another_event_is_the_attack_told_before(extract):
    events = extract("A car bomb exploded at a checkpoint in Kabul on Thursday, killing two soldiers. The bombing came "
                     "as the U.S. envoy was in Kabul this week to brief Afghan leaders.")
    assert len(of_type(events, "ASSAULT")) == 1


def test_blaming_joined_to_what_was_told_is_the_tellers(extract):
    events = extract("Interior Minister Sheikh Rashid Ahmed told reporters on Thursday that the device had been "
                     "planted in a car, and blamed \"foreign hands\" for the bombing.")
    assert [texts(e.actors) for e in of_type(events, "ACCUSE")] == [["Sheikh Rashid Ahmed"]]


def test_units_deployed_around_a_zone_guard_it(extract):
    events = extract("The prime minister's office said additional army units had been deployed around the Green "
                     "Zone.")
    assert [e.mode for e in of_type(events, "PROTECT")] == [["guard"]]


@pytest.mark.parametrize("text, hit", [
    ("US officials said two rockets landed inside the base on Thursday.", ["base"]),
    ("Someone hurled a hand grenade over the fence of the U.S. Embassy's branch office in Banja Luka.",
     ["U.S. Embassy's branch office"]),
    ("Fighting raged inside Syria.", []),  # a country is where, not what was hit
], ids=["landed-inside", "over-the-fence-of", "inside-a-country"])
def test_a_site_reached_inside_into_or_over_is_hit(extract, text, hit):
    assert [texts(e.recipients) for e in of_type(extract(text), "ASSAULT")] == [hit]


def test_a_disowned_attack_hit_what_the_attack_told_before_hit(extract):
    events = extract("A bomb exploded near the embassy on Monday. Hezbollah said it had played no part.")
    assert [texts(e.recipients) for e in of_type(events, "ASSAULT") if e.negated] == [["embassy"]]


@pytest.mark.parametrize("text, expected", [
    ("The convoy came under fire near Goma on Monday.", [("ASSAULT", [], ["convoy"])]),
    ("The patrol came under attack near the border on Monday.", [("ASSAULT", [], ["patrol"])]),
    ("An Irish soldier was killed and three of his comrades were wounded when their armoured vehicle came under "
     "fire late on Wednesday.", [("ASSAULT", [], ["their armoured vehicle", "three", "Irish soldier"])]),
], ids=["came-under-fire", "came-under-attack", "killed-when-under-fire"])
def test_what_is_under_fire_or_siege_is_hit_and_no_doer(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Valentin Inzko called the attack an assault on the foundations of diplomacy.", ["Valentin Inzko"]),
    ("The force, known as UNIFIL, called the incident a serious violation of international law.", ["force"]),
], ids=["called-an-assault", "main-verb-read-as-a-clause"])
def test_calling_an_act_an_assault_or_a_violation_condemns_it(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ACCUSE")] == [expected]


def test_a_drone_shot_down_as_a_military_command_tells_it_was_downed_by_that_command(extract):
    events = extract("About 10 rockets were fired at the base on Friday, injuring one service member, and a drone "
                     "was shot down, U.S. Central Command said.")
    assert [texts(e.actors) for e in of_type(events, "PROTECT")] == [["U.S. Central Command"]]


def test_a_man_armed_with_a_pistol_opening_fire_is_the_attacker_and_a_byline_names_no_one(extract):
    page = ("Gunman wounded at consulate\n\nBy Selin Aydemir\n\nISTANBUL, April 17 (Reuters) - A man armed with a "
            "pistol opened fire on a police guard post outside the U.S. consulate on Wednesday, before officers shot "
            "and wounded him.\n")
    events = of_type(extract(page, published="2025-04-17"), "ASSAULT")
    assert [(texts(e.actors), texts(e.recipients)) for e in events] == [(["man"], ["police guard post"]),
                                                                         (["officers"], [])]


@pytest.mark.parametrize("text, expected", [
    ("France's anti-terrorism prosecutor's office said on Monday that it had opened an investigation into murder.",
     [[]]),  # the investigators opened an inquiry, they killed no one
    ("The blast wave blew out the windows of the EU mission in central Kyiv.", [[]]),  # a blast wave is no doer
], ids=["investigation-into-murder", "blast-wave"])
def test_an_investigator_or_a_blast_wave_is_no_attacker(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT")] == expected


def test_its_advice_is_the_advice_of_the_one_who_says_it_remains(extract):
    events = extract("Britain's Foreign Office said its advice against all travel to Somalia remained in place.")
    assert [(texts(e.actors), e.mode) for e in of_type(events, "ADVISORY")] == [(["Britain's Foreign Office"],
                                                                                      ["maintain"])]


@pytest.mark.parametrize("text, threatener", [
    ('"We will hunt down those behind this cowardly act," Dizon told reporters.', ["Dizon"]),
    ("Prime Minister Hassan Ali Khaire vowed that those responsible would be hunted down.", ["Hassan Ali Khaire"]),
], ids=["will-hunt-down", "vowed-hunted-down"])
def test_vowing_to_hunt_down_attackers_is_a_threat(extract, text, threatener):
    assert [texts(e.actors) for e in of_type(extract(text), "THREATEN")] == [threatener]


def test_who_may_yet_attack_is_not_who_attacked_before(extract):
    events = extract("Gunmen attacked a hotel on Monday. Guterres noted that attacks on peacekeepers may constitute "
                     "war crimes.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["Gunmen"]]  # (what such attacks are in law
    # tells none, and lends the gunmen to none)


@pytest.mark.parametrize("text, hit", [
    ("A man armed with a knife lunged at police officers near the embassy on Sunday, stabbing one of them.",
     ["police officers"]),
    ("Iran's Revolutionary Guards said they had fired missiles at what they called gatherings of terrorist groups.",
     ["terrorist groups"]),
    ("Unidentified gunmen fired several shots in the direction of a KFOR patrol on Sunday.", ["KFOR patrol"]),
    ("Two rockets landed near Baghdad International Airport late on Thursday.", ["Baghdad International Airport"]),
])
def test_whom_an_attack_hit_through_a_pronoun_a_name_given_or_an_aim(extract, text, hit):
    attack = of_type(extract(text), "ASSAULT")[0]
    assert texts(attack.recipients) == hit


def test_condemning_an_act_condemns_whoever_did_the_act_of_that_name_told_before(extract):
    events = extract("U.S. jets struck two facilities near Albu Kamal on Thursday. Iran's foreign ministry condemned "
                     "the strikes as a violation of Syria's sovereignty.")
    [condemned] = of_type(events, "ACCUSE")
    assert texts(condemned.recipients) == ["U.S."]
    events = extract("Riot police fired tear gas at protesters outside the embassy. The minister condemned the "
                     "bombing.")  # no bombing told: the act as written, not the police
    [condemned] = of_type(events, "ACCUSE")
    assert texts(condemned.recipients) == ["bombing"]


def test_we_have_nothing_to_do_with_this_act_is_the_speakers_negated_attack(extract):
    events = extract("Gunmen threw a grenade at the consulate on Tuesday. \"We have nothing to do with this cowardly "
                     "act, and we condemn it,\" the interior ministry said in a statement on Wednesday.")
    [denied] = [e for e in of_type(events, "ASSAULT") if e.negated]
    assert texts(denied.actors) == ["interior ministry"]


@pytest.mark.parametrize("text, protesters, mode", [
    ("Police fired tear gas to push back several thousand demonstrators who had massed outside the French embassy.",
     ["several thousand demonstrators"], ["demo"]),
    ("A group of protesters surrounded the car and pelted it with bricks.", ["group of protesters"], ["riot"]),
    ("Several hundred protesters threw red paint outside the Mexican embassy on Wednesday evening.",
     ["Several hundred protesters"], ["riot"]),
    ("Several hundred people taking part in a rally marched towards the embassy on Thursday.",
     ["Several hundred people"], ["demo"]),
])
def test_crowds_massing_pelting_or_marching_protest(extract, text, protesters, mode):
    [protest] = of_type(extract(text), "PROTEST")
    assert (texts(protest.actors), protest.mode) == (protesters, mode)


def test_a_ministry_protesting_against_an_attack_condemns_it_and_demonstrates_nothing(extract):
    events = extract("In a statement on Wednesday, Myanmar's foreign ministry protested against the attack on its "
                     "embassy vehicle.")
    assert not of_type(events, "PROTEST")
    [complaint] = of_type(events, "ACCUSE")
    assert (texts(complaint.actors), complaint.mode) == (["Myanmar's foreign ministry"], ["disapprove"])


@pytest.mark.parametrize("text, claimant, hit", [
    ("On Tuesday, a group calling itself the Cells of Fiery Solidarity said it had planted the bomb.",
     "Cells of Fiery Solidarity", []),
    ("The TPNPB said in a statement sent to reporters that its fighters had taken the man on Monday.", "TPNPB",
     ["man"]),
    ("The Polisario Front said on Tuesday that its units had shelled positions of the occupation forces.",
     "Polisario Front", ["positions"]),
])
def test_a_group_saying_it_planted_a_bomb_took_a_man_or_shelled_positions_claims_it(extract, text, claimant, hit):
    events = extract(text)
    [claim] = of_type(events, "CLAIM")
    assert any(claimant in name for name in texts(claim.actors) + names(claim.actors))
    [attack] = of_type(events, "ASSAULT")
    assert texts(attack.recipients) == hit


@pytest.mark.parametrize("text", ["Police detained four men suspected of helping to plant the device.",
                                  "Rebels took part in the talks on Monday.",
                                  "Fighters took the wounded man to hospital."])
def test_planting_told_by_others_and_taking_part_or_to_hospital_are_no_attacks(extract, text):
    assert not of_type(extract(text), "ASSAULT")


def test_a_departure_ordered_or_allowed_and_travel_advised_against_are_advisories(extract):
    events = extract("The United States on Thursday ordered the school-age children of its diplomats in Sri Lanka to "
                     "leave the country. In an updated travel advisory, the State Department said \"terrorist groups "
                     "continue plotting possible attacks\" on the island and raised its warning to Level 3. It also "
                     "allowed non-emergency embassy staff to leave voluntarily. Britain's Foreign Office advised "
                     "against all but essential travel to Sri Lanka.")
    assert [(texts(e.actors), e.mode) for e in of_type(events, "ADVISORY")] == [
        (["United States"], ["ordered-departure"]), (["State Department"], ["raise"]),
        (["State Department"], ["authorized-departure"]), (["Britain's Foreign Office"], ["raise"])]


def test_an_attack_told_as_done_after_which_more_are_feared_is_real(extract):
    events = extract("The embassy warned that militants may still be planning attacks five days after suicide "
                     "bombers struck churches and hotels on Easter Sunday.")
    [struck] = [e for e in of_type(events, "ASSAULT") if texts(e.actors) == ["suicide bombers"]]
    assert (struck.hypothetical, texts(struck.recipients)) == (False, ["churches", "hotels"])


def test_the_same_day_is_the_day_told_just_before_even_in_a_sentence_with_no_event(extract):
    events = extract("Thai troops said they had shelled Cambodian positions on Thursday. Tensions rose sharply on "
                     "Wednesday, when a Thai soldier lost a leg to a landmine. The same day Bangkok recalled its "
                     "ambassador from Phnom Penh and ordered Cambodia's envoy to leave.", published="2025-07-26")
    assert sorted((e.mode, texts(e.recipients), e.date.start[:10]) for e in of_type(events, "SANCTION")) == [
        (["expel"], ["Cambodia's envoy"], "2025-07-23"), (["withdraw"], ["its ambassador"], "2025-07-23")]


@pytest.mark.parametrize("text, event_type, mode", [
    ("The Australian Federal Police, which is leading the investigation, said a man had been arrested.", "ACCUSE",
     ["investigate"]),
    ("The Criminal Investigation Department was looking into whether the attack was linked to the dispute.",
     "ACCUSE", ["investigate"]),
    ("The president ordered the interior minister to pursue a careful investigation.", "ACCUSE", ["investigate"]),
    ("The Internal Security Agency had joined the investigation.", "ACCUSE", ["investigate"]),
    ("Bolivia's government expressed regret in a statement.", "CONCEDE", []),
    ("Nepal's foreign ministry said it regretted the damage to the embassy.", "CONCEDE", []),
])
def test_investigations_led_or_looked_into_and_regret_for_damage(extract, text, event_type, mode):
    [event] = of_type(extract(text), event_type)
    assert event.mode == mode and event.actors


@pytest.mark.parametrize("text", ["Police were looking into the crowd.",
                                  "India's foreign ministry said it regretted the steps and urged Islamabad to "
                                  "reconsider them."])
def test_looking_into_a_crowd_is_no_investigation_and_regretting_anothers_steps_no_concession(extract, text):
    assert not of_type(extract(text), "CONCEDE") and not [e for e in of_type(extract(text), "ACCUSE")
                                                            if e.mode == ["investigate"]]


@pytest.mark.parametrize("text, protesters", [
    ("Members of a small anti-Islam group burned a copy of the Koran in front of the Iraqi embassy on Monday.",
     ["Members of a small anti-Islam group"]),
    ("The protesters burned an effigy of the minister outside the embassy.", ["protesters"]),
    ("On Saturday, about 50 Myanmar migrant workers held a candlelit vigil outside the embassy.",
     ["about 50 Myanmar migrant workers"]),
    ("Bolivian truck drivers hurled sticks of dynamite outside Chile's consulate general on Monday.",
     ["Bolivian truck drivers"]),
])
def test_burning_a_koran_or_an_effigy_a_vigil_and_dynamite_hurled_by_drivers_are_protests(extract, text, protesters):
    [protest] = of_type(extract(text), "PROTEST")
    assert texts(protest.actors) == protesters
    assert not of_type(extract("Chile's foreign ministry sent a note of protest to the Bolivian government."),
                       "PROTEST")


def test_one_man_hurling_petrol_bombs_and_setting_fire_is_one_attack_and_no_riot(extract):
    events = extract("A man hurled two petrol bombs over the fence of the Russian embassy in Chisinau early on "
                     "Thursday, setting fire to a guard booth.")
    assert not of_type(events, "PROTEST")
    [attack] = of_type(events, "ASSAULT")
    assert texts(attack.actors) == ["man"]
    [riot] = of_type(extract("Protesters hurled stones at the embassy, setting fire to a guard booth."), "PROTEST")
    assert riot.mode == ["riot"]


def test_a_list_of_acts_after_a_dateline_keeps_its_doer_and_it_is_the_vehicle_stopped(extract):
    attack, abduction = of_type(extract("YAOUNDE, March 14 (Agency) - Gunmen stopped a clearly marked vehicle near "
                                        "Bafut on Monday, set it alight and led away its driver, officials said."),
                                "ASSAULT")
    assert (texts(attack.actors), texts(attack.recipients)) == (["Gunmen"], ["clearly marked vehicle"])
    assert (texts(abduction.actors), abduction.mode, texts(abduction.recipients)) == (
        ["Gunmen"], ["abduct"], ["its driver"])  # (the driver led away)


@pytest.mark.parametrize("text, expected", [
    ("The rebels said their columns would march on the capital unless the president stepped down.",
     [(["rebels"], ["capital"])]),
    ("The union said drivers would block the border highways from Thursday unless the backlog was cleared.",
     [(["union"], ["border highways"])]),
    ("Kataib Hezbollah said foreign troops would face the resistance's weapons unless they left Iraq.",
     [(["Kataib Hezbollah"], ["foreign troops"])]),
    ("The students vowed to besiege the embassy on Friday unless the work was halted.", [(["students"], ["embassy"])]),
    ("The minister said the embassy would stay closed unless security improved.", []),  # advice, not a threat
    ("Officials said the talks would fail if Iran refused.", []),
], ids=["march-unless", "block-unless", "face-unless", "vow-unless", "closed-unless", "fail-if"])
def test_an_act_a_party_says_will_follow_unless_its_condition_is_met_is_its_threat(extract, text, expected):
    threats = of_type(extract(text), "THREATEN")
    assert [(texts(e.actors), texts(e.recipients)) for e in threats] == expected


@pytest.mark.parametrize("text, accuser", [
    ("A spokesman for the Ambazonia Defence Forces said its men had nothing to do with the shooting and accused "
     "soldiers of staging attacks.", ["spokesman"]),
    ("The foreign minister announced on Tuesday that the ambassador had been declared persona non grata, accusing "
     "Mexico of repeated interference.", ["foreign minister"]),
], ids=["after-nothing-to-do-with", "after-a-passive"])
def test_an_accusation_joined_to_what_a_speaker_says_is_the_speakers(extract, text, accuser):
    assert [texts(e.actors) for e in of_type(extract(text), "ACCUSE")] == [accuser]


def test_an_arrest_told_by_police_at_the_end_of_its_sentence_is_by_the_police(extract):
    events = extract("Grenade explodes outside embassy\n\nBy Agency staff\n\nBUJUMBURA, Feb 21 (Agency) - A grenade "
                     "exploded outside the gate of an embassy in Bujumbura late on Monday, police said on Tuesday.\n\n"
                     "Two men were arrested overnight in the city's Rohero district, and investigators were trying "
                     "to establish who threw the device and why, a police spokesman said.\n\n")
    assert [texts(e.actors) for e in of_type(events, "COERCE")] == [["police"]]  # (the spokesman's force)


@pytest.mark.parametrize("text, expected", [
    ("The foreign ministry summoned the ambassador on Saturday and handed him a note of protest.",
     [("ACCUSE", ["foreign ministry"])]),
    ("Chile's foreign ministry sent a note of protest to the Bolivian government.",
     [("ACCUSE", ["Chile's foreign ministry"])]),
    ("Nepal lodged a formal protest after India opened a road to the pass.", [("ACCUSE", ["Nepal"])]),
], ids=["handed-a-note", "sent-a-note", "lodged"])
def test_a_note_of_protest_is_the_governments_disapproval_not_a_demonstration(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("ACCUSE", "PROTEST")]
    assert [(e.type, texts(e.actors)) for e in events] == expected


@pytest.mark.parametrize("text, denier", [
    ("MONUSCO denied that its peacekeepers had killed anyone.", ["MONUSCO"]),
    ("A spokesman for the army denied that soldiers were involved, saying it had no units near the site.",
     ["spokesman"]),
    ("The coalition condemned the intrusion, saying it had \"nothing to do with\" the incident.", ["coalition"]),
], ids=["killed-anyone", "were-involved", "nothing-to-do-with-the-incident"])
def test_a_side_denying_its_part_in_an_attack_is_a_negated_attack_by_the_denier(extract, text, denier):
    attacks = of_type(extract(text), "ASSAULT")
    assert [(e.negated, texts(e.actors)) for e in attacks] == [(True, denier)]


def test_peacekeepers_killed_by_militants_are_an_attack_on_them(extract):
    attacks = of_type(extract("Militants killed two peacekeepers near Bunia."), "ASSAULT")
    assert [(texts(e.actors), texts(e.recipients)) for e in attacks] == [(["Militants"], ["two peacekeepers"])]


def test_a_date_that_only_qualifies_another_noun_does_not_date_the_event(extract):
    [attack] = of_type(extract("Gunmen attacked the convoy near Boali, on a road that rebels have cut since "
                               "before the Feb. 27 elections."), "ASSAULT")
    assert attack.date.start != "2024-02-27" and attack.date.kind == "reported"
    [seizure] = of_type(extract("Burhan and Dagalo seized power in an October 2021 coup."), "COERCE")
    assert seizure.date.start == "2021-10-01"  # the coup is the seizing: its date


@pytest.mark.parametrize("text, expected", [
    ("Noboa declared a 60-day state of emergency on Monday.", [(["Noboa"], [])]),
    ("The government on Thursday extended a state of emergency and a nightly curfew.", [(["government"], [])]),
    ("Two men were detained on Wednesday.", [([], ["Two men"])]),  # an arrest stands though its doer is untold
    ("Internet access has been cut in most of the country since Wednesday.", []),  # no one said to restrict it
], ids=["declared-emergency", "extended-emergency", "arrest-without-doer", "restriction-without-doer"])
def test_a_restriction_needs_the_authority_that_imposes_it(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "COERCE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The Israeli military said the rounds came from a Syrian army position.",
     [(["Israeli military"], ["Syrian army position"])]),
    ("A civil society leader said the two men had been hit by bullets fired from inside the base.",
     [(["civil society leader"], ["base"])]),
    ("The officer said the gunmen were believed to be members of the Arakan Rohingya Salvation Army.",
     [(["officer"], ["Arakan Rohingya Salvation Army"])]),
    ("Blinken said initial reports indicated the attackers were linked to the RSF.", [(["Blinken"], ["RSF"])]),
    ("The cooperative said the gunmen were guards employed by a palm estate.", [(["cooperative"], ["guards"])]),
    ("Police said the rocket was fired from a nearby orchard.", []),  # a place, no side
    ("Gunmen stopped a vehicle belonging to a medical charity, the charity said.", []),  # a thing's owner
    ("Police said the men were students.", []),  # no attackers
], ids=["came-from", "fired-from-inside", "members-of", "linked-to", "were-guards", "orchard", "vehicle-of",
        "students"])
def test_saying_where_the_fire_came_from_or_whom_the_attackers_belong_to_alleges(extract, text, expected):
    accusations = of_type(extract(text), "ACCUSE")
    assert [(texts(e.actors), texts(e.recipients)) for e in accusations] == expected


@pytest.mark.parametrize("text, expected", [
    ("Two men were arrested, and investigators were trying to establish who threw the device.",
     [(["investigators"], False)]),
    ("No one has been arrested, but police are questioning the organisers of the rally.", [(["police"], False)]),
    ("Counter-terrorism officers were examining the statement and had not yet established whether it was genuine.",
     [(["Counter-terrorism officers"], False)]),
    ("UNDOF said it could not yet say who had fired the rounds and had opened an investigation.",
     [(["UNDOF"], False)]),
    ("The army questioned the report.", []),
], ids=["establish-who", "questioning-organisers", "examining-statement", "opened-after-who", "army-questions"])
def test_investigators_establishing_examining_or_questioning_investigate(extract, text, expected):
    found = [(texts(e.actors), e.negated) for e in of_type(extract(text), "ACCUSE")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Embassy in Dhaka told its staff not to travel to the camps until further notice.",
     [["U.S. Embassy"]]),
    ("The State Department told its staff not to travel to the camps.", [["State Department"]]),
    ("The company told its staff to avoid the area.", []),  # a company's advice is no government's
], ids=["embassy", "state-department", "company"])
def test_a_government_or_embassy_telling_its_staff_not_to_travel_advises(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ADVISORY")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The U.S. embassy urged Americans to avoid the International Zone.", [("ADVISORY", ["U.S. embassy"])]),
    ("India expects Nepal to ensure the safety of its mission.", [("REQUEST", ["India"])]),
    ("The charity, which asked not to be named for the safety of its staff, said two of its workers were hurt.", []),
], ids=["urged-americans", "expects-to-ensure", "asked-not-to-be-named"])
def test_advice_is_no_request_and_asking_for_anonymity_asks_nothing(extract, text, expected):
    found = [(e.type, texts(e.actors)) for e in extract(text) if e.type in ("REQUEST", "ADVISORY")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("A military spokesman denied that soldiers had burned homes last month.", [(True, ["military spokesman"])]),
    ("The army said soldiers had killed ten insurgents.", [(False, ["soldiers"])]),  # its own forces' act, told
    ("Gunmen targeted civilians at a market.", [(False, ["Gunmen"])]),
], ids=["denied-soldiers", "said-soldiers", "targeted-civilians"])
def test_a_side_denying_what_unnamed_soldiers_did_is_the_denier_and_civilians_can_be_targeted(extract, text, expected):
    assert [(e.negated, texts(e.actors)) for e in of_type(extract(text), "ASSAULT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Protesters tried to break through police cordons around the Israeli embassy on Thursday night.",
     [(["Protesters"], ["police cordons"])]),
    ("Protesters pushed through a police line on the road leading to the high commission.",
     [(["Protesters"], ["police line"])]),
    ("The crowd tried to force its way into parliament and broke through barriers.",
     [(["crowd"], ["parliament", "barriers"])]),  # one riot, two things it hit
    ("The storm tore down power lines.", []),
], ids=["break-through-cordons", "push-through-line", "force-way-and-break", "storm"])
def test_a_crowd_breaking_through_cordons_or_forcing_its_way_in_riots(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "PROTEST")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The mission head said the attacks were unacceptable.", [(["mission head"], ["attacks"])]),
    ("UNHCR said it was deeply disturbed by the attack.", [(["UNHCR"], ["attack"])]),
    ("Attacks on aid workers are unacceptable, the commissioner said.", [(["commissioner"], ["Attacks"])]),
    ("The minister said the delays were unacceptable.", []),  # no attack judged
    ('The bloc said the siege was "an unacceptable act of intimidation" against its observers, and asked the police '
     "to identify those responsible.", [(["bloc"], ["siege"])]),
    ('The agency said it was "deeply concerned" by reports of excessive force.', [(["agency"], ["excessive force"])]),
    ("The minister said the delays were an unacceptable act of negligence.", []),
], ids=["unacceptable", "disturbed-by", "trailing-speaker", "delays", "act-of-intimidation", "reports-of-force",
        "act-of-negligence"])
def test_calling_an_attack_unacceptable_or_being_disturbed_by_it_condemns_it(extract, text, expected):
    found = [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ('The embassy said it had lodged "solemn representations" with Kenya\'s foreign ministry.',
     ("ACCUSE", ["embassy"], ["Kenya's foreign ministry"])),
    ("Beijing made stern representations to Manila over the remarks.", ("ACCUSE", ["Beijing"], ["Manila"])),
    ("Pakistan lodged a strong protest with India over the shooting.", ("ACCUSE", ["Pakistan"], ["India"])),
    ("Prosecutors opened a criminal case for hooliganism.", ("ACCUSE", ["Prosecutors"], [])),
    ("About 300 people joined the rally outside the embassy.", ("PROTEST", ["About 300 people"], ["embassy"])),
], ids=["representations-with", "representations-to", "protest-with", "criminal-case", "joined-rally"])
def test_representations_cases_and_rallies_joined_are_acts_of_their_subject(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == [expected]


@pytest.mark.parametrize("text", [
    "The lawyer made representations to the court on behalf of his client.",
    "Police said the case of the missing driver remained open.",
], ids=["lawyer", "case-open"])
def test_representations_to_a_court_and_an_open_case_accuse_no_one(extract, text):
    assert not [e for e in extract(text) if e.type == "ACCUSE"]


def test_a_quotation_over_two_sentences_is_the_speaker_named_after_it(extract):
    events = extract('"We condemn this violence. We expect the authorities to protect diplomatic premises," a '
                     'Foreign Office spokesman said in London.')
    [condemnation] = [e for e in events if e.type == "ACCUSE"]
    assert texts(condemnation.actors) == ["Foreign Office spokesman"]
    assert not [e for e in extract('"We condemn this violence." The embassy was closed.') if e.type == "ACCUSE"]


@pytest.mark.parametrize("text, threatens", [
    ("The union said it would bring its members onto the streets next week unless wages rose.", True),
    ("The minister said the talks would bring peace unless the rebels walked out.", False),
], ids=["streets", "peace"])
def test_a_protest_promised_unless_a_demand_is_met_threatens_dated_when_it_is_made(extract, text, threatens):
    found = [(texts(e.actors), texts(e.recipients), e.date.end[:10]) for e in extract(text) if e.type == "THREATEN"]
    assert found == ([(["union"], [], "2024-03-06")] if threatens else [])


def test_what_an_explosion_did_told_by_participles_is_one_attack_that_hurt_no_one(extract):
    events = extract("A small bomb exploded against the wall of the consulate late on Tuesday, cracking the wall and "
                     "damaging a parked car but hurting no one, police said.")
    [attack] = [e for e in events if e.type == "ASSAULT"]
    assert texts(attack.recipients) == ["consulate", "parked car"]


def test_two_attacks_joined_by_and_stay_two(extract):
    events = extract("A rocket hit the base, and a drone struck the embassy.")
    assert sorted(texts(e.recipients)[0] for e in events if e.type == "ASSAULT") == ["base", "embassy"]


def test_an_attack_called_cowardly_is_condemned_and_the_request_said_after_it_is_real(extract):
    events = extract('The embassy called the bombing "cowardly" and said it had asked the government to ensure the '
                     'safety of its staff.')
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events] == [
        ("ACCUSE", ["embassy"], False), ("REQUEST", ["embassy"], False)]


@pytest.mark.parametrize("text, expected", [
    ("Traders pulled down their shutters for three hours on Wednesday in protest at the attack.", [["Traders"]]),
    ("Thousands marched in protest at the killing.", [["Thousands"]]),
    ("The ambassador was recalled in protest.", []),
    ("Pakistan ordered the high commissioner to leave in protest.", []),
], ids=["shutters", "marched", "recalled", "government"])
def test_doing_something_in_protest_is_a_protest_by_people_not_governments(extract, text, expected):
    assert [texts(e.actors) for e in extract(text) if e.type == "PROTEST"] == expected


@pytest.mark.parametrize("text, expected", [
    ("The faction left pamphlets at the scene. The pamphlets warned that the faction would strike more Indian "
     "offices unless New Delhi pulled out.", [["faction"]]),
    ("A note left at the scene warned that the embassy would be next.", [[]]),  # a threat made, its writer unknown
], ids=["pamphlets", "unsigned-note"])
def test_a_threat_in_pamphlets_is_their_authors_not_the_paper(extract, text, expected):
    assert [texts(e.actors) for e in extract(text) if e.type == "THREATEN"] == expected


@pytest.mark.parametrize("text, expected", [
    ("The migrants, many of them asylum seekers, had been staging a sit-in outside the building since Monday.",
     [("PROTEST", ["migrants"])]),
    ("The ministry said the consulate would stay closed, and it advised Nigerians to stay indoors.",
     [("ADVISORY", ["ministry", "consulate"])]),  # (the consulate kept closed is the ministry's advice too)
], ids=["sit-in-staged", "and-it-advised"])
def test_a_sit_in_staged_by_a_group_described_in_passing_and_advice_by_it_after_and(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The group denied that its members were involved and blamed the police.",
     [("ACCUSE", ["group"], False), ("ASSAULT", ["group"], True)]),
    ("The army denied that its soldiers had fired on the crowd and killed two people.", [("ASSAULT", ["army"], True)]),
], ids=["denied-and-blamed", "second-act-denied"])
def test_blame_laid_after_a_denial_is_the_deniers_and_not_denied(extract, text, expected):
    assert [(e.type, texts(e.actors), e.negated) for e in extract(text)] == expected


def test_a_denial_said_by_he_is_the_one_named_before(extract):
    events = extract("Bat-Erdene, the leader of the movement, spoke to reporters on Thursday. He denied that its "
                     "members had thrown stones.")
    assert [(e.type, texts(e.actors), e.negated) for e in events] == [("PROTEST", ["Bat-Erdene"], True)]


def test_what_a_leader_calls_a_cowardly_attack_is_condemned_not_told_again(extract):
    events = extract("The president condemned what he called a cowardly attack.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["president"])]


@pytest.mark.parametrize("text, actors", [
    ("The spokeswoman said the authorities deplored the attack, adding that 14 people had been arrested.",
     ["authorities"]),
    ("Interior ministry spokesman Ali Baba said the findings pointed to the old regime, and that two suspects had "
     "been arrested.", ["Ali Baba"]),
    ("The Adana governor's office said 11 people had been detained.", ["Adana governor's office"]),
    ("Two of his brothers were detained for questioning on Wednesday, a security source told the agency.",
     []),  # an anonymous source tells of the arrest; it is no force that made it
    ("Residents said two men had been detained.", []),
], ids=["adding-that", "and-that", "governors-office", "security-source-told", "residents"])
def test_an_arrest_told_in_the_passive_is_the_government_or_force_that_tells_it(extract, text, actors):
    [arrest] = [e for e in extract(text) if e.type == "COERCE"]
    assert texts(arrest.actors) == actors


def test_an_arrest_told_again_in_detail_is_one_arrest_and_another_force_s_is_another(extract):
    events = extract("Police in Honiara on Sunday arrested a man suspected of throwing a grenade at the compound. "
                     "Acting on a tip-off, officers detained the 24-year-old unemployed man at a settlement on Sunday "
                     "afternoon.")
    assert len([e for e in events if e.type == "COERCE"]) == 1
    events = extract("Indian police arrested seven men on Monday over the attack on the mission. On Monday, "
                     "Bangladeshi police also detained a man in Dhaka.")
    assert len([e for e in events if e.type == "COERCE"]) == 2


def test_a_second_verb_joined_to_a_demand_is_a_second_act_not_what_is_demanded(extract):
    events = extract("On Saturday the abductors demanded 5 million taka and warned that the men would be killed if "
                     "troops entered the area.")
    assert sorted((e.type, e.hypothetical) for e in events) == [("ASSAULT", True), ("REQUEST", False),
                                                                ("THREATEN", False)]  # (the killing threatened)
    events = extract("On Saturday the ministry urged police to protect and guard the embassy.")
    assert [e.type for e in events] == ["REQUEST"]


def test_no_one_arrested_is_no_recipient(extract):
    [arrest] = [e for e in extract("A police spokesman said no one was arrested.") if e.type == "COERCE"]
    assert (arrest.negated, arrest.recipients) == (True, [])


@pytest.mark.parametrize("text, expected", [
    ("The consulate said it would stay closed on Wednesday and advised Indian nationals to avoid large gatherings.",
     ["consulate"]),
    ("The foreign ministry advised Russians who are in the country to come home.", ["foreign ministry"]),
    ("The embassy said it was in touch with the authorities, advising Indian students to remain indoors.",
     ["embassy"]),
    ("The U.S. embassy reminded its citizens that it advises against all travel to the border areas.",
     ["U.S. embassy"]),
], ids=["advised-after-would", "come-home", "it-advising", "reminded"])
def test_advice_given_after_a_would_by_it_or_as_a_reminder_is_advice(extract, text, expected):
    assert [texts(e.actors) for e in extract(text) if e.type == "ADVISORY"] == [expected]


def test_an_ultimatum_said_after_another_claim_threatens_and_its_condition_is_no_event(extract):
    events = extract('The rebels said they had "liberated" the province and that their columns would march on the '
                     'capital unless the president stepped down.')
    assert [(e.type, texts(e.actors), texts(e.recipients), e.hypothetical) for e in events] == [
        ("THREATEN", ["rebels"], ["capital"], False), ("ASSAULT", ["rebels"], ["capital"], True)]


@pytest.mark.parametrize("text, expected", [
    ("The herders' association said its members would block the roads to Mali unless the killers were brought to "
     "justice.", [("THREATEN", ["herders' association"], ["roads"], ("2024-06-05", "2024-06-12"))]),
    ("The workers' union said it would call an indefinite national strike unless the government scrapped the "
     "accord.", [("THREATEN", ["workers' union"], [], ("2024-06-05", "2024-06-12"))]),
    ('Leaders of the campaign said they would return on Friday and "lay siege to the embassy" unless India halted '
     'the work.', [("THREATEN", ["Leaders of the campaign"], ["embassy"], ("2024-06-05", "2024-06-12"))]),
    ("Its chairman said on Thursday that members would blockade the border post next week if South Africa did not "
     "reverse its decision.", [("THREATEN", ["Its chairman"], ["border post"], ("2024-06-06", "2024-06-06")),
                                ("PROTEST", ["members"], ["border post"], ("2024-06-17", "2024-06-23"))]),  # (what
    # may come, next week)
], ids=["association-block", "union-strike", "lay-siege", "said-thursday-next-week"])
def test_a_collective_saying_what_it_will_do_unless_its_demand_is_met_threatens_on_the_day_it_says_so(
        extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients), (e.date.start, e.date.end))
            for e in extract(text, published="2024-06-12")] == expected


@pytest.mark.parametrize("text", [
    'Gunmen fired on a U.N. convoy on Saturday. A group calling itself the "Free Youth of the Mountain" said in a '
    'video posted online on Saturday night that it had carried out the attack.',
    'Gunmen set fire to two embassy cars on Wednesday. On Thursday a group calling itself "Autonome Zelle Nordost" '
    'posted a statement on a left-wing website saying it had torched the vehicles.',
], ids=["said-in-a-video-posted", "posted-a-statement-saying"])
def test_a_group_saying_in_a_posted_video_or_statement_that_it_attacked_claims_the_attack(extract, text):
    assert [texts(e.actors) for e in extract(text) if e.type == "CLAIM"] == [["group"]]


@pytest.mark.parametrize("text, expected", [
    ("The agency condemned the shooting and called on the French authorities to ensure that aid workers can do "
     "their job without risking their lives.", [("ACCUSE", ["agency"]), ("REQUEST", ["agency"])]),
    ("The envoy condemned the kidnapping and called for the two to be released immediately.",
     [("ACCUSE", ["envoy"]), ("REQUEST", ["envoy"])]),
    ("The minister said the government would not hesitate to expel them if the interference continued.",
     [("THREATEN", ["minister", "government"])]),
    ("The minister said the government would not expel them if the interference continued.", []),
    ("The medical charity said it had suspended its mobile clinics at the camp.", [("RETREAT", ["medical charity"])]),
], ids=["un-agency-calls-on", "called-for-release", "not-hesitate-if", "would-not-expel-if", "clinics-suspended"])
def test_calls_by_an_agency_or_for_a_release_threats_not_hesitated_and_clinics_suspended(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Lebanon's caretaker prime minister ordered the army and the Internal Security Forces to investigate.",
     [("ACCUSE", ["investigate"], ["Lebanon's caretaker prime minister"], [])]),
    ("Mikati ordered the security services to track down those responsible.",
     [("ACCUSE", ["investigate"], ["Mikati"], [])]),
    ("A bomb squad disarmed the device in the boot of a stolen taxi.", []),
    ("The embassy was also the target of a protest in April.", []),
], ids=["ordered-to-investigate", "ordered-to-track-down", "device-disarmed", "target-of-a-protest"])
def test_an_ordered_inquiry_is_the_orderers_and_a_disarmed_device_or_a_protests_target_is_no_doer(
        extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


def test_arrests_told_by_a_foreign_minister_or_before_an_order_are_the_polices(extract):
    events = extract("Costa Rica ordered the departure of non-essential staff from its embassy in Managua on Thursday, "
                     "three days after Nicaraguan police detained two of the embassy's local employees. The two men "
                     "were arrested at their homes early on Monday, Costa Rica's foreign minister told reporters.",
                     published="2025-03-13")
    assert [(texts(e.actors), e.date.start) for e in events if e.type == "COERCE"] == [
        (["Nicaraguan police"], "2025-03-10"), (["Nicaraguan police"], "2025-03-10")]  # (three days before Thursday)


def test_the_day_before_which_an_after_clause_counts_may_be_parsed_inside_it(extract):
    events = extract("The United Nations moved its international staff out of Khorog, the main town of the region, "
                     "on Thursday, a day after the government sent troops and armoured vehicles into the region.",
                     published="2025-06-13")
    assert [(e.type, e.date.start) for e in events] == [("PROTECT", "2025-06-12"), ("MOBILIZE", "2025-06-11")]


def test_hostility_met_is_no_meeting_and_an_act_when_another_happened_takes_that_ones_date(extract):
    events = extract("Its patrols have met growing hostility: villagers in Bint Jbeil held up a patrol for several "
                     "hours on Jan. 4, and in December an Irish peacekeeper was killed when gunmen fired on his convoy "
                     "near al-Aqbiya.", published="2023-06-10")
    assert [(e.type, texts(e.actors), e.date.start, e.date.end) for e in events] == [
        ("ASSAULT", ["gunmen"], "2022-12-01", "2022-12-31")]


def test_a_date_in_a_clause_on_the_speaker_dates_that_clause_not_what_the_speaker_does(extract):
    events = extract("Gunmen attacked a U.N. convoy on Tuesday. Washington, which lifted most of its sanctions on "
                     "Syria last year, condemned the attack.", published="2026-01-22")
    assert [(texts(e.actors), e.date.start, e.date.end) for e in events if e.type == "ACCUSE"] == [
        (["Washington"], "2026-01-15", "2026-01-22")]


@pytest.mark.parametrize("text, expected", [
    ("Police fired tear gas to disperse them and arrested 14 people, the interior ministry said on Friday.",
     [("ASSAULT", ["Police"]), ("COERCE", ["Police"])]),
    ("Protesters ransacked the embassy.", [("PROTEST", ["Protesters"])]),
    ("Gunmen ransacked the office of the aid agency.", [("ASSAULT", ["Gunmen"])]),
], ids=["policing-told-by-a-ministry", "protesters-ransack", "gunmen-ransack"])
def test_policing_told_by_a_ministry_claims_nothing_and_a_ransacked_office_was_attacked(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The army blamed the Rapid Support Forces (RSF). In March, RSF drones hit the city's power station.", ["RSF"]),
    ("Houthi drones hit the ship in March.", ["Houthi"]),
    ("ATACMS missiles hit the airfield.", []),
], ids=["acronym-given-before", "known-group", "weapon-name"])
def test_drones_named_for_a_group_the_parser_left_unlabelled_are_that_groups(extract, text, expected):
    assert [texts(e.actors) for e in extract(text) if e.type == "ASSAULT" and e.mode == ["drone"]
            or e.type == "ASSAULT" and "airfield" in texts(e.recipients)] == [expected]


def test_an_act_with_no_date_of_its_own_takes_the_nearest_dated_act_above_it(extract):
    events = extract("Bolivia's foreign ministry summoned Argentina's ambassador on Monday to demand an investigation "
                     "into the killing, and on Wednesday condemned the attack on the consulate and said the government "
                     "had ordered police to guard Argentine diplomatic premises.", published="2024-11-08")
    assert [(e.type, e.date.start) for e in events] == [  # (the demand made at the summons is Monday's too)
        ("ACCUSE", "2024-11-04"), ("REQUEST", "2024-11-04"), ("ACCUSE", "2024-11-06"), ("PROTECT", "2024-11-06")]


@pytest.mark.parametrize("text, expected", [
    ("Two men on a motorcycle fired at a marked vehicle of the U.N. human rights office on Monday.",
     [("ASSAULT", ["Two men"], ["marked vehicle"])]),
    ("Police said they had arrested a man on suspicion of throwing the device.",
     [("COERCE", ["Police"], ["man"]), ("ASSAULT", ["man"], []), ("ACCUSE", ["Police"], ["man"])]),
], ids=["men-on-a-motorcycle-fired", "suspected-of-throwing-the-device"])
def test_shooters_the_parser_left_without_a_verb_and_a_device_thrown_are_attackers(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, negated", [
    ("A military spokesman dismissed as propaganda the rebels' claim that soldiers had burned homes in the village.",
     True),
    ("The army rejected claims that its troops had shelled the camp.", True),
    ("The rebels said soldiers had burned homes in the village.", False),
], ids=["dismissed-the-claim-that", "rejected-claims-that", "said"])
def test_an_act_in_a_claim_rejected_or_dismissed_is_denied(extract, text, negated):
    assert [e.negated for e in extract(text) if e.type == "ASSAULT"] == [negated]


def test_a_second_act_the_parse_joined_to_an_until_clause_is_the_first_acts_doers(extract):
    events = extract("WFP said it had halted deliveries on the route until security improved and had asked the "
                     "authorities to guarantee safe passage.")
    assert [(e.type, texts(e.actors)) for e in events] == [("RETREAT", ["WFP"]), ("REQUEST", ["WFP"])]


@pytest.mark.parametrize("text, expected", [
    ("The State Department repeated that Americans should not travel to Syria for any reason.",
     [("ADVISORY", ["Americans"])]),
    ("The office said all Indian military personnel must leave the country by May 10.",
     [("REQUEST", ["Indian military personnel"])]),
], ids=["should-not-travel", "troops-must-leave"])
def test_what_a_government_says_its_people_should_do_about_travel_is_advice(extract, text, expected):
    assert [(e.type, texts(e.recipients)) for e in extract(text)] == expected


def test_a_threat_joined_to_a_demand_is_a_threat_of_its_own(extract):
    events = extract('A mediator said the abductors were demanding the release of four relatives, and had threatened '
                     'to "deal with" the captives if the authorities did not respond.')
    assert [(e.type, texts(e.actors)) for e in events] == [("REQUEST", ["abductors"]), ("THREATEN", ["abductors"]),
                                                            ("ASSAULT", ["abductors"])]


def test_it_after_an_organisation_the_tables_do_not_know_is_that_organisation(extract):
    events = extract("The STC said on Monday that the government had broken the truce. It warned that it would "
                     "respond to any advance.")
    assert [(e.type, texts(e.actors)) for e in events if e.type == "THREATEN"] == [("THREATEN", ["STC"])]


@pytest.mark.parametrize("text, expected", [
    ("The movement's leader denied that its members had thrown stones.", [("PROTEST", True)]),
    ("Its members threw stones at the embassy.", [("PROTEST", False)]),
    ("Militia members threw grenades at the base.", [("ASSAULT", False)]),
], ids=["denied-stones", "stones", "militia-grenades"])
def test_stones_thrown_by_a_movements_members_are_a_riot_and_grenades_an_attack(extract, text, expected):
    assert [(e.type, e.negated) for e in extract(text)] == expected


def test_a_group_denying_its_members_took_part_denies_their_riot(extract):
    events = extract('The veterans\' federation, which organised the march, denied that its members had taken part in '
                     'the violence and blamed "infiltrators".')
    assert [(e.type, texts(e.actors), e.negated) for e in events] == [
        ("ACCUSE", ["veterans' federation"], False), ("PROTEST", ["veterans' federation"], True)]


def test_some_of_a_rally_hurling_stones_is_its_riot_beside_the_rally(extract):
    events = extract("Several hundred people rallied outside the gates of the base on Wednesday evening, some of them "
                     "hurling eggs and stones at the guard post.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("PROTEST", ["demo"], ["Several hundred people"]), ("PROTEST", ["riot"], ["Several hundred people"])]


@pytest.mark.parametrize("text, expected", [
    ("Yahya Saree, the Houthis' military spokesman, said the group had targeted Al Dhafra air base.",
     [("ASSAULT", ["Yahya Saree"]), ("CLAIM", ["Yahya Saree"])]),
    ("Police said the group had attacked the base.", [("ASSAULT", ["group"])]),
    ("A typed note signed by a group calling itself the National Sovereignty Command said it had planted the "
     "bomb.", [("ASSAULT", ["group"]), ("CLAIM", ["group"])]),
], ids=["group-spokesman", "police-on-a-group", "signed-note"])
def test_a_groups_voice_or_signed_note_telling_of_the_groups_act_claims_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The regional governor said the drone had been launched by Russian forces from the left bank.",
     [("ASSAULT", ["Russian forces"]), ("ACCUSE", ["regional governor"])]),
    ("The army said Syrian troops had shelled the post.", [("ASSAULT", ["Syrian troops"]), ("ACCUSE", ["army"])]),
    ("Russian forces shelled the post, the governor said.", [("ASSAULT", ["Russian forces"])]),
    ("Police said gunmen attacked the convoy.", [("ASSAULT", ["gunmen"])]),
], ids=["governor-passive", "army", "closing-source", "gunmen"])
def test_a_government_telling_that_a_named_side_attacked_alleges_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_a_summons_told_in_a_while_clause_after_a_call_is_real(extract):
    events = extract("Iraq's foreign ministry called on Copenhagen to prevent a repetition, while Turkey's foreign "
                     "ministry summoned the Danish ambassador on Tuesday.")
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events if e.type == "ACCUSE"] == [
        ("ACCUSE", ["Turkey's foreign ministry"], False)]


@pytest.mark.parametrize("text, expected", [
    ("A police spokesman said the slogans had been removed, adding that an investigation had been opened.",
     ["police"]),  # (the spokesman's force opened it)
    ("A Taliban spokesman said the Islamic Emirate would investigate the incident.", ["Islamic Emirate"]),
    ("An investigation had been opened, residents said.", None),
], ids=["opened-passive", "would-investigate", "residents"])
def test_an_inquiry_opened_or_promised_is_the_investigators(extract, text, expected):
    found = [texts(e.actors) for e in extract(text) if e.type == "ACCUSE" and "investigate" in e.mode]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize("text, expected", [
    ("The office condemned the vandalism but said all foreign military personnel must still leave the country by "
     "May 10 under an arrangement reached earlier this month.", ("2024-02-28", "2024-03-06")),
    ("The organisers said in a statement that Turkey should close the base to U.S. forces.", None),
], ids=["deadline", "in-a-statement"])
def test_a_demand_with_a_deadline_is_dated_when_made_and_one_in_a_statement_is_read(extract, text, expected):
    [request] = [e for e in extract(text) if e.type == "REQUEST"]
    assert request.actors and (expected is None or (request.date.start[:10], request.date.end[:10]) == expected)


def test_a_court_ruling_that_something_is_so_denies_nothing(extract):
    events = extract("Hundreds of protesters threw stones at the embassy on Wednesday, smashing windows and tearing "
                     "down its flag, two days after the World Court ruled that a disputed island belongs to Equatorial "
                     "Guinea.")
    assert [(e.type, e.negated) for e in events] == [("PROTEST", False)]


@pytest.mark.parametrize("text, judged", [
    ("Human Rights Watch called the detentions arbitrary.", ["detentions"]),
    ("The ambassador called the letters an act of intimidation.", ["letters"]),
], ids=["arbitrary", "intimidation"])
def test_detentions_called_arbitrary_and_letters_called_intimidation_are_condemned(extract, text, judged):
    assert [(e.type, texts(e.recipients)) for e in extract(text)] == [("ACCUSE", judged)]


def test_a_bombing_called_a_cowardly_act_in_quotes_is_condemned(extract):
    events = extract('The embassy said none of its staff had been hurt. It called the bombing "a cowardly act of '
                     'intimidation".')
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events] == [("ACCUSE", ["embassy"], False)]


@pytest.mark.parametrize("text, expected", [
    ("The army said later that reinforcements had been sent from the state capital.", ["army"]),
    ("The gendarmerie said it had sent 60 extra gendarmes and a helicopter.", ["gendarmerie"]),
], ids=["reinforcements-sent", "gendarmes-sent"])
def test_forces_sent_are_mobilised_by_the_army_or_force_that_tells_it(extract, text, expected):
    assert [texts(e.actors) for e in extract(text) if e.type == "MOBILIZE"] == [expected]


def test_a_warning_added_to_an_appeal_is_a_threat_of_its_own(extract):
    events = extract("The spokesman urged foreign companies to keep away from vital installations, warning that the "
                     "country would face further strikes.")
    assert [(e.type, e.hypothetical) for e in events if e.type in ("REQUEST", "THREATEN")] == [
        ("REQUEST", False), ("THREATEN", False)]


def test_the_channel_a_claim_is_posted_on_is_not_what_was_attacked(extract):
    events = extract("Ashab al-Haq claimed the attack on Telegram.")
    assert [(e.type, texts(e.recipients)) for e in events] == [("CLAIM", []), ("ASSAULT", [])]


@pytest.mark.parametrize("text, asked", [
    ("The envoy condemned the bombing, saying aid workers must never be a target.", None),
    ("India said diplomatic properties should not be targeted under any circumstances.", None),
    ("The minister said the government must protect the embassies.", ["government"]),
    ("The organisers said Turkey should close the base to U.S. forces.", ["Turkey"]),
], ids=["aid-workers", "properties", "government", "turkey"])
def test_a_norm_stated_asks_nothing_but_a_duty_laid_on_a_government_does(extract, text, asked):
    found = [texts(e.recipients) for e in extract(text) if e.type == "REQUEST"]
    assert found == ([asked] if asked else []) and not [e for e in extract(text) if e.type == "ASSAULT"]


def test_an_accusation_joined_to_a_passive_arrest_is_the_speakers(extract):
    events = extract("The interior ministry said 305 people had been detained and accused opposition leaders of "
                     "trying to seize the legislature by force.")
    assert [(e.type, texts(e.actors)) for e in events] == [("COERCE", ["interior ministry"]),
                                                           ("ACCUSE", ["interior ministry"])]


def test_an_accusation_denied_is_a_rejection_not_the_deniers_accusation(extract):
    assert [(e.type, texts(e.actors)) for e in extract("Tehran has denied the accusation.")] == [
        ("REJECT", ["Tehran"])]


@pytest.mark.parametrize("text, actors, recipients", [
    ("A youth collective that organised the march said it would come back every day if Ivory Coast sent soldiers "
     "to Niger.", ["youth collective"], ["Ivory Coast"]),
    ("A spokeswoman for the protesters spoke to reporters. She said the group would return if the consulate kept "
     "collecting the tax.", ["spokeswoman"], ["consulate"]),
])
def test_a_crowd_promising_to_return_unless_its_demand_is_met_threatens(extract, text, actors, recipients):
    threats = of_type(extract(text), "THREATEN")
    assert [(texts(t.actors), texts(t.recipients), t.mode) for t in threats] == [(actors, recipients, [])]


def test_an_envoy_promising_to_return_if_it_is_safe_threatens_no_one(extract):
    assert of_type(extract("The minister said the ambassador would return if security improved."), "THREATEN") == []


def test_she_in_a_sentence_after_her_own_quotation_is_the_one_named_before_it(extract):
    events = extract('A spokeswoman for the protesters spoke to reporters. "We went in to ask questions," she said. '
                     "She said the group would return if the consulate kept collecting the tax.")
    assert [texts(t.actors) for t in of_type(events, "THREATEN")] == [["spokeswoman"]]


@pytest.mark.parametrize("text, denier", [
    ("A spokeswoman for the protesters said they had acted peacefully and denied that anyone had been attacked.",
     "spokeswoman"),
    ("The new envoy said the handover was peaceful and denied that anyone had been beaten.", "new envoy"),
])
def test_denying_that_anyone_was_harmed_is_the_deniers_negated_attack(extract, text, denier):
    attacks = of_type(extract(text), "ASSAULT")
    assert [(texts(a.actors), a.negated) for a in attacks] == [([denier], True)]


def test_where_the_doers_come_from_is_not_where_they_acted(extract):
    events = extract("About 40 opponents of the government in Asmara forced their way into Eritrea's consulate in "
                     "Toronto on Tuesday.")
    assert [(e.type, e.location.country) for e in events] == [("PROTEST", "CAN")]
    summoned = extract("Hours later, the foreign office in Islamabad summoned Afghanistan's charge d'affaires.")
    assert [e.location.country for e in of_type(summoned, "ACCUSE")] == ["PAK"]  # words are said where the speaker is


def test_men_armed_with_rifles_forcing_their_way_in_attack_and_a_crowd_doing_so_riots(extract):
    armed = extract("About 20 men armed with rifles and bush knives forced their way into the hospital on Tuesday.")
    assert [(e.type, texts(e.actors)) for e in armed] == [("ASSAULT", ["About 20 men"])]
    crowd = extract("About 20 men forced their way into the consulate on Tuesday.")
    assert [e.type for e in crowd] == ["PROTEST"]


def test_an_aid_agency_suspending_its_flights_protects_its_staff_and_a_state_doing_so_sanctions(extract):
    agency = extract("WFP, which runs the air service, said it had suspended all flights to the town.")
    assert [(e.type, e.mode) for e in agency] == [("PROTECT", ["order"])]
    state = extract("Qatar suspended flights to Iran on Monday.")
    assert [(e.type, e.mode) for e in state] == [("SANCTION", ["discontinue"])]


def test_a_speaker_the_parse_hangs_on_a_leading_phrase_still_speaks(extract):
    events = extract("In a video posted on social media on Thursday, a leader of the Viv Ansanm gang alliance said his "
                     "men had attacked the base.")
    assert [(e.type, texts(e.actors)) for e in events if e.type == "CLAIM"] == [
        ("CLAIM", ["leader of the Viv Ansanm gang alliance"])]


@pytest.mark.parametrize("text, speaker", [
    ('"Shooting at an aircraft that brings food to hungry children is unacceptable," the coordinator said.',
     "coordinator"),
    ("Violence inside a hospital is never acceptable, MSF said.", "MSF"),
])
def test_a_speaker_judging_violence_unacceptable_condemns_it(extract, text, speaker):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == [("ACCUSE", ["disapprove"], [speaker])]


def test_calling_an_attack_acceptable_condemns_nothing(extract):
    assert of_type(extract("The ministry said the attack was acceptable."), "ACCUSE") == []


def test_a_court_sentencing_men_to_prison_convicts_them(extract):
    events = extract("A criminal court on Wednesday sentenced four men to prison terms of between 10 and 25 years.")
    assert [(e.type, e.mode, texts(e.recipients)) for e in events] == [("SANCTION", ["convict"], ["four men"])]


def test_what_is_discussed_is_no_side_of_the_talk_and_a_counterpart_is(extract):
    layout = extract("The bureau intercepted messages in which the men discussed the layout of the base.")
    assert [texts(e.actors) for e in of_type(layout, "CONSULT")] in ([], [["men"]])
    call = extract("Guinea's foreign minister telephoned his Senegalese counterpart on Monday.")
    assert [texts(e.actors) for e in of_type(call, "CONSULT")] == [["Guinea's foreign minister",
                                                                   "his Senegalese counterpart"]]


def test_saying_a_cell_pledged_allegiance_to_a_group_alleges_it(extract):
    events = extract("Prosecutors said the cell had pledged allegiance to Islamic State.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["allege"], ["Prosecutors"], ["Islamic State"])]


@pytest.mark.parametrize("text", [
    "Diplomats appointed by the Taliban government took control of the Afghan embassy in Tashkent on Thursday.",
    "Taliban-appointed diplomats took over the embassy on Thursday.",
])
def test_taking_control_of_an_embassy_seizes_it(extract, text):
    assert [(e.type, e.mode) for e in extract(text)] == [("COERCE", ["seize"])]
    assert extract("The army took control of the situation.") == []


def test_condemning_what_a_ministry_called_an_assault_is_one_condemnation_and_no_attack(extract):
    events = extract("Yemen's government condemned what its foreign ministry called a \"criminal assault\" on "
                     "diplomatic staff.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["Yemen's government"])]


def test_rejecting_any_attack_on_missions_condemns_it_and_rejecting_a_claim_does_not(extract):
    events = extract("Oman's foreign ministry said it rejected any attack on diplomatic missions on its soil.")
    assert [(e.type, e.mode) for e in events] == [("ACCUSE", ["disapprove"])]
    assert [e.type for e in extract("Hamas rejected the accusation.")] == ["REJECT"]


@pytest.mark.parametrize("text, expected", [
    ("Police set up a security perimeter around the embassy on Monday.", ("PROTECT", ["cordon"], ["Police"])),
    ("Gendarmes in armoured vehicles took up positions at the entrances to the base.",
     ("PROTECT", ["guard"], ["Gendarmes"])),
    ("The ministry said police would keep a presence outside the consulate.",
     ("PROTECT", ["guard"], ["police", "ministry"])),
    ("Federal prosecutors said on Friday they had taken over the investigation.",
     ("ACCUSE", ["investigate"], ["Federal prosecutors"])),
    ("Denmark's domestic intelligence service, PET, said it was looking into the report.",
     ("ACCUSE", ["investigate"], ["PET"])),
])
def test_guards_posted_and_inquiries_taken_up(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == [expected]


def test_what_a_denier_goes_on_to_say_is_not_denied_and_its_accusation_is_its_own(extract):
    events = extract("The Thai army denied that its guns had fired on the area, saying its forces had hit only "
                     "Cambodian military positions, and accused Cambodia of placing rocket launchers close to "
                     "civilian sites.")
    assert [(e.type, e.negated) for e in of_type(events, "ASSAULT")] == [("ASSAULT", True), ("ASSAULT", False)]
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["Thai army"], ["Cambodia"])]


def test_an_act_told_as_what_another_followed_happened_before_it(extract):
    events = extract("Several hundred young men threw stones at the embassy on Tuesday, days after a farmer was "
                     "shot dead by Indonesian soldiers near the border, police said.")
    shooting = [e for e in of_type(events, "ASSAULT") if texts(e.actors) == ["Indonesian soldiers"]]
    assert [(e.date.start, e.date.end) for e in shooting] == [("2024-02-27", "2024-03-05")]


def test_a_border_patrol_is_a_force_not_an_event(extract):
    events = extract("Indonesia's military said a border patrol had fired warning shots at a group of smugglers.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["border patrol"]]


def test_officers_firing_pepper_balls_use_force_and_marchers_not_many_march(extract):
    officers = extract("Officers in riot gear pushed the crowd back with batons and fired pepper balls before "
                       "declaring an unlawful assembly.")
    assert [(e.type, texts(e.actors)) for e in officers] == [("ASSAULT", ["Officers"]), ("PROTEST", ["crowd"])]
    # (the crowd pushed back with batons was protesting, as any crowd police disperse)
    marchers = extract("The marchers, many wearing T-shirts printed with the flag, burned tyres and blocked the "
                       "main boulevard to the airport for about two hours.")
    assert [texts(e.actors) for e in marchers] == [["marchers"]]


def test_a_collective_denying_its_members_attacked_an_embassy_denies_their_riot(extract):
    events = extract("A diaspora collective that called the march said it had been peaceful, and denied that its "
                     "members had attacked the embassy.")
    assert [(e.type, e.mode, e.negated) for e in events] == [("PROTEST", ["riot"], True)]


def test_condemning_the_attack_told_sentences_before_condemns_its_doers_not_the_police(extract):
    events = extract("Armed men raided the residence of Senegal's ambassador on Monday, police said. Officers fired "
                     "tear gas to disperse a crowd that gathered later. The guards were treated in hospital. Staff "
                     "were moved to a hotel. Senegal's foreign ministry condemned the attack.")
    assert [texts(e.recipients) for e in of_type(events, "ACCUSE")] == [["Armed men"]]


def test_a_side_named_by_an_adjective_the_recogniser_missed_is_named(extract):
    events = extract("The Kyrgyz government said Tajik forces shelled villages and a school.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["Kyrgyz government"], ["Tajik forces"])]


def test_no_group_claiming_the_attack_names_what_the_attack_hit(extract):
    events = extract("Gunmen fired on a U.N. humanitarian helicopter on Thursday. The crew landed safely. Flights "
                     "were suspended. The army sent troops. Aid groups called for safe access. No group has claimed "
                     "responsibility.")
    assert [(texts(e.recipients), e.negated) for e in of_type(events, "CLAIM")] == [
        (["U.N. humanitarian helicopter"], True)]


def test_an_arrest_in_the_passive_with_no_teller_is_by_the_police_the_story_names(extract):
    events = extract("A bomb exploded near the embassy, Delhi Police said. Two men seen on camera near the scooter "
                     "were detained for questioning on Wednesday morning.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "COERCE")] == [
        (["Delhi Police"], ["Two men"])]
    alone = extract("Four more people were detained in dawn raids on Thursday.")
    assert [texts(e.actors) for e in of_type(alone, "COERCE")] == [[]]  # no police named: no one invented


def test_a_judgement_quoted_before_the_speaker_is_named_is_the_speakers(extract):
    events = extract("\"Violence inside a hospital is never acceptable. Patients must be safe in their beds,\" the "
                     "charity's head of mission said.")
    assert [(e.type, texts(e.actors), e.negated) for e in events] == [
        ("ACCUSE", ["charity's head of mission"], False)]
    assert events[0].evidence.sentence.startswith('"Violence inside a hospital')


@pytest.mark.parametrize("text, claimant", [
    ("The coalition announced that its jets had destroyed the launcher.", ["coalition"]),
    ("The government said the army had destroyed the rebel column.", ["government"]),
])
def test_a_government_or_force_announcing_its_own_strike_claims_it(extract, text, claimant):
    events = extract(text)
    assert [texts(e.actors) for e in of_type(events, "CLAIM")] == [claimant]
    assert of_type(events, "ACCUSE") == []  # its own army is no other side it accuses


@pytest.mark.parametrize("text, asker, asked", [
    ("Dhaka expects India to guarantee the safety of its diplomats and punish those responsible.", ["Dhaka"],
     ["India"]),
    ("China's foreign ministry demanded that Pakistan thoroughly investigate the attack.",
     ["China's foreign ministry"], ["Pakistan"]),
])
def test_who_is_asked_to_act_is_the_subject_of_what_is_asked(extract, text, asker, asked):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "REQUEST")] == [(asker, asked)]


@pytest.mark.parametrize("text, crowd", [
    ("Jordanian riot police fired tear gas and wielded batons late on Thursday to drive back several thousand "
     "protesters.", ["several thousand protesters"]),
    ("Ivorian police fired tear gas on Friday to break up a march by several hundred young people.",
     ["several hundred young people"]),
])
def test_force_used_to_disperse_a_crowd_is_used_on_the_crowd(extract, text, crowd):
    assert [texts(e.recipients) for e in of_type(extract(text), "ASSAULT")] == [crowd]


def test_a_denial_later_in_the_story_names_what_the_denied_attack_hit(extract):
    events = extract("Two men on a motorcycle threw a grenade at the Indian consulate on Tuesday. Nobody was hurt. "
                     "Police cordoned off the street. The city's traders shut their shops. The Northern Province "
                     "Fishermen's Federation denied any role in the attack.")
    denied = [e for e in of_type(events, "ASSAULT") if e.negated]
    assert [texts(e.recipients) for e in denied] == [["Indian consulate"]]


@pytest.mark.parametrize("text, site", [
    ("About 800 people marched through Nuuk to the U.S. consulate on Thursday.", ["U.S. consulate"]),
    ("Several hundred anti-immigrant protesters surrounded Nigeria's consulate general in Johannesburg.",
     ["Nigeria's consulate general"]),
])
def test_the_mission_a_crowd_marches_to_or_surrounds_is_what_it_protests_at(extract, text, site):
    assert [texts(e.recipients) for e in of_type(extract(text), "PROTEST")] == [site]
    assert of_type(extract("Troops surrounded the town."), "PROTEST") == []


def test_a_verb_joined_to_a_passive_is_passive_and_its_subject_suffers_it(extract):
    events = extract("Djibouti's coast guard opened fire on a small boat on Tuesday. Two other men were pulled "
                     "from the water and detained, it said.")
    [arrest] = of_type(events, "COERCE")
    assert (texts(arrest.actors), texts(arrest.recipients)) == (["Djibouti's coast guard"], ["Two other men"])


def test_men_said_to_be_suspected_of_a_crime_are_alleged_to_have_done_it_by_the_speaker(extract):
    events = extract("The coast guard's commander told reporters the boat had ignored radio calls, and that its "
                     "crew were suspected of smuggling migrants and fuel.")
    assert [(e.mode, texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["allege"], ["coast guard's commander"], ["its crew"])]


@pytest.mark.parametrize("text, claimant", [
    ("A statement from the Islamic State group said it had carried out the attack.", "Islamic State group"),
    ('A message posted on a page of a previously unknown group calling itself "Vatra e Jugut" (Fire of the South) '
     "said it had carried out the attack.", "previously unknown group"),
])
def test_a_statement_from_a_group_or_on_its_page_is_the_groups_claim(extract, text, claimant):
    events = extract(text)
    assert [texts(e.actors) for e in of_type(events, "CLAIM")] == [[claimant]]
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [[claimant]]


def test_an_attack_claimed_days_later_and_sentences_on_is_the_attack_told(extract):
    events = extract("A petrol bomb was thrown at the Greek consulate in Gjirokaster late on Monday. No one was "
                     "hurt. Police detained a man on Tuesday. They were looking for a second man. A message posted "
                     "on Tuesday by a group calling itself Fire of the South said it had carried out the attack.")
    [attack] = of_type(events, "ASSAULT")
    assert (texts(attack.actors), texts(attack.recipients), attack.date.start) == (
        ["group"], ["Greek consulate"], "2024-03-04")


def test_fire_returned_is_at_those_who_fired_and_lends_its_doers_to_no_later_attack(extract):
    events = extract("Armed men fired on a joint patrol of Belizean and British soldiers on Saturday. The soldiers "
                     "returned fire and the gunmen fled across the border. A second attack hit a post on Sunday.")
    attacks = of_type(events, "ASSAULT")
    assert [(texts(a.actors), texts(a.recipients)) for a in attacks[:2]] == [
        (["Armed men"], ["joint patrol"]), (["soldiers"], ["Armed men"])]
    assert not of_type(events, "COOPERATE")  # the joint patrol is what was hit, not a cooperation told
    assert "soldiers" not in texts(attacks[2].actors)


def test_an_attack_denied_lends_its_doers_to_no_later_mention(extract):
    events = extract("Russia denied that its troops had struck the convoy. The attack killed two drivers, "
                     "officials said.")
    assert [(a.negated, texts(a.actors)) for a in of_type(events, "ASSAULT")] == [(True, ["Russia"]), (False, [])]


def test_a_shooting_said_to_have_nothing_to_do_with_an_army_is_its_denied_attack(extract):
    events = extract("Guatemala's defence ministry said none of its soldiers had been in the area and that the "
                     'shooting "has nothing to do with the Guatemalan army".')
    assert [(a.negated, texts(a.actors)) for a in of_type(events, "ASSAULT")] == [(True, ["Guatemalan army"])]


def test_a_platoon_sent_to_a_border_area_is_a_mobilisation(extract):
    events = extract("The BDF said it had sent an extra platoon to the Chiquibul.")
    assert [(e.type, texts(e.actors)) for e in events] == [("MOBILIZE", ["BDF"])]


def test_a_post_reinforced_is_guarded_and_a_road_cut_off_by_a_government_is_restricted(extract):
    events = extract("The defence ministry said the contingent had reinforced the post with an extra platoon. "
                     "Azerbaijan's foreign ministry denied that Baku had cut off the road.")
    assert [(e.type, e.negated, texts(e.actors)) for e in events if e.type in ("PROTECT", "COERCE")] == [
        ("PROTECT", False, ["contingent", "defence ministry"]), ("COERCE", True, ["Baku"])]


@pytest.mark.parametrize("text, expected", [
    ("The convoy turned back after the crowd refused to let its four trucks through.", [("PROTEST", ["crowd"])]),
    ("The government refused to let the convoy through.", [("REJECT", ["government"])]),
])
def test_a_crowd_refusing_to_let_a_convoy_through_obstructs_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_she_closing_a_quotation_of_two_sentences_is_the_one_named_before_it_opened(extract):
    events = extract("The convoy turned back, an ICRC spokeswoman in Baku said. \"We call on all those involved to "
                     "let our vehicles pass. People's lives depend on these supplies,\" she said.")
    assert [texts(e.actors) for e in of_type(events, "REQUEST")] == [["ICRC spokeswoman"]]


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of protesters gathered outside the embassy. Some threw stones at the building.",
     ("PROTEST", ["riot"], ["Hundreds of protesters"])),
    ("Gunmen stormed the village on Monday. Some fired on the guards.", ("ASSAULT", [], ["Gunmen"])),
])
def test_some_opening_a_sentence_are_some_of_those_named_just_before(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)][-1] == expected


def test_a_protest_told_after_a_dispersal_is_the_crowds_and_not_dated_by_the_election_it_protests(extract):
    events = extract("Chilean police fired water cannon on Tuesday night to disperse hundreds of Venezuelan "
                     "migrants who broke into the consulate, protesting against the official result of Sunday's "
                     "presidential election, police said.")
    [protest] = of_type(events, "PROTEST")
    assert (texts(protest.actors), protest.date.start) == (["hundreds of Venezuelan migrants who broke into the "
                                                            "consulate"], "2024-03-05")


def test_an_arrest_on_suspicion_of_a_crime_alleges_it(extract):
    events = extract("The Japan Coast Guard boarded the longliner on Sunday and detained its captain on suspicion "
                     "of fishing illegally in Japan's exclusive economic zone.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("COERCE", ["Japan Coast Guard"], ["its captain"]), ("ACCUSE", ["Japan Coast Guard"], ["its captain"])]


def test_a_drone_brought_down_is_countered(extract):
    events = extract("Indian soldiers at the camp brought the small quadcopter down with a signal jammer.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [("PROTECT", ["counter-drone"], ["Indian soldiers"])]


@pytest.mark.parametrize("text, expected", [
    ("On Monday the authority barred all drone flights near military bases and warned that violators would be "
     "prosecuted and, if they were foreigners, deported.",
     [("COERCE", ["ban"], ["authority"]), ("THREATEN", ["arrest", "expel"], ["authority"])]),
    ("The embassy warned that protesters could be arrested.", []),  # a risk told, no one's threat
    ("The U.S. Embassy barred its staff from travelling to Cauca.",
     [("ADVISORY", ["raise"], ["U.S. Embassy"])]),  # its own staff: advice, no ban on others
])
def test_an_authority_barring_an_act_bans_it_and_warning_of_prosecution_threatens(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == expected


def test_advice_given_beside_a_closure_to_come_is_not_dated_by_the_closure(extract):
    events = extract("The embassy said in a security alert that it would be closed to the public on Monday and "
                     "urged U.S. citizens to avoid demonstrations.")
    [advice] = of_type(events, "ADVISORY")
    assert (advice.date.start, advice.date.end) == ("2024-02-28", "2024-03-06")  # the reporting week, not Monday


def test_the_body_that_organised_a_march_denying_its_members_attacked_denies_their_riot(extract):
    events = extract("The Platform for the Defence of Health and Education, which organised the march, denied that "
                     "its members had attacked the embassy.")
    assert [(e.type, e.mode, e.negated) for e in events] == [("PROTEST", ["riot"], True)]


def test_investigators_studying_footage_to_identify_those_responsible_investigate(extract):
    events = extract("A security ministry spokesman said investigators were studying video footage to identify "
                     "those responsible.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["investigate"], ["investigators"], [])]


@pytest.mark.parametrize("text, expected", [
    ("A man threw a flare at the embassy.", [("ASSAULT", ["man"], ["embassy"])]),
    ("The minister said police had stepped up the guard at Russian diplomatic facilities.",
     [("PROTECT", ["police"], ["Russian diplomatic facilities"])]),
    ("Police closed off the streets around the embassy.", [("PROTECT", ["Police"], ["embassy"])]),
    ("Police detained six people who tried to unfurl a banner near the embassy.",
     [("COERCE", ["Police"], ["six people"]), ("PROTEST", ["six people"], ["embassy"])]),
])
def test_flares_thrown_guards_stepped_up_streets_closed_off_and_banners_unfurled(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


def test_some_of_those_who_marched_climbing_the_gate_and_throwing_stones_riot(extract):
    events = extract("Several hundred people had marched to the embassy from Zoo Park. Some of them climbed the "
                     "embassy gate and threw stones over the wall, a photographer at the scene said.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("PROTEST", ["demo"], ["Several hundred people"]), ("PROTEST", ["riot"], ["Several hundred people"])]


def test_police_stopping_marchers_from_reaching_an_embassy_where_they_march_use_force_on_them(extract):
    events = extract("Riot police used pepper spray on Wednesday to stop thousands of students from reaching the "
                     "U.S. embassy, where they were marching to protest against an accord. Police had sealed the "
                     "avenue leading to the embassy in the Clayton district with metal barriers and two lines of "
                     "officers before the march set off.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Riot police"], ["thousands of students"]), ("PROTEST", ["students"], []),
        ("PROTECT", ["Police"], [])]


@pytest.mark.parametrize("text, site", [
    ("A group of about 40 young men threw bottles and firecrackers over the fence of Azerbaijan's embassy in "
     "central Moscow.", "Azerbaijan's embassy"),
    ("Hundreds of protesters marched to the embassy. Some of them climbed the embassy gate and threw stones over the "
     "wall.", "embassy gate"),
])
def test_a_riot_with_no_target_of_its_own_hits_the_mission_its_phrase_names(extract, text, site):
    riots = [e for e in extract(text) if e.type == "PROTEST" and e.mode == ["riot"]]
    assert [texts(r.recipients) for r in riots] == [[site]]


def test_clashes_and_crowd_control_take_no_site_from_their_phrase(extract):
    events = extract("Rival demonstrators clashed outside Azerbaijan's consulate. Riot police fired stun grenades to "
                     "push the crowd back from the building.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("PROTEST", ["Rival demonstrators"], []), ("ASSAULT", ["Riot police"], ["crowd"])]


@pytest.mark.parametrize("text, condemned", [
    ("A crowd of villagers stopped a WFP convoy on Wednesday and beat a driver. The district commissioner condemned "
     "the looting.", "crowd of villagers"),
    ("Masked men threw petrol bombs at two EU vehicles on Tuesday. The attack caused no injuries. An EU spokesperson "
     'condemned "a cowardly attack".', "Masked men"),
])
def test_condemned_looting_or_an_attack_told_again_without_doers_judges_the_doers_of_the_storys_violence(
        extract, text, condemned):
    assert [texts(e.recipients) for e in of_type(extract(text), "ACCUSE")] == [[condemned]]


def test_a_note_of_protest_sent_to_a_state_protests_to_it(extract):
    events = extract("Belize's foreign ministry said it had sent a note of protest to Guatemala.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["Belize's foreign ministry"], ["Guatemala"])]


@pytest.mark.parametrize("text, asked", [
    ("Bulgaria's foreign ministry summoned North Macedonia's ambassador on Sunday and handed him a note of protest "
     "demanding that those responsible be punished.", ["North Macedonia's ambassador"]),
    ("Japan's chief cabinet secretary said the government had lodged a protest with Beijing and asked it to take "
     "appropriate measures.", ["Beijing"]),
])
def test_who_is_handed_a_demand_or_asked_after_a_protest_is_the_one_asked(extract, text, asked):
    assert [texts(e.recipients) for e in of_type(extract(text), "REQUEST")] == [asked]


@pytest.mark.parametrize("text", ["The leaders said they rejected the deal.",
                                  "The opposition rejected the election result."])
def test_a_deal_or_a_result_rejected_is_a_rejection(extract, text):
    assert [e.type for e in extract(text)] == ["REJECT"]


@pytest.mark.parametrize("text, actor", [
    ("Hundreds of protesters staged a rally outside the embassy on Monday.", "Hundreds of protesters"),
    ("Activists staged a protest outside the embassy on Monday.", "Activists"),
])
def test_a_rally_staged_outside_a_mission_is_its_stagers_protest_at_it(extract, text, actor):
    # ("staged" was lemmatised "stag", so no light verb handed the rally its subject; the parse hangs "outside the
    # embassy" on the verb, not on the noun)
    [protest] = of_type(extract(text), "PROTEST")
    assert (texts(protest.actors), texts(protest.recipients)) == ([actor], ["embassy"])


@pytest.mark.parametrize("text", [
    "The embassy urged its citizens to stay away from demonstrations on Monday.",
    "More than 100,000 people have fled since the government crushed mass protests in 2018.",
])
def test_protests_told_with_no_one_protesting_are_no_event(extract, text):
    assert of_type(extract(text), "PROTEST") == []


def test_a_governments_words_in_a_sentence_naming_no_place_fall_in_its_own_country(extract):
    events = extract("BATA, Equatorial Guinea, March 4 (Agency) - Gunmen fired on the Spanish consulate's car on "
                     "Monday. Spain's foreign ministry condemned the attack on Tuesday. The Spanish ambassador said "
                     "on Tuesday the staff were safe.")
    [condemned] = of_type(events, "ACCUSE")
    assert condemned.location.country == "ESP"
    assert [e.location.country for e in events if e.type == "ASSAULT"] == ["GNQ"]


@pytest.mark.parametrize("text, expected", [
    ("A group of young men pelted the vaccination team's minibus with rocks on Wednesday.",
     ("ASSAULT", ["group of young men"])),
    ("Youths stoned a bus carrying soldiers on Tuesday.", ("ASSAULT", ["Youths"])),
    ("Several hundred young men threw stones at the embassy on Tuesday.", ("PROTEST", ["Several hundred young men"])),
    ("Villagers marched on the base on Tuesday. Some threw stones at the gate.", ("PROTEST", ["Villagers"])),
])
def test_a_few_civilians_stoning_a_vehicle_attack_it_and_a_crowd_or_a_march_riots(extract, text, expected):
    events = [e for e in extract(text) if e.type == "ASSAULT" or "riot" in e.mode]
    assert [(e.type, texts(e.actors)) for e in events] == [expected]


def test_an_arrest_in_trinidad_and_tobago_is_not_in_bolivias_trinidad(extract):
    [arrest] = of_type(extract("Police in Trinidad and Tobago arrested a man on Monday."), "COERCE")
    assert arrest.location.country == "TTO"


@pytest.mark.parametrize("text, actor", [
    ("The embassy closed to the public on Friday.", "embassy"),
    ("The embassy stopped accepting visa applications on Monday.", "embassy"),
])
def test_a_mission_closed_or_its_visa_work_stopped_is_a_change_of_security_posture(extract, text, actor):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == [("ADVISORY", ["raise"], [actor])]


def test_whom_advice_joined_to_a_closure_is_for_is_whom_the_closure_advises(extract):
    [advice] = extract("The embassy closed to the public on Friday and advised German citizens to stay away from "
                       "the city centre.")
    assert (advice.type, texts(advice.recipients)) == ("ADVISORY", ["German citizens"])


@pytest.mark.parametrize("text, actor", [
    ("Police warned on Monday that protesters would be dealt with firmly.", "Police"),
    ("Rwanda warned on Monday that it would take all necessary measures if the shelling continued.", "Rwanda"),
])
def test_an_authority_warning_of_firm_handling_or_necessary_measures_threatens(extract, text, actor):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == [("THREATEN", [actor])]


@pytest.mark.parametrize("text, actor", [
    ("Riot police responded with water cannon and tear gas.", "Riot police"),
    ("Police officers waded in with truncheons, two witnesses said.", "Police officers"),
    ("Two protesters were subdued with pepper spray, the police said.", "police"),
])
def test_a_force_acting_with_riot_gear_uses_force_whatever_the_verb(extract, text, actor):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text) if e.type == "ASSAULT"] == [
        ("ASSAULT", ["crowd-control"], [actor])]
    assert [e for e in extract("Supporters waded in with banners and flags.") if e.type == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "Gendarmes fired pepper spray to push the group back and detained 14 people.",
    "Officers fired water cannon to clear the road and arrested seven men.",
])
def test_pepper_spray_or_water_cannon_fired_is_force_used(extract, text):
    assert [(e.type, e.mode) for e in extract(text)] == [("ASSAULT", ["crowd-control"]), ("COERCE", ["arrest"])]


@pytest.mark.parametrize("text, actor", [
    ("Police dispersed the crowd with tear gas on Tuesday.", "Police"),
    ("The crowd was dispersed by police on Tuesday.", "police"),
])
def test_a_crowd_dispersed_by_police_is_force_used_on_it_and_was_protesting(extract, text, actor):
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in extract(text)] == [
        ("ASSAULT", ["crowd-control"], [actor], ["crowd"]), ("PROTEST", ["demo"], ["crowd"], [])]


@pytest.mark.parametrize("text, country", [
    ("HELSINKI, April 26 (Agency) - Vandals smashed the windows of Russia's consulate in Turku at the weekend. "
     "Russia's foreign ministry said it had demanded that Helsinki find those responsible.", "RUS"),
    ("KIGALI, Jan 28 (Agency) - Shells fired from across the border hit a refugee centre in Rubavu on Monday. A "
     "government spokeswoman warned Kinshasa on Tuesday that Rwanda would respond if the shelling went on.", "RWA"),
])
def test_a_capital_or_place_naming_whom_words_are_for_is_not_where_they_were_said(extract, text, country):
    [said] = [e for e in extract(text) if e.type in ("REQUEST", "THREATEN")]
    assert said.location.country == country


def test_a_day_is_never_a_party(extract):
    [threat] = of_type(extract("The students' union said it would march on the mission again on Monday unless "
                               "President Ramaphosa apologised."), "THREATEN")
    assert (threat.type, texts(threat.recipients)) == ("THREATEN", ["mission"])


def test_a_break_in_condemned_judges_whoever_broke_in(extract):
    # ("break-in" is read as "break", "-", "in": its word is the whole)
    [condemned] = of_type(extract("A man broke into the residence and threw a petrol bomb at its door on "
                                  "Saturday. Sweden's foreign minister condemned the break-in on Sunday."), "ACCUSE")
    assert texts(condemned.recipients) == ["man"]


def test_a_verb_the_parse_glued_to_the_main_clause_without_and_is_its_own_clauses(extract):
    # the parse joins "struck" to "moved" as if the agency had done both; no "and" joins them, and "shells" is the
    # subject standing before it
    [attack] = of_type(extract("The U.N. refugee agency moved dozens of Congolese refugees and its own staff out of "
                               "a reception centre in Rwanda's border town of Rubavu on Tuesday, a day after shells "
                               "fired from across the frontier in Congo struck homes a few hundred metres away, "
                               "killing five Rwandan civilians."), "ASSAULT")
    assert texts(attack.actors) == []
    [attack] = of_type(extract("Gunmen stopped the vehicle, set it alight and fled on Monday."), "ASSAULT")
    assert texts(attack.actors) == ["Gunmen"]


@pytest.mark.parametrize("text, suspect", [
    ("Police on Sunday arrested a man suspected of throwing a grenade over the wall of the compound.", "man"),
    ("On Sunday police detained two men on suspicion of attacking the consulate.", "two men"),
    ("A 30-year-old local man was taken into custody on Sunday on suspicion of causing an explosion endangering "
     "the public, police said.", "30-year-old local man"),
])
def test_the_one_suspected_of_an_attack_is_its_doer_as_far_as_the_story_knows(extract, text, suspect):
    [attack] = of_type(extract(text), "ASSAULT")
    assert (texts(attack.actors), attack.extra["actor_source"]) == ([suspect], "suspected")
    assert attack.date.start < "2024-03-03" <= attack.date.end  # before the arrest (Sunday), not on its day


def test_an_attack_one_side_accuses_another_of_stays_without_a_doer(extract):
    events = extract("Kyiv accused Russian forces of shelling the convoy.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["Kyiv"]), ("ASSAULT", [])]


def test_taken_into_custody_is_an_arrest(extract):
    [arrest] = extract("Police took two men into custody on Monday.")
    assert (arrest.type, arrest.mode, texts(arrest.actors)) == ("COERCE", ["arrest"], ["Police"])


def test_smashing_a_missions_windows_attacks_it_unless_it_is_what_an_attack_told_with_it_did(extract):
    [attack] = extract("Vandals smashed the windows of the Russian consulate on Friday.")
    assert (attack.type, texts(attack.actors), texts(attack.recipients)) == (
        "ASSAULT", ["Vandals"], ["Russian consulate"])
    events = extract("Gunmen stormed the outer wall of the embassy compound on Tuesday, smashing a main door.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Gunmen"])]


def test_a_lead_naming_the_datelines_town_keeps_the_story_there(extract):
    events = extract("Bomb damages Ukrainian consulate in Hungary; Kyiv summons envoy\n\n"
                     "NYIREGYHAZA, Hungary, March 4 (Agency) - A bomb blew out the door of Ukraine's consulate in "
                     "Nyiregyhaza early on Sunday, and Kyiv summoned Hungary's ambassador. In Kyiv, Ukraine's foreign "
                     "ministry said the attack was the fruit of hostile rhetoric. Police detained a man on Monday. In "
                     "Kyiv, officials met. The office of a Hungarian association in Uzhhorod was burned in 2018.")
    [arrest] = of_type(events, "COERCE")
    assert arrest.location.country == "HUN"


def test_part_of_a_crowd_throwing_stones_riots_and_the_windows_it_smashes_are_its_damage(extract):
    events = extract("After the petition was handed over, part of the crowd began throwing stones and bottles over "
                     "the wall, smashing windows in the consular section.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [("PROTEST", ["riot"], ["part of the crowd"])]


def test_police_dispersing_a_crowd_lend_no_doer_to_the_damage_told_beside_them(extract):
    events = extract("Part of the crowd threw stones at the embassy, and a guard hut was set alight. Police fired "
                     "tear gas to disperse them.")
    [damage] = [e for e in events if e.type == "ASSAULT" and "crowd-control" not in e.mode]
    assert texts(damage.actors) == []


@pytest.mark.parametrize("text, doer", [
    ("The suspect, a 39-year-old Peruvian, had worked as a deckhand on Chinese vessels, the ministry said. He had "
     "gone to the embassy gate and stabbed the officer, it said.", "suspect"),
    ("According to the ministry, the polytechnic student had been radicalised by videos. He stabbed the guards at "
     "the embassy's gate, it said.", "polytechnic student"),
])
def test_he_is_a_person_told_of_never_the_ministry_telling_it(extract, text, doer):
    [attack] = of_type(extract(text), "ASSAULT")
    assert texts(attack.actors) == [doer]


def test_he_in_words_an_office_reports_is_the_person_whose_office_it_is(extract):
    [order] = of_type(extract("The office of Iraq's prime minister said he had ordered an investigation into the "
                              "attack."), "ACCUSE")
    assert texts(order.actors) == ["Iraq's prime minister"]


def test_a_number_under_ten_makes_no_crowd(extract):
    [attack] = extract("Three youths threw stones at a bus carrying soldiers.")
    assert (attack.type, texts(attack.actors)) == ("ASSAULT", ["Three youths"])


@pytest.mark.parametrize("text", [
    '"Ambassadors are guests of the nation, and whoever attacks them attacks the nation itself," the spokesman said.',
    "Turkey would respond to anyone who attacks its soldiers, the minister said.",
    "There is currently no specific intelligence of an imminent attack against Singapore, the statement said.",
])
def test_what_anyone_might_do_and_an_attack_nothing_is_known_of_are_no_attacks(extract, text):
    assert of_type(extract(text), "ASSAULT") == []


def test_a_chairman_warning_his_members_would_block_a_crossing_unless_threatens(extract):
    [threat] = of_type(extract("The chairman of a fishermen's union warned that his members would block the ferry "
                               "crossing from Friday if the men were not home by then."), "THREATEN")
    assert (texts(threat.actors), texts(threat.recipients)) == (["chairman"], ["ferry crossing"])


@pytest.mark.parametrize("text, threats", [
    ("A foreign ministry spokeswoman said Moscow would respond to the expulsion in an appropriate manner.",
     [("THREATEN", ["Moscow"])]),
    ("The ministry said it would respond to the letter next week.", []),
])
def test_a_state_saying_it_would_respond_threatens(extract, text, threats):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "THREATEN")] == threats


def test_what_a_force_used_something_to_do_it_did(extract):
    [downed] = extract("Czech police used a jamming gun to bring down a small drone over the embassy on Wednesday.")
    assert (downed.type, downed.mode, downed.hypothetical) == ("PROTECT", ["counter-drone"], False)
    [dispersal] = of_type(extract("Riot police used water cannon and electric batons to disperse the crowd."),
                          "ASSAULT")
    assert (dispersal.type, dispersal.hypothetical) == ("ASSAULT", False)
    assert of_type(extract("The regional government said it would not allow the region to be used to threaten "
                           "neighbouring countries."), "THREATEN") == []


def test_an_envoy_called_in_is_summoned(extract):
    [summons] = of_type(extract("The department said it had called in Lesotho's high commissioner in Pretoria on "
                                "Wednesday evening to express grave concern."), "ACCUSE")
    assert (summons.mode, texts(summons.actors), texts(summons.recipients)) == (
        ["disapprove"], ["department"], ["Lesotho's high commissioner"])


@pytest.mark.parametrize("text, actor, site", [
    ("Police have placed the consulate under round-the-clock guard, a spokeswoman said.", "Police", "consulate"),
    ("Police reinforced patrols outside the embassy overnight, a spokesman said.", "Police", "embassy"),
    ("The fisheries ministry suspended the trawler's licence and ordered the vessel held in port, while the interior "
     "minister ordered extra police to the embassy.", "interior minister", "embassy"),
])
def test_a_mission_put_under_guard_or_sent_police_is_protected_by_whoever_did_it(extract, text, actor, site):
    [measure] = of_type(extract(text), "PROTECT")
    assert (texts(measure.actors), texts(measure.recipients)) == ([actor], [site])


def test_it_after_a_group_given_a_name_is_that_group_even_when_the_name_is_parsed_apart(extract):
    events = extract("A group calling itself Saraya Ansar al-Quds said in a message posted on Telegram late on "
                     "Tuesday that it had carried out the blast. It warned that Zionist interests across India would "
                     "be targeted next.", published="2024-05-08")
    [threat] = of_type(events, "THREATEN")
    assert texts(threat.actors) in (["group"], ["Saraya Ansar al-Quds"])


def test_an_embassy_that_stops_its_visa_work_is_its_own_actor(extract):
    [notice] = of_type(extract("Turkey's embassy in Turkmenistan has stopped accepting visa applications until "
                               "further notice."), "ADVISORY")
    assert texts(notice.actors) == ["Turkey's embassy"]


@pytest.mark.parametrize("page", [
    "Photo caption: Guinean gendarmes stand outside a diplomatic residence in Conakry, March 9.\n",
    "Photo: A soldier stands guard outside the residence in Conakry on Friday.\n",
    "Editor's note: An earlier version of this story misstated the district where the suspect was arrested.\n",
    "(Updates with Hezbollah deployment, adds statement by the police)\n",
], ids=["photo-caption", "label-split-from-caption", "editors-note", "wire-update-note"])
def test_a_caption_or_a_note_on_the_story_is_no_event(extract, page):
    text = "Gunmen raided the ambassador's residence in Conakry on Monday, police said.\n\n" + page
    assert [e.evidence.sentence[:12] for e in extract(text)] == ["Gunmen raide"]


def test_officers_stationed_outside_a_building_guard_it(extract):
    [measure] = of_type(extract("Police have stationed officers outside the office building around the clock since "
                                "Monday, the Police Department said."), "PROTECT")
    assert (texts(measure.actors), texts(measure.recipients)) == (["Police", "Police Department"], ["office building"])


@pytest.mark.parametrize("text, actor", [
    ("Russia's foreign ministry summoned Armenia's ambassador over the attack, and warned that Moscow would draw the "
     "appropriate conclusions if its diplomats were not protected.", "Russia's foreign ministry"),
    ("Kosovo's prime minister asked the peacekeepers to clear the roads, warning that Kosovo police would do the job "
     "themselves if they did not.", "Kosovo's prime minister"),
    ("The group warned that it would extend its operations to bases in Syria.", "group"),
], ids=["on-a-condition", "warning-participle", "its-own-doing"])
def test_a_warning_of_what_the_warner_will_do_is_a_threat(extract, text, actor):
    [threat] = of_type(extract(text), "THREATEN")
    assert texts(threat.actors) == [actor]


@pytest.mark.parametrize("text", [
    "Aid groups warned that it would be a disaster for the camps.",
    "Aid groups warned that the camps could run out of water if the road stayed closed.",
], ids=["a-judgement", "what-may-happen"])
def test_a_warning_of_what_may_come_is_no_threat(extract, text):
    assert of_type(extract(text), "THREATEN") == []


def test_a_clause_told_before_its_teller_keeps_its_own_subject_for_a_joined_threat(extract):
    [threat] = of_type(extract("Armed tribesmen have abducted two aid workers and threatened to kill them if the "
                               "government does not release a relative, local officials said."), "THREATEN")
    assert texts(threat.actors) == ["Armed tribesmen"]


def test_who_found_a_threatening_leaflet_did_not_write_it_but_who_delivered_a_note_speaks_through_it(extract):
    found = extract("The handwritten leaflets, found by a security guard on Tuesday morning, warned of revenge "
                    "attacks on the consulate.", published="2020-09-17")
    assert [texts(e.actors) for e in found if e.type == "THREATEN"] in ([], [[]])
    [demand] = of_type(extract("The note, delivered to the foreign ministry by the Guatemalan ambassador, demanded "
                               "that Belize stop the march."), "REQUEST")
    assert texts(demand.actors) == ["Guatemalan ambassador"]


def test_a_note_left_at_the_scene_and_signed_with_a_name_is_that_name_s_threat(extract):
    [threat] = of_type(extract('A note left at the scene and signed "Los Lobos" warned that "more will follow" if the '
                               "leader was extradited, the commander said."), "THREATEN")
    assert texts(threat.actors) == ["Los Lobos"]


def test_a_threat_in_a_note_nobody_signed_is_a_threat_whose_writer_is_unknown(extract):
    [threat] = of_type(extract('Each envelope held a typed note warning that the embassy "will be next", a police '
                               "source said."), "THREATEN")
    assert threat.actors == [] and threat.extra["actor_source"] == "unsigned"
    [threat] = of_type(extract("Leaflets threatening to burn the consulate were pushed under its gate on Tuesday. The "
                               "leaflets warned that the building would be set alight unless migrants left the city "
                               "within seven days."), "THREATEN")  # one threat, told twice
    assert threat.actors == []


@pytest.mark.parametrize("text, actor", [
    ("Police detained a man suspected of smashing the door of the office and leaving a note threatening its staff.",
     "man"),
    ("Police arrested a student suspected of sending emails threatening to blow up five embassies.", "student"),
    ("Police arrested a man who posted a video threatening to bomb the embassy.", "man"),
], ids=["left-a-note", "sent-emails", "posted-a-video"])
def test_a_note_s_threat_is_made_by_whoever_left_or_sent_it(extract, text, actor):
    [threat] = of_type(extract(text), "THREATEN")
    assert texts(threat.actors) == [actor]


@pytest.mark.parametrize("text, actor", [
    ("The man had sent dozens of emails to UN agencies since his contract ended, demanding compensation.", "man"),
    ("About 40 members of a nationalist group gathered outside the shuttered clinic waving flags and demanding "
     "that it be closed for good.", "About 40 members of a nationalist group"),
], ids=["since-his-contract-ended", "outside-the-clinic"])
def test_a_demand_in_a_participle_hung_on_a_thing_is_made_by_the_doer_of_the_clause_above(extract, text, actor):
    [demand] = of_type(extract(text), "REQUEST")
    assert [p.text for p in demand.actors] == [actor]


@pytest.mark.parametrize("text, expected", [
    ("Caracas ordered Chile's diplomats to leave Venezuela within 72 hours.", [("SANCTION", ["expel"])]),
    ("Venezuela ordered U.S. diplomats to leave the country within 72 hours.", [("SANCTION", ["expel"])]),
    ("The United States ordered American diplomats to leave Venezuela.", [("ADVISORY", ["ordered-departure"])]),
    ("Kinshasa broke off diplomatic relations with Kigali on Sunday.", [("SANCTION", ["discontinue"])]),
], ids=["another-state-s-diplomats", "us-diplomats", "its-own-diplomats", "broke-off-relations"])
def test_a_state_ordering_another_s_diplomats_out_expels_them_and_breaking_off_ties_sanctions(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text) if e.type in ("SANCTION", "ADVISORY")] == expected


def test_protesters_pushed_back_or_arrested_were_protesting_where_the_sentence_says(extract):
    events = extract("Jordanian police fired tear gas on Friday to push back thousands of protesters trying to reach "
                     "the Israeli embassy in Amman. Several demonstrators were arrested, a security source said.",
                     published="2023-10-21")
    [protest] = of_type(events, "PROTEST")
    assert (texts(protest.actors), texts(protest.recipients), protest.date.start) == (
        ["thousands of protesters"], ["Israeli embassy"], "2023-10-20")


def test_a_protest_told_before_its_policing_is_not_told_twice(extract):
    events = extract("Thousands of people marched on the embassy on Friday. Police fired tear gas to disperse the "
                     "protesters.", published="2023-10-21")
    assert [texts(p.actors) for p in of_type(events, "PROTEST")] == [["Thousands of people"]]


def test_they_who_tried_to_march_are_those_detained(extract):
    events = extract("Police detained more than 200 fishermen on Monday as they tried to march on Sri Lanka's deputy "
                     "high commission.", published="2023-08-14")
    [protest] = of_type(events, "PROTEST")
    assert texts(protest.actors) == ["more than 200 fishermen"]


@pytest.mark.parametrize("text, actor", [
    ("President Andres Manuel Lopez Obrador rejected the idea at his regular news conference on Wednesday.",
     "Andres Manuel Lopez Obrador"),
    ("The foreign ministry dismissed the statement as a crude fabrication.", "foreign ministry"),
    ("Organisers said they would not accept the ban and would hold another march next Friday.", "Organisers"),
    ("Student union leaders said they did not recognise the court's ruling.", "Student union leaders"),
    ("Hungary's foreign minister condemned the bombing, but said he rejected efforts by Kyiv to pin the blame on "
     "his government.", "Hungary's foreign minister"),
], ids=["idea", "statement-dismissed", "ban-not-accepted", "ruling-not-recognised", "he-who-condemned"])
def test_an_idea_a_statement_or_a_ban_refused_is_rejected(extract, text, actor):
    [refusal] = of_type(extract(text), "REJECT")
    assert (texts(refusal.actors), refusal.negated, refusal.hypothetical) == ([actor], False, False)


def test_a_ban_accepted_is_no_refusal_and_violence_opposed_is_condemned(extract):
    assert of_type(extract("The organisers accepted the ban on marches near the embassy."), "REJECT") == []
    [condemned] = of_type(extract("The Chinese embassy said it firmly opposes the violence against its premises."),
                          "ACCUSE")
    assert (texts(condemned.actors), condemned.mode) == (["Chinese embassy"], ["disapprove"])


def test_a_length_of_time_describing_a_thing_does_not_date_the_act(extract):
    [storming] = of_type(extract("The clearance revived memories of December 2005, when police stormed a three-month "
                                 "protest camp of Sudanese refugees.", published="2024-02-14"), "ASSAULT")
    assert (texts(storming.actors), storming.date.start, storming.date.end) == (["police"], "2005-12-01", "2005-12-31")


def test_an_act_the_parse_hangs_on_the_main_verb_after_after_is_dated_before_it(extract):
    events = extract("Guatemala sent Belize a formal protest note on Friday after demonstrators angry over a "
                     "confrontation on the river burned a Guatemalan flag outside its embassy in Belmopan and pelted "
                     "the compound with eggs and stones.", published="2026-02-13")
    assert {(p.date.start, p.date.end) for p in of_type(events, "PROTEST")} == {("2026-02-06", "2026-02-13")}


def test_gunmen_on_a_motorcycle_who_opened_fire_are_the_attackers(extract):
    [attack] = of_type(extract("ZAHEDAN, Iran, Nov 6 (Agency) - Gunmen on a motorcycle opened fire on the entrance "
                               "of Pakistan's consulate-general in the southeastern Iranian city of Zahedan late on "
                               "Tuesday, killing an Iranian police officer guarding the gate, Iranian state media "
                               "reported."), "ASSAULT")
    assert texts(attack.actors) == ["Gunmen"]


def test_a_denial_told_twice_is_one_and_it_is_the_group_described_before(extract):
    events = extract("Jaish al-Adl, a Sunni Baluch militant group, denied any role. \"We have nothing to do with the "
                     "shooting at the consulate,\" it said in a statement.")
    assert [(texts(e.actors), e.negated) for e in of_type(events, "ASSAULT")] == [(["Jaish al-Adl"], True)]


def test_a_weapon_that_killed_is_its_owners_attack_but_not_a_participle_after_another_act(extract):
    events = extract("In July, a Houthi drone killed a man in an apartment in Tel Aviv, and Israel's air force struck "
                     "the port of Hodeidah the next day.", published="2024-12-03")
    assert [(texts(e.actors), e.date.start, e.date.end) for e in of_type(events, "ASSAULT")] == [
        (["Houthi"], "2024-07-01", "2024-07-31"), (["Israel's air force"], "2024-07-02", "2024-08-01")]
    bomb = extract("A roadside bomb exploded under a convoy of United Nations peacekeepers near Tessalit on Tuesday, "
                   "killing two Chadian soldiers.")
    assert len(of_type(bomb, "ASSAULT")) == 1


@pytest.mark.parametrize("text, expected", [
    ('Israel\'s defence minister said the Houthis would "pay a very heavy price".',
     [("Israel's defence minister", ["Houthis"])]),
    ("Hezbollah said the killing was a serious assault on Lebanon that would not go unpunished.",
     [("Hezbollah", [])]),
    ('"Those responsible will pay dearly," the president said.', [("president", [])]),
    ("The minister said the company would not pay a price for the delay.", []),
    ("Hezbollah said the killing would go unpunished by the courts.", []),
    ("The group warned that the Canadian embassy would be next.", [("group", ["Canadian embassy"])]),
    ("The group said the gunmen had attacked the convoy, and that any foreign agency that entered the zone would "
     "receive the same treatment.", [("group", ["foreign agency"])]),
    ("The minister said the wounded would receive treatment in hospital.", []),
    ("The minister said the next step would be talks.", []),
], ids=["pay-a-heavy-price", "not-go-unpunished", "pay-dearly", "not-pay", "go-unpunished", "be-next",
        "the-same-treatment", "treatment-in-hospital", "the-next-step"])
def test_saying_a_party_will_pay_for_it_threatens_that_party(extract, text, expected):
    assert [(" ".join(texts(e.actors)), texts(e.recipients)) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Russia's foreign ministry summoned Azerbaijan's ambassador on Tuesday, two days after several hundred people "
     "rallied outside the Russian embassy.", "2025-10-14", [("ACCUSE", "2025-10-14"), ("PROTEST", "2025-10-12")]),
    ("Police arrested two men on Friday, a day after a bomb exploded outside the embassy.", "2025-10-14",
     [("COERCE", "2025-10-10"), ("ASSAULT", "2025-10-09")]),
    ("The United States on Thursday ordered diplomats' children to leave, warning that militants may still be "
     "planning attacks five days after suicide bombers struck churches on Easter Sunday.", "2019-04-26",
     [("ADVISORY", "2019-04-25"), ("ASSAULT", "2019-04-21")]),
], ids=["two-days-after", "a-day-after", "after-with-its-own-date"])
def test_an_act_days_after_which_another_was_done_is_dated_that_many_days_before(extract, text, published, expected):
    assert [(e.type, e.date.start) for e in extract(text, published=published)
            if (e.date.start, e.date.end) == (e.date.start, e.date.start)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The region's leader ordered checkpoints set up on the roads into Tiraspol.", [("PROTECT", ["region's leader"])]),
    ("Ukraine's military intelligence agency denied any involvement, calling the incident a staged provocation.",
     [("ACCUSE", ["Ukraine's military intelligence agency"])]),  # (the denial: a negated attack, not a rejection)
    ("Moldova's Bureau for Reintegration Policy urged calm and said Moldovan police had stepped up checks at their "
     "posts.", [("REQUEST", ["Bureau for Reintegration Policy"]), ("PROTECT", ["Moldovan police"])]),
    ("Belarus's foreign ministry rejected the protest.", [("REJECT", ["Belarus's foreign ministry"])]),
    ("Germany's foreign office condemned the attack and said it expected the Russian authorities to protect German "
     "missions.", [("ACCUSE", ["Germany's foreign office"]), ("REQUEST", ["Germany's foreign office"])]),
    ("A Russian drone dropped an explosive on a marked vehicle of the Norwegian Refugee Council.",
     [("ASSAULT", ["Russian"])]),
    ("The army dropped the charges against the two men.", []),
    ("The NRC suspended its work in Kherson.", [("RETREAT", ["NRC"])]),
], ids=["checkpoints-set-up", "calling-it-a-provocation", "urged-and-said", "rejected-the-protest",
        "condemned-and-said-it-expected", "dropped-an-explosive", "dropped-charges", "an-aid-group-the-tables-know"])
def test_acts_told_beside_a_denial_a_request_or_a_condemnation_stand(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if not e.negated] == expected


def test_any_attack_and_what_it_would_count_as_are_no_attacks(extract):
    events = extract("Russia warned on Friday that it would treat any attack on its troops in Transnistria as an "
                     "attack on Russia itself.", published="2025-05-16")
    assert [(e.type, texts(e.actors)) for e in events] == [("THREATEN", ["Russia"])]
    [denied] = of_type(extract("The group denied carrying out any attack on the base."), "ASSAULT")
    assert (texts(denied.actors), denied.negated) == (["group"], True)


def test_a_participle_after_a_noun_read_as_the_main_verb_is_mended(extract):
    events = extract("Relatives of 11 Guatemalan migrants shot dead in southern Mexico last week burned tyres outside "
                     "the Mexican consulate in Quetzaltenango on Wednesday.", published="2025-06-05")
    assert [(e.type, texts(e.actors), e.date.start) for e in events] == [
        ("ASSAULT", [], "2025-05-26"), ("PROTEST", ["Relatives"], "2025-06-04")]


@pytest.mark.parametrize("text, expected", [
    ("The front's leaders said they would begin a hunger strike on Monday unless the embassy agreed to open talks.",
     [("THREATEN", ["front's leaders"], []), ("PROTEST", ["front's leaders"], ["hunger", "strike"])]),  # (threatened)
    ("No group has claimed the arson.", [("CLAIM", [], []), ("ASSAULT", [], ["destroy"])]),
    ("Police said they suspected a gang of illegal sand miners.", [("ACCUSE", ["Police"], ["allege"])]),
    ("About 60 activists hurled eggs and red paint at the office of the EU delegation.",
     [("PROTEST", ["About 60 activists"], ["riot"])]),
    ("Police had strengthened protection of the EU office.", [("PROTECT", ["Police"], [])]),
    ('Its members chanted "Georgia is not a colony" and burned a portrait of the ambassador.',
     [("PROTEST", ["Its members"], ["demo"])]),
], ids=["ultimatum-of-a-hunger-strike", "no-claim-of-an-arson", "suspected-a-gang", "activists-hurled-eggs",
        "strengthened-protection", "a-negation-in-a-chant"])
def test_ultimatums_claims_suspicions_riots_and_guards_as_real_copy_words_them(extract, text, expected):
    assert [(e.type, texts(e.actors), e.mode) for e in extract(text) if not e.negated or e.type == "CLAIM"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Colombia's foreign ministry sent a protest note to Lima.", [("ACCUSE", ["Colombia's foreign ministry"])]),
    ("About 40 people climbed the embassy's front gate and sat in its car park.", [("PROTEST", ["About 40 people"])]),
    ("The Papua New Guinea Defence Force flew 60 soldiers to Manus on Thursday to secure the base.",
     [("MOBILIZE", ["Papua New Guinea Defence Force"]), ("PROTECT", ["Papua New Guinea Defence Force"])]),
], ids=["a-protest-note", "climbed-the-gate", "flew-soldiers-to-secure"])
def test_a_protest_note_a_gate_climbed_and_soldiers_flown_in(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_a_date_across_a_semicolon_a_standing_force_and_she_the_envoy(extract):
    [inquiry] = extract("Police are investigating whether a gang was behind it; the contractor's owner told local "
                        "radio that the company had received demands for payments in December.", published="2025-01-29")
    assert (inquiry.type, inquiry.date.start, inquiry.date.end) == ("ACCUSE", "2025-01-22", "2025-01-29")
    assert extract("U.S. forces have been stationed at Soto Cano since the 1980s.") == []
    assert [e.type for e in extract("Police have been deployed around the embassy since Monday.")] == ["PROTECT"]
    [meeting] = extract("The protest followed a row over a trip by the U.S. charge d'affaires to Santiago de Cuba. On "
                        "Monday she met relatives of people jailed after the protests of July 2021.")
    assert (meeting.type, texts(meeting.actors)) == ("CONSULT", ["U.S. charge d'affaires", "relatives"])  # (a
    # meeting is both sides')


@pytest.mark.parametrize("text, expected", [
    ("Russia's Federal Security Service said its officers had detained the suspect. It said he had been recruited "
     'by "Ukrainian special services".', ("Russia's Federal Security Service",
                                                       ["Ukrainian special services"])),
    ("The KGB said that the man had confessed to collecting information on behalf of Polish intelligence.",
     ("KGB", ["Polish intelligence"])),
    ("Police said the man had been paid by a criminal gang.", ("Police", ["criminal gang"])),
], ids=["recruited-by", "on-behalf-of", "paid-by"])
def test_who_had_someone_do_it_told_by_another_is_an_allegation(extract, text, expected):
    [charge] = of_type(extract(text), "ACCUSE")
    assert (charge.actors[0].name or charge.actors[0].text, texts(charge.recipients)) == expected
    assert of_type(extract("The company said the workers had been paid by the hour."), "ACCUSE") == []


def test_acts_listed_after_a_summons_are_the_summoners(extract):
    events = extract("Azerbaijan's foreign ministry summoned the Russian ambassador in Baku on Monday, handed him a "
                     "protest note and demanded a transparent investigation.", published="2025-10-14")
    assert [(e.type, texts(e.actors), e.date.start) for e in events] == [
        ("ACCUSE", ["Azerbaijan's foreign ministry"], "2025-10-13"),
        ("REQUEST", ["Azerbaijan's foreign ministry"], "2025-10-13")]


def test_how_long_something_lasted_does_not_date_it(extract):
    events = extract("On Dec. 31, supporters of Iran-aligned militias smashed their way into the embassy's reception "
                     "area and set it on fire, besieging the compound for two days.", published="2020-01-27")
    assert {(e.type, e.date.start) for e in events} == {("ASSAULT", "2019-12-31"), ("PROTEST", "2019-12-31")}


def test_a_nation_in_the_plural_is_its_people_not_its_state(extract):
    assert of_type(extract("Costa Rica hosts tens of thousands of Nicaraguans who fled after the government crushed "
                           "street protests in 2018."), "CONSULT") == []
    assert [texts(e.actors) for e in of_type(extract("Several thousand Venezuelans gathered outside the consulate "
                                                     "on Tuesday."), "PROTEST")] == [["Venezuelans"]]


@pytest.mark.parametrize("text, expected", [
    ("Police officers remained posted outside the embassy.", [("PROTECT", ["Police officers"])]),
    ("The U.N. refugee agency moved dozens of Congolese refugees and its own staff out of a reception centre.",
     [("PROTECT", ["U.N. refugee agency"])]),
    ("UNHCR said about 600 refugees had been moved by bus to the Nkamira transit camp.", []),
], ids=["remained-posted", "moved-refugees-out", "moved-by-bus"])
def test_guards_who_remained_posted_and_refugees_moved_out(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.actors] == expected


@pytest.mark.parametrize("text, expected", [
    ('The European Union\'s delegation said it was "deeply concerned" by the detention of opposition leaders.',
     [(["European Union's delegation"], ["detention"])]),
    ('The U.N. resident coordinator said she was "deeply concerned" by the use of force against the protesters.',
     [(["U.N. resident coordinator"], ["use"])]),
    ("A UN spokeswoman said attempts to intimidate staff were unacceptable.", [(["UN spokeswoman"], ["attempts"])]),
    ('Residents said they were "deeply concerned" by the rising prices.', []),
], ids=["concerned-by-a-detention", "concerned-by-force", "attempts-unacceptable", "concerned-by-prices"])
def test_concern_at_force_or_detentions_condemns_them(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The army will escort all aid convoys in the province after gunmen ambushed trucks carrying food aid on "
     "Saturday.", {("PROTECT", "2024-03-02", "2024-03-06"), ("ASSAULT", "2024-03-02", "2024-03-02")}),
    ("The state newspaper said the attacker belonged to a rebel group that took up arms after the military seized "
     "power in February 2021.", {("ACCUSE", "2024-02-28", "2024-03-06")}),
    ("The embassy advised citizens to avoid demonstrations and said it had cancelled visa appointments through "
     "Friday.", {("ADVISORY", "2024-02-28", "2024-03-06")}),
    ("Gunmen fired on a base that houses foreign troops on Tuesday night.",
     {("ASSAULT", "2024-03-05", "2024-03-05")}),
], ids=["after-clause", "relative-clause", "through-friday", "present-relative-clause"])
def test_a_date_told_only_of_an_act_under_another_does_not_date_it(extract, text, expected):
    # the escort comes after the ambush, on or before publication; the allegation is undated, not February 2021's
    assert {(e.type, e.date.start, e.date.end) for e in extract(text)} == expected


@pytest.mark.parametrize("text, expected", [
    ("Police have arrested five men they accuse of plotting to bomb the U.S. consulate.",
     {("COERCE", ("Police",), ("five men",)), ("ACCUSE", ("Police",), ("five men",))}),
    ("The intelligence service has arrested seven men who it says were planning to attack the embassy.",
     {("COERCE", ("intelligence service",), ("seven men",)), ("ACCUSE", ("intelligence service",), ("seven men",))}),
    ("The ministry said the student had planned to stab the guards at the embassy.",
     {("ACCUSE", ("ministry",), ("student",))}),
    ("He planned to stab the guards at the embassy.", set()),
], ids=["accuse-of-plotting", "who-it-says-were-planning", "said-had-planned", "told-as-fact"])
def test_a_plot_is_the_tellers_allegation_and_no_attack(extract, text, expected):
    assert {(e.type, tuple(texts(e.actors)), tuple(texts(e.recipients))) for e in extract(text)} == expected


@pytest.mark.parametrize("text, expected", [
    ("The U.S. embassy told American citizens on Tuesday to stay alert.", [("ADVISORY", ["U.S. embassy"])]),
    ("The embassy urged citizens to review their personal security plans.", [("ADVISORY", ["embassy"])]),
    ("The government urged citizens to remain calm.", []),
    ("A spokesman for the base said force-protection measures had been raised.", [("PROTECT", ["spokesman"])]),
], ids=["embassy-told-citizens", "embassy-urged-citizens", "government-urged-calm", "measures-raised"])
def test_a_mission_telling_its_citizens_advises_and_raised_measures_protect(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The interior minister said the shooting had been carried out by criminal structures directed from Belgrade.",
     [("ACCUSE", ["interior minister"], ["criminal structures"])]),
    ("A government spokesman said former Ninja militiamen had carried out the ambush.",
     [("ACCUSE", ["government spokesman"], ["former Ninja militiamen"])]),
    ("The interior minister said the attack was the work of criminal structures directed from Belgrade.",
     [("ACCUSE", ["interior minister"], ["criminal structures"])]),
    ("Police said gunmen had carried out the attack.", [("ASSAULT", ["gunmen"], [])]),
], ids=["carried-out-by", "had-carried-out", "the-work-of", "unnamed-gunmen"])
def test_an_authority_naming_who_did_an_attack_charges_them(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


def test_guards_posted_told_by_a_minister_are_his_measure(extract):
    [protect] = of_type(extract("The interior minister said guards had been posted at all foreign missions."),
                        "PROTECT")
    assert texts(protect.actors) == ["interior minister", "guards"]


def test_more_officers_guarding_missions_protect_them(extract):
    [protect] = of_type(extract("The ministry said it had increased the number of police officers guarding foreign "
                                "missions in the capital."), "PROTECT")
    assert (texts(protect.actors), texts(protect.recipients)) == (["ministry"], ["foreign missions"])


def test_shocked_and_saddened_by_a_killing_condemns_it(extract):
    events = extract("Gunmen ambushed a WFP convoy on Monday, killing a driver. WFP said it was shocked and saddened "
                     "by the killing of the driver.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [(["WFP"], ["Gunmen"])]


@pytest.mark.parametrize("text, expected", [
    ("The army said it would provide armed escorts for all aid convoys in the province from Thursday.",
     [("PROTECT", ["army"], ["aid convoys"], "2024-02-28", "2024-03-06")]),
    ("The interior ministry said it would send 30 more officers to the two sites to guarantee the safety of staff.",
     [("PROTECT", ["interior ministry"], ["two sites"], "2024-02-28", "2024-03-06")]),
], ids=["escorts-from-thursday", "officers-for-safety"])
def test_escorts_provided_and_officers_sent_for_safety_protect(extract, text, expected):
    # a measure to come "from Thursday" is told now, not on the Thursday past
    assert [(e.type, texts(e.actors), texts(e.recipients), e.date.start, e.date.end) for e in extract(text)] \
        == expected


@pytest.mark.parametrize("text, expected", [
    ("The minister said anyone who touched the aid would be treated as a terrorist and jailed.",
     [("THREATEN", ["minister"])]),
    ("The army chief warned that anyone firing on the country's territory would be met with force.",
     [("THREATEN", ["army chief"])]),
    ("The minister said anyone who wanted to visit would be met with officials.", []),
    ("Police said those who organised the roadblock would be arrested once calm returned to the area.",
     [("THREATEN", ["Police"])]),
    ("Police said those who were injured would be treated in hospital.", []),
], ids=["treated-and-jailed", "met-with-force", "met-with-officials", "those-who-organised", "treated-in-hospital"])
def test_telling_what_will_be_done_to_anyone_who_acts_threatens_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type == "THREATEN"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Ukraine's foreign ministry said the attack was the fruit of the anti-Ukrainian rhetoric of Hungarian officials.",
     [("ACCUSE", ["Ukraine's foreign ministry"])]),
    ("Tajikistan's foreign ministry said the Taliban authorities bore responsibility for failing to secure the border.",
     [("ACCUSE", ["Tajikistan's foreign ministry"])]),
], ids=["the-fruit-of", "bore-responsibility"])
def test_an_attack_said_to_be_the_fruit_of_anothers_words_or_responsibility_borne_is_a_charge(extract, text,
                                                                                              expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_advice_and_an_ordered_departure_on_another_day_are_two_records(extract):
    events = extract("Britain advised against all travel to Lebanon on Saturday and on Tuesday ordered the families "
                     "of its embassy staff in Beirut to leave the country.", published="2024-08-06")
    assert sorted((e.mode[0], e.date.start) for e in of_type(events, "ADVISORY")) == [
        ("ordered-departure", "2024-08-06"), ("raise", "2024-08-03")]


def test_nothing_to_do_with_the_fire_denies_the_arson(extract):
    events = extract("A man torched a car outside the embassy on Monday. The Russian embassy said Russia had "
                     "nothing to do with the fire.", published="2025-03-18")
    assert [(texts(e.actors), e.negated) for e in of_type(events, "ASSAULT")] == [(["man"], False),
                                                                                  (["Russia"], True)]


@pytest.mark.parametrize("text", [
    "The outlawed Communist Party of Nepal said in pamphlets left near the scene that its cadres had planted both "
    "bombs.",
    "The Communist Party of Nepal said in a message released on Wednesday by its media arm that its cadres had "
    "planted the bomb.",
], ids=["pamphlets-left-near-the-scene", "message-released-by"])
def test_what_a_group_said_in_a_message_left_somewhere_is_its_claim(extract, text):
    events = extract(text, published="2019-05-16")
    assert sorted((e.type, tuple(texts(e.actors))) for e in events) == [
        ("ASSAULT", ("Communist Party of Nepal",)), ("CLAIM", ("Communist Party of Nepal",))]


def test_a_group_claiming_both_attacks_told_before_claims_no_third(extract):
    events = extract("Rockets hit the Shaddadi base on Monday. Drones struck the Omar oil field base on Tuesday. "
                     "The Islamic Resistance in Iraq claimed both attacks in statements on Telegram.",
                     published="2023-11-01")
    assert len(of_type(events, "ASSAULT")) == 2


def test_a_party_whose_name_opens_with_all_is_one_name_and_denies_the_attack(extract):
    events = extract("The main opposition All People's Congress (APC) denied any involvement after a pro-government "
                     "blogger linked the shooting to the party on social media.", published="2024-07-10")
    denial = [e for e in of_type(events, "ASSAULT") if e.negated]
    assert [texts(e.actors) for e in denial] == [["All People's Congress"]]  # not "People's Congress (APC"


def test_a_mission_regretting_the_attack_on_its_own_embassy_condemns_it(extract):
    events = extract("Mauritania's foreign ministry said it regretted \"the unacceptable attack\" on its embassy.",
                     published="2025-02-12")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("ACCUSE", ["disapprove"], ["Mauritania's foreign ministry"])]


def test_a_host_government_regretting_an_incident_concedes(extract):
    events = extract("Portugal's foreign ministry said it deeply regretted the incident.", published="2024-11-08")
    assert [e.type for e in events] == ["CONCEDE"]


def test_it_in_a_where_clause_is_the_body_acting_in_the_main_clause(extract):
    events = extract("France's foreign ministry on Thursday extended the area of Ivory Coast where it formally "
                     "advises its citizens against all travel.", published="2024-02-23")
    [advice] = of_type(events, "ADVISORY")
    assert texts(advice.actors) == ["France's foreign ministry"]


@pytest.mark.parametrize("text, actors", [
    ("The diplomat was shot in the thigh on Monday when three armed men blocked her car at the gate of her residence.",
     ["three armed men"]),
    ("A protester was wounded on Monday when police dispersed the crowd.", ["police"]),
], ids=["armed-men-when", "police-not-borrowed-for-a-passive"])
def test_a_passive_attack_is_done_by_the_armed_men_of_its_when_clause(extract, text, actors):
    attacks = of_type(extract(text, published="2025-05-22"), "ASSAULT")
    assert [texts(a.actors) for a in attacks] == [actors]


def test_some_of_them_after_a_closing_witnesses_said_is_the_crowd_told_of(extract):
    events = extract("The marchers set off from Mwenge and were stopped about a kilometre from the embassy, witnesses "
                     "said. Some of them threw stones at police.", published="2024-11-08")
    assert [(e.type, e.mode, texts(e.actors)) for e in events if e.type in ("PROTEST", "ASSAULT")] == [
        ("PROTEST", ["riot"], ["marchers"])]


def test_a_mission_reissuing_a_security_alert_advises(extract):
    events = extract("The U.S. embassy in Quito on Monday reissued a security alert urging U.S. citizens in Guayaquil "
                     "to limit their movements at night.", published="2024-11-19")
    assert [(e.type, texts(e.actors)) for e in events] == [("ADVISORY", ["U.S. embassy"])]


def test_a_spokesman_denying_that_civilians_were_targeted_denies_it_for_his_side(extract):
    events = extract("Kremlin spokesman Dmitry Peskov said on Thursday that Russian forces struck only military "
                     "targets and denied that civilians had been targeted.", published="2025-08-28")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT") if e.negated] == [["Dmitry Peskov"]]


def test_the_bomb_that_killed_on_monday_dates_the_attack_claimed_on_wednesday(extract):
    events = extract("Al-Shabaab said on Wednesday that its fighters had planted the roadside bomb that killed two "
                     "aid workers near the Dadaab refugee complex on Monday.", published="2024-09-18")
    [attack], [claim] = of_type(events, "ASSAULT"), of_type(events, "CLAIM")
    assert (attack.date.start[:10], attack.date.end[:10]) == ("2024-09-16", "2024-09-16")
    assert (claim.date.start[:10], claim.date.end[:10]) == ("2024-09-18", "2024-09-18")


def test_an_act_a_dated_statement_says_had_been_done_is_of_the_week_up_to_it(extract):
    events = extract("On Thursday a group calling itself \"Autonome Zelle Nordost\" posted a statement on a website "
                     "saying it had torched the vehicles.", published="2025-02-07")
    [attack] = of_type(events, "ASSAULT")
    assert (attack.date.start[:10], attack.date.end[:10]) == ("2025-01-30", "2025-02-06")  # not Thursday only


@pytest.mark.parametrize("text, actors", [
    ("Police in Nouakchott fired tear gas to break up the sit-in. About 15 people were detained, a security source "
     "said.", ["Police"]),
    ("Two men were arrested on Thursday in connection with the attack, a police source said.", ["police"]),
], ids=["security-source-tells-police-arrest", "police-source"])
def test_an_arrest_told_by_a_source_is_the_polices_not_the_sources(extract, text, actors):
    [arrest] = of_type(extract(text, published="2022-03-10"), "COERCE")
    assert texts(arrest.actors) == actors


def test_clients_who_had_nothing_to_do_with_the_attack_deny_it(extract):
    events = extract("A lawyer for the three men said his clients were farmers and had nothing to do with the attack.",
                     published="2023-06-22")
    assert [(texts(e.actors), e.negated) for e in of_type(events, "ASSAULT")] == [(["his clients"], True)]


@pytest.mark.parametrize("text", [
    "Armed men seized the engineer and his driver as they left a water point in Camp 15 on Saturday.",
    "Gunmen seized two nurses on the road to the clinic on Saturday.",
], ids=["engineer", "nurses"])
def test_armed_men_seizing_aid_staff_abduct_them(extract, text):
    assert [(e.type, "abduct" in e.mode) for e in extract(text, published="2025-01-20")] == [("ASSAULT", True)]


def test_summoning_an_envoy_to_demand_an_investigation_is_a_summons_and_a_demand(extract):
    events = extract("Bolivia's foreign ministry summoned Argentina's ambassador in La Paz on Monday to demand \"a "
                     "transparent investigation\" into the killing.", published="2024-11-08")
    assert sorted((e.type, texts(e.actors), e.date.start[:10], e.hypothetical) for e in events) == [
        ("ACCUSE", ["Bolivia's foreign ministry"], "2024-11-04", False),
        ("REQUEST", ["Bolivia's foreign ministry"], "2024-11-04", False)]


def test_summoning_an_envoy_to_protest_is_one_protest(extract):
    events = extract("The Philippines summoned China's ambassador on Tuesday to protest against the water cannon "
                     "attack.", published="2025-06-18")
    assert [e.type for e in events if e.type == "ACCUSE"] == ["ACCUSE"]


def test_a_ministry_urging_its_nationals_not_to_travel_advises(extract):
    events = extract("The interior ministry urged Mauritanians not to travel to the border areas of Mali until further "
                     "notice.", published="2022-03-10")
    assert [(e.type, texts(e.actors)) for e in events] == [("ADVISORY", ["interior ministry"])]


@pytest.mark.parametrize("text, expected", [
    ("The coalition said it would block the road \"every time a bus arrives\" unless the centres were closed.",
     [("THREATEN", ["coalition"])]),
    ("The group said it would return to the camp every Saturday until the government announced a date for the "
     "soldiers to leave.", [("THREATEN", ["group"])]),
    ("The minister said troops would stay until the elections.", []),
], ids=["every-time-unless", "return-until", "stay-until"])
def test_a_crowd_vowing_to_block_or_return_until_it_is_heard_threatens(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type == "THREATEN"] == expected


def test_one_of_the_organisers_is_named_with_those_it_is_one_of(extract):
    events = extract("\"We will come back to this embassy every week until Berlin sits down with us,\" one of the "
                     "organisers said.", published="2021-06-04")
    assert [texts(e.actors) for e in events if e.type == "THREATEN"] == [["one of the organisers"]]


def test_a_ministry_saying_its_forces_carried_out_a_massive_strike_claims_it(extract):
    events = extract("Russia's defence ministry said its forces had carried out a \"massive strike\" with "
                     "high-precision weapons on military-industrial sites.", published="2025-08-28")
    assert sorted((e.type, texts(e.actors)) for e in events) == [
        ("ASSAULT", ["Russia's defence ministry"]), ("CLAIM", ["Russia's defence ministry"])]


@pytest.mark.parametrize("text, expected", [
    ("A government spokesman condemned \"a cowardly act against people who came to help\" and called on the "
     "kidnappers to release the two men unharmed.", ("REQUEST", ["government spokesman"])),
    ("In a statement posted on Saturday, FACT said it had \"liberated\" Kanem and that its columns would march on "
     "N'Djamena unless Deby stepped down.", ("THREATEN", ["FACT"])),
], ids=["act-after-a-quoted-phrase", "second-thing-said-after-a-quoted-word"])
def test_a_verb_after_a_quotation_is_joined_to_the_verb_outside_it(extract, text, expected):
    assert expected in [(e.type, texts(e.actors)) for e in extract(text, published="2024-02-23")]


@pytest.mark.parametrize("text, expected", [
    ("Three WFP workers were taken hostage by miners on Tuesday.", [(["miners"], False)]),
    ("A spokesman for the miners denied that the WFP workers had been taken hostage.", [(["spokesman"], True)]),
], ids=["taken-hostage-by", "denied-they-were-taken-hostage"])
def test_people_taken_hostage_are_abducted_whoever_takes_them(extract, text, expected):
    events = extract(text, published="2024-05-16")
    assert [(texts(e.actors), e.negated) for e in events if e.type == "ASSAULT" and "abduct" in e.mode] == expected


@pytest.mark.parametrize("text, expected", [
    ("Burundi has expelled two foreign employees of the charity and suspended the aid group's activities in the "
     "country.", [("COERCE", ["deport"], ["Burundi"], ["two foreign employees"]),
                  ("COERCE", ["ban"], ["Burundi"], ["aid group"])]),
    ("In December 2020 the government suspended the work of Doctors Without Borders in the Northwest.",
     [("COERCE", ["ban"], ["government"], ["Doctors Without Borders"])]),
    ("The charity suspended all its work in the commune.", [("RETREAT", ["withdraw"], ["charity"], [])]),
    ("The government suspended military operations in the north.", [("RETREAT", ["ceasefire"], ["government"], [])]),
], ids=["group's-activities", "work-of", "own-work", "own-operations"])
def test_a_government_suspending_another_bodys_work_bans_it(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in extract(text)
            if e.type in ("COERCE", "RETREAT")] == expected


@pytest.mark.parametrize("text, mode", [
    ('The ministry warned that any organisation "that strays from its humanitarian mandate" would be shut down.',
     ["ban"]),
    ("The spokesman warned that any organisation found to have crossed the red lines would lose its licence and be "
     "expelled from the country.", ["expel"]),
], ids=["shut-down", "expelled"])
def test_what_will_be_done_to_any_body_that_acts_is_a_threat(extract, text, mode):
    assert [(e.mode, len(e.actors)) for e in of_type(extract(text), "THREATEN")] == [(mode, 1)]


def test_the_minister_saying_an_embassy_will_close_threatens_no_one(extract):
    assert of_type(extract("The minister said the embassy would be closed on Friday."), "THREATEN") == []


@pytest.mark.parametrize("text, expected", [
    ("The man was shot in the leg and arrested by police officers on Monday.",
     [("ASSAULT", ["police officers"]), ("COERCE", ["police officers"])]),
    ("The driver was attacked and taken to hospital by ambulance.", [("ASSAULT", [])]),
], ids=["shot-and-arrested-by", "taken-by-ambulance"])
def test_two_passive_verbs_of_one_subject_share_the_agent_named(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_he_after_a_clause_about_a_man_is_that_man(extract):
    events = extract("A man was arrested on Monday after he fired several shots at the embassy.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "ASSAULT")] == [
        ("ASSAULT", ["man"], ["embassy"])]


def test_a_group_saying_it_holds_people_who_were_abducted_claims_the_abduction(extract):
    events = extract("A faction of Boko Haram said on Thursday it was holding two aid workers who were abducted "
                     "near the camp on Tuesday.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["faction of Boko Haram"], ["two aid workers"]),
        ("CLAIM", ["faction of Boko Haram"], ["two aid workers"])]


@pytest.mark.parametrize("text, attacks", [
    ("The European Union said on Sunday that attacks on humanitarian workers were unacceptable.", 0),
    ("The ministry said the attacks on its staff were unacceptable.", 1),
], ids=["attacks-in-general", "the-attacks"])
def test_attacks_judged_in_general_are_no_attack_told(extract, text, attacks):
    events = extract(text)
    assert len(of_type(events, "ACCUSE")) == 1 and len(of_type(events, "ASSAULT")) == attacks


def test_a_government_saying_its_army_will_hunt_the_attackers_threatens_them(extract):
    events = extract("The government said the army would hunt down those responsible.")
    assert [texts(e.actors) for e in of_type(events, "THREATEN")] == [["government", "army"]]


@pytest.mark.parametrize("text, expected", [
    ('The agency "does not and will not pay any armed group", a spokeswoman said.', [["agency"]]),
    ('The governor said that Cameroon "does not bargain with terrorists".', [["Cameroon"]]),
    ('"We will not negotiate with terrorists," the interior minister told reporters.', [["interior minister"]]),
    ("The two sides did not negotiate on Monday.", []),
    ("The company did not pay its workers.", []),
], ids=["pay-armed-group", "bargain-with", "negotiate-with", "did-not-negotiate-on-monday", "pay-workers"])
def test_refusing_to_pay_or_bargain_with_armed_men_rejects_them(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "REJECT")] == expected


def test_an_attack_a_threat_tells_of_is_the_threatening_partys(extract):
    events = extract("A note signed by the Barrio 18 gang warned that its staff would be shot if the agency did not "
                     "pay.")
    assert sorted((e.type, texts(e.actors), e.hypothetical) for e in events) == [
        ("ASSAULT", ["Barrio 18 gang"], True), ("THREATEN", ["Barrio 18 gang"], False)]


def test_an_attack_a_warning_says_could_happen_is_nobodys(extract):
    assert [texts(e.actors) for e in of_type(extract("The ministry warned that the embassy could be attacked."),
                                             "ASSAULT")] == [[]]


def test_what_a_note_said_it_would_do_is_the_notes_threat_not_the_police_who_tell_of_it(extract):
    events = extract('A note signed by the gang warned that its staff would be shot if the agency did not pay. The '
                     'handwritten note demanded 20,000 lempiras a week and said that "whoever comes in or out of this '
                     'office" would be killed if the first payment was not made by Friday, police said.')
    assert [texts(e.actors) for e in of_type(events, "THREATEN")] == [["gang"]]


@pytest.mark.parametrize("text, expected", [
    ("It said Russian soldiers guarding the depot had opened fire on a second drone, which flew off.",
     [("PROTECT", ["counter-drone"])]),
    ("Gunmen opened fire on a convoy.", [("ASSAULT", ["firearms"])]),
], ids=["fire-on-a-drone", "fire-on-a-convoy"])
def test_fire_on_a_drone_defends(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The Transnistrian authorities raised the region's terrorist threat level to \"red\" for 15 days.",
     [("MOBILIZE", ["Transnistrian authorities"])]),
    ("The security service said it saw no reason to raise the national threat level.", []),
    ("The river level was raised by the dam.", []),
], ids=["threat-level-raised", "no-reason-to-raise", "river-level"])
def test_a_threat_level_raised_puts_forces_on_alert(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_a_name_the_parse_splits_at_its_preposition_is_read_whole(extract):
    events = extract("Doctors Without Borders (MSF) has suspended its mobile clinics in the region.")
    assert [(e.type, texts(e.actors)) for e in events] == [("RETREAT", ["Doctors Without Borders"])]


@pytest.mark.parametrize("text, expected", [
    ("Armed men held one of the charity's teams at a roadside checkpoint for six hours.", [["Armed men"]]),
    ("In March, gunmen held a contractor for the World Food Programme for nine days.", [["gunmen"]]),
    ("The rebels held talks with the government.", []),
    ("In the north, the Houthis, who hold the capital, have detained a dozen U.N. staff.", []),
], ids=["held-a-team", "held-a-contractor", "held-talks", "who-hold-the-capital"])
def test_armed_men_holding_people_abduct_them(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT")] == expected


def test_a_clinic_burned_by_gunmen_is_an_attack_on_it(extract):
    events = extract("Gunmen from the Viv Ansanm gang coalition burned the clinic in Kenscoff.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Gunmen"], ["clinic"])]


def test_they_in_one_persons_quotation_is_not_that_person(extract):
    events = extract('"We had twenty minutes to carry the patients out, and then they set the pharmacy alight," '
                     "a nurse told reporters.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [[]]


@pytest.mark.parametrize("text, expected", [
    ("Zambia's foreign ministry said the consulate would stay closed until further notice.",
     [("ADVISORY", ["Zambia's foreign ministry", "consulate"], False)]),
    ("The consulate will remain closed to the public until Monday, the ministry added.",
     [("ADVISORY", ["ministry", "consulate"], False)]),
], ids=["stay-closed", "remain-closed"])
def test_a_mission_kept_closed_is_its_governments_advice(extract, text, expected):
    assert [(e.type, texts(e.actors), e.hypothetical) for e in extract(text)] == expected


def test_a_warning_hung_on_a_saying_is_the_sayers(extract):
    events = extract("The cell said the bomb was a response to the spending cuts and warned that it would strike "
                     '"other embassies of the governments of hunger".')
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "THREATEN")] == [
        (["cell"], ["other embassies"])]


def test_a_quotation_after_a_closed_one_is_the_same_speakers(extract):
    events = extract('"These accusations are absurd," Latvia\'s foreign minister told reporters in Riga. "We demand '
                     'his immediate release."')
    assert [texts(e.actors) for e in of_type(events, "REQUEST")] == [["Latvia's foreign minister"]]


def test_what_a_speaker_cannot_ask_is_no_request(extract):
    assert of_type(extract('"We cannot ask colleagues to go back until the authorities can guarantee their safety," '
                           "the spokesman said."), "REQUEST") == []


def test_what_a_note_asks_is_asked_by_the_one_telling_of_its_own_note(extract):
    events = extract("The Montenegrin foreign ministry said the note asked Belgrade to guarantee the safety of its "
                     "diplomats.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "REQUEST")] == [
        (["Montenegrin foreign ministry"], ["Belgrade"])]


def test_people_beaten_to_death_by_a_mob_are_attacked_not_rioted_at(extract):
    events = extract("The protest followed the deaths of four Zimbabweans who were beaten to death by a mob in "
                     "Diepsloot on May 19.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["mob"], ["Zimbabweans"])]


def test_a_name_found_as_two_but_glossed_as_one_is_one_party(extract):
    events = extract("The International Federation of Red Cross and Red Crescent Societies (IFRC) said it had paused "
                     "safe burials around Gouecke.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("RETREAT", ["International Federation of Red Cross and Red Crescent Societies"])]


def test_a_denial_after_a_semicolon_does_not_negate_the_charge_before_it(extract):
    events = extract("Leaders of the community blamed members of Operation Dudula for the killings; the movement "
                     "denied any involvement.")
    assert [(e.type, e.negated) for e in events] == [("ACCUSE", False), ("ASSAULT", True)]


def test_a_denial_does_not_reach_into_a_relative_clause_on_what_it_names(extract):
    events = extract("Kigali denies supporting the rebels, who have seized large parts of eastern Congo.")
    assert [(e.type, e.negated) for e in events if e.type == "COERCE"] == [("COERCE", False)]


@pytest.mark.parametrize("text, accused", [
    ("The service said it had arrested three men recruited by Iranian intelligence.", ["Iranian intelligence"]),
    ("The GKNB said the men had been recruited online by handlers of ISKP in Afghanistan.", ["ISKP"]),
])
def test_those_said_to_have_recruited_the_suspects_are_accused(extract, text, accused):
    assert [texts(e.recipients) for e in of_type(extract(text), "ACCUSE")] == [accused]


@pytest.mark.parametrize("text, accuser, accused", [
    ('Kremlin spokesman Dmitry Peskov said on Friday that the events in Tbilisi were an "anti-Russian provocation" '
     "by radical forces.", "Dmitry Peskov", "radical forces"),
    ('Interior Minister Diosdado Cabello called the shooting "a show staged by the extreme right to poison '
     'relations".', "Diosdado Cabello", "extreme right"),
    ("Ukraine's foreign ministry rejected the accusation as \"a primitive Russian provocation\".",
     "Ukraine's foreign ministry", "Russian"),
])
def test_calling_something_a_scheme_of_a_named_side_alleges_it(extract, text, accuser, accused):
    events = of_type(extract(text), "ACCUSE")
    assert [(texts(e.actors), texts(e.recipients), e.mode) for e in events] == [([accuser], [accused], ["allege"])]


def test_a_provocation_condemned_names_whom_it_condemns(extract):
    events = extract('The foreign ministry in Tbilisi condemned what it called "a provocation by the occupation '
                     'forces".')
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["foreign ministry"], ["occupation forces"])]


def test_a_scheme_with_no_side_named_accuses_no_one(extract):
    assert [e.mode for e in of_type(extract("The ministry called the blast a dangerous provocation."), "ACCUSE")] \
        == [["disapprove"]]


@pytest.mark.parametrize("text, expected", [
    ('"If our colleague is not free by Friday, the Belarusian consulate in Biala Podlaska will be closed," '
     "Poland's foreign minister told reporters.", [(["Poland's foreign minister"], ["relations"])]),
    ("The minister said Poland would close one of Russia's two remaining consulates if Moscow failed to find the "
     "attackers.", [(["minister", "Poland"], ["relations"])]),
    ("The spokesman warned that Iran would restrict the activities of any foreign mission that gives cover to "
     "espionage.", [(["spokesman", "Iran"], ["restrict"])]),
    ("Police said protesters would be arrested if they returned to the embassy.", [(["Police"], ["arrest"])]),
    ("The French embassy would close if the fighting reached the capital, the French foreign ministry said.", []),
], ids=["consulate-closed-if", "close-another-states-consulate-if", "warned-would-restrict", "arrested-if",
        "own-embassy-closes-if"])
def test_a_measure_against_another_promised_on_a_condition_or_warned_of_is_a_threat(extract, text, expected):
    assert [(texts(e.actors), e.mode) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Algeria has ordered two staff members of the United Arab Emirates embassy in Algiers to leave the country "
     "within 48 hours, accusing them of meeting separatists.",
     [("SANCTION", ["Algeria"]), ("ACCUSE", ["Algeria"])]),
    ("The two had been declared persona non grata, the foreign ministry said.", [("SANCTION", ["foreign ministry"])]),
    ("The relatives had been lawfully convicted of crimes, a consulate spokesman said.", []),
], ids=["ordered-another-embassys-staff-out", "declared-persona-non-grata-told", "convicted-told-by-a-spokesman"])
def test_another_states_embassy_staff_ordered_out_or_declared_unwelcome_are_expelled(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_an_expulsion_told_twice_is_one_record(extract):
    events = extract("Algeria has ordered two diplomats of the United Arab Emirates embassy to leave the country "
                     "within 48 hours. The foreign ministry summoned the Emirati charge d'affaires on Monday and "
                     "told him the two had been declared persona non grata.")
    assert [texts(e.actors) for e in of_type(events, "SANCTION")] == [["Algeria"]]


@pytest.mark.parametrize("text", [
    '"Diplomats going about their work must never be attacked. We expect Israel to find and prosecute those '
    'responsible," the EU representative said.',
    "CONAIE began an open-ended national strike on Sept. 22 against the government's decision.",
], ids=["must-never-be-attacked", "national-strike"])
def test_a_rule_stated_or_a_walkout_is_no_attack(extract, text):
    assert of_type(extract(text), "ASSAULT") == []


@pytest.mark.parametrize("text", [
    "No one was hurt and the soldiers did not return fire, KFOR said in a statement.",
    "The army said its soldiers had not fired a single shot at the crowd.",
    '"We do not attack civilians or humanitarian workers," the group said.',
], ids=["did-not-return-fire", "had-not-fired", "we-do-not-attack"])
def test_a_side_saying_its_own_did_not_attack_claims_nothing(extract, text):
    assert of_type(extract(text), "CLAIM") == []


@pytest.mark.parametrize("text, expected", [
    ("Nicaragua has ordered the head of the U.N. Development Programme in the country to leave within 72 hours.",
     [("SANCTION", ["expel"], ["Nicaragua"])]),
    ("UNDP said it had suspended all its programmes in Nicaragua.", [("RETREAT", ["withdraw"], ["UNDP"])]),
    ("The EU said it expected Israel to find and prosecute those responsible.",
     [("REQUEST", ["change"], ["EU"])]),
], ids=["agency-head-ordered-out", "undp-suspends", "expects-to-prosecute"])
def test_an_agency_head_ordered_out_is_expelled_and_an_agency_named_by_initials_acts(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == expected


def test_a_claim_with_no_date_of_an_attack_told_with_one_is_of_that_time(extract):
    events = extract("In January 2024, a drone attack on Tower 22, a U.S. military outpost near the border, killed "
                     "three American soldiers. The Islamic Resistance in Iraq, an umbrella of Iran-backed militias, "
                     "claimed the attack.", published="2025-11-04")
    assert [(e.type, e.date.start[:7]) for e in events] == [("ASSAULT", "2024-01"), ("CLAIM", "2024-01")]


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of villagers armed with sticks and slingshots held 14 police officers for more than a day.",
     [("ASSAULT", ["abduct"])]),
    ("Rebels overran an army base near the border on Monday.", [("ASSAULT", [])]),
    ("Protesters overran the embassy compound.", [("PROTEST", ["riot"])]),
    ("The army said it had launched a search operation in the forests around the town.", [("MOBILIZE", ["troops"])]),
    ("The villagers overran the camp of a Chinese-owned copper mine.", [("ASSAULT", [])]),
    ("The project overran its budget.", []),
], ids=["held-police-officers", "overran-a-base", "crowd-overran", "search-operation", "copper-mine-no-weapon",
        "budget-overrun"])
def test_officers_held_camps_overrun_and_search_operations(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("A crowd of several hundred young men broke into a hostel and beat students from Pakistan.", "ASSAULT"),
    ("A mob beat three migrants in the market.", "ASSAULT"),
    ("A crowd beat two policemen outside the embassy.", "PROTEST"),
    ("Protesters beat a journalist outside the embassy.", "PROTEST"),
], ids=["mob-on-students", "mob-on-migrants", "crowd-on-police", "protesters"])
def test_a_mob_falling_on_people_attacks_them_and_protesters_riot(extract, text, expected):
    assert [e.type for e in extract(text) if e.type in ("ASSAULT", "PROTEST")] == [expected]


def test_who_announces_an_inquiry_another_body_will_hold_is_its_actor_too(extract):
    events = extract("Malaysia's home minister said on Tuesday an independent panel would investigate the shooting.")
    assert [texts(e.actors) for e in events if e.type == "ACCUSE"] == [["independent panel",
                                                                         "Malaysia's home minister"]]


@pytest.mark.parametrize("text, expected", [
    ("Tunisian authorities have suspended an Italian-funded charity that gives food to migrants.",
     [("COERCE", ["ban"], ["Italian-funded charity"])]),
    ("Tunisia suspended a migrant aid group on Monday.", [("COERCE", ["ban"], ["migrant aid group"])]),
    ("The United States suspended aid to Niger.", [("SANCTION", ["discontinue"], [])]),
], ids=["charity-suspended", "aid-group-is-no-aid", "aid-suspended"])
def test_a_charity_suspended_by_the_authorities_is_banned_and_an_aid_group_is_no_aid(extract, text, expected):
    assert [(e.type, e.mode, texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Guatemalan prosecutors and police raided the offices of a rights group on Tuesday.", ["COERCE"]),
    ("Taliban intelligence agents raided the office of a medical charity on Saturday.", ["COERCE"]),
    ("Israeli forces raided the Jenin camp.", ["ASSAULT"]),
    ("Gunmen raided the village.", ["ASSAULT"]),
], ids=["prosecutors-and-police", "intelligence-agents", "forces", "gunmen"])
def test_a_raid_by_police_or_prosecutors_is_a_search_and_by_forces_or_gunmen_an_attack(extract, text, expected):
    assert [e.type for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Several hundred protesters blocked Rustaveli Avenue on Monday.", [("PROTEST", ["obstruct"])]),
    ("Masked men broke into the office of a civic group early on Tuesday, smashing computers and spraying slogans "
     "on the walls.", [("ASSAULT", ["destroy"])]),
], ids=["avenue-blocked", "computers-smashed"])
def test_an_avenue_blocked_and_computers_smashed(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Several Pakistani students told reporters by telephone that police officers who arrived at the hostel had "
     "also hit them with batons.", [("ACCUSE", ["Several Pakistani students"], ["police officers"])]),
    ("Residents of Yenga claimed Guinean soldiers beat two fishermen.",
     [("ACCUSE", ["Residents"], ["Guinean soldiers"])]),
    ("Witnesses said soldiers opened fire on the crowd.", [("ASSAULT", ["soldiers"], ["crowd"])]),
    ("Soldiers fired tear gas to keep the crowd away from the gate, a resident said.",
     [("ASSAULT", ["Soldiers"], ["crowd"])]),
], ids=["students-say-officers-hit-them", "residents-claim", "witnesses-report", "resident-as-source"])
def test_people_saying_police_or_soldiers_used_force_allege_it_and_witnesses_report_it(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("ACCUSE", "ASSAULT")]
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == expected


def test_a_bottle_thrown_is_a_weapon_never_the_attacker(extract):
    events = extract("The bottle struck the main gate of the embassy shortly after midnight.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", [])]


@pytest.mark.parametrize("text, expected", [
    ("The next day the authorities cut mobile internet across Gorno-Badakhshan.", [("COERCE", ["censor"])]),
    ("The company cut phone prices.", []),
    ("Rebels cut off the road to the city.", []),
], ids=["internet-cut", "prices-cut", "rebels-cut-off-a-road"])
def test_the_authorities_cutting_the_internet_censor(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, actors", [
    ("An embassy spokesperson rejected the league's description of the measures as \"economic warfare\".",
     ["embassy spokesperson"]),
    ('The minister rejected what he called "insinuations" that Venezuela had failed to protect the consulate.',
     ["minister"]),
], ids=["a-description", "what-he-called-insinuations"])
def test_rejecting_a_description_or_what_one_calls_insinuations_rejects(extract, text, actors):
    assert [texts(e.actors) for e in of_type(extract(text), "REJECT")] == [actors]


@pytest.mark.parametrize("text, expected", [
    ("Lithuania, Latvia and Estonia imposed entry bans on Georgian officials in December 2024.",
     [("SANCTION", ["Lithuania", "Latvia", "Estonia"])]),
    ("The State Department announced visa restrictions on Ugandan officials.", [("SANCTION", ["State Department"])]),
    ("The government imposed a ban on public gatherings.", [("COERCE", ["government"])]),
], ids=["entry-bans", "visa-restrictions", "gatherings-banned"])
def test_entry_bans_and_visa_restrictions_on_officials_are_sanctions(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, actors", [
    ("Britain's Foreign Office said on Tuesday it was keeping its advice against all but essential travel to Lamu "
     "county.", ["Britain's Foreign Office"]),
    ("The department left its travel advice for Tonga unchanged.", ["department"]),
    ("Australia said it was not changing its travel advice for Indonesia.", ["Australia"]),
], ids=["keeping-its-advice", "left-unchanged", "not-changing"])
def test_travel_advice_kept_left_unchanged_or_not_changed_is_maintained(extract, text, actors):
    assert [(e.mode, texts(e.actors), e.negated) for e in of_type(extract(text), "ADVISORY")] == [
        (["maintain"], actors, False)]


@pytest.mark.parametrize("text, recipients", [
    ('The interior minister spoke on Tuesday. He called the MPCP "a drug-trafficking cartel dressed up as a '
     'revolution".', ["MPCP"]),
    ('The president called the raid "another act of political persecution".', ["raid"]),
], ids=["a-cartel", "persecution"])
def test_calling_a_party_or_its_act_a_pejorative_name_disapproves(extract, text, recipients):
    assert [(e.mode, texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] == [(["disapprove"], recipients)]


@pytest.mark.parametrize("text, expected", [
    ("Police detained three men suspected of planning an attack on Israeli tourists.", [(["Police"], ["three men"])]),
    ("Singapore's Ministry of Home Affairs said a student had been detained without trial for plotting an attack "
     "on the Israeli embassy.", [(["Singapore's Ministry of Home Affairs"], ["student"])]),
    ("Police arrested two men for plotting to bomb the embassy.", [(["Police"], ["two men"])]),
    ("A court sentenced nine men for plotting attacks on the base.", []),
], ids=["suspected-of-planning", "detained-for-plotting", "arrested-for-plotting-to-bomb", "a-sentence"])
def test_those_who_hold_people_for_a_plot_allege_it(extract, text, expected):
    events = extract(text)
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == expected
    assert of_type(events, "ASSAULT") == []  # a plot is no attack


@pytest.mark.parametrize("text, expected", [
    ("UNDP said it had suspended field visits in Ruma and Thanchi.", [("PROTECT", ["order"])]),
    ("UNHCR suspended its staff's visits to shelters in the city.", [("RETREAT", ["withdraw"])]),
    ("The MFO said it had restricted movement by its personnel in North Sinai to essential trips.",
     [("PROTECT", ["order"])]),
    ("The U.S. embassy restricted staff movements outside the compound.", [("ADVISORY", ["raise"])]),
    ("Medecins Sans Frontieres (MSF) said it had pulled its international staff out of Zemio on Wednesday.",
     [("PROTECT", ["evacuate"])]),
    ("The charity flew its four foreign staff to Yaounde on Wednesday.", [("PROTECT", ["evacuate"])]),
    ("The European Union said it had temporarily withdrawn its delegation's staff.",
     [("ADVISORY", ["ordered-departure"])]),
], ids=["field-visits", "visits-to-shelters", "mfo-restricts-movement", "embassy-restricts-movement",
        "msf-pulls-staff-out", "charity-flies-staff-out", "eu-delegation-staff"])
def test_an_agency_keeping_its_own_staff_safe_protects_them(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_what_a_body_has_done_since_a_year_is_what_it_does_not_an_act(extract):
    assert extract("About 10,000 troops serve with UNIFIL, which has patrolled the frontier with Israel since "
                   "1978.") == []


@pytest.mark.parametrize("text, expected", [
    ("The initiative's organisers said they would blockade the roads to the base every Friday if the government did "
     "not act.", (["initiative's organisers"], ["roads", "base"])),
    ("The union said drivers would block the border highways from Thursday unless the backlog was cleared.",
     (["union"], ["border highways"])),
], ids=["blockade-if", "block-unless"])
def test_a_blockade_promised_on_a_condition_is_a_threat_to_restrict(extract, text, expected):
    [threat] = of_type(extract(text, published="2026-02-17"), "THREATEN")
    assert (threat.mode, texts(threat.actors), texts(threat.recipients)) == (["restrict"], *expected)
    assert threat.date.start != "2026-02-12"  # dated by the saying, never by the blockade's "from Thursday"


@pytest.mark.parametrize("text, recipients", [
    ("The foreign ministry warned that any diplomat found meddling in Uganda's internal politics would be asked to "
     "leave the country.", ["diplomat"]),
    ("The ministry said the embassy had financed subversive activities, and warned that diplomats found to have "
     "breached the Vienna Convention would be asked to leave the country.", ["diplomats"]),
], ids=["found-meddling", "found-to-have-breached"])
def test_diplomats_warned_they_would_be_asked_to_leave_are_threatened_with_expulsion(extract, text, recipients):
    assert [(e.mode, texts(e.recipients)) for e in of_type(extract(text), "THREATEN")] == [(["expel"], recipients)]


def test_a_release_told_without_who_released_is_by_the_captors_told_before(extract):
    events = extract("Security agents detained two IRC aid workers in Juba on Monday. One of the men was released "
                     "without charge late on Wednesday, his family said.")
    assert [(e.mode, texts(e.actors)) for e in of_type(events, "RETREAT")] == [(["release"], ["Security agents"])]


def test_a_country_responding_by_expelling_a_diplomat_expels_him_itself(extract):
    events = extract("Serbia ordered a Croatian consular official in the northern city of Subotica to leave the "
                     "country on Monday, accusing him of spying, and Croatia responded on Tuesday by expelling a "
                     "Serbian diplomat from Zagreb.", published="2025-07-15")
    assert [(texts(e.actors), texts(e.recipients), e.date.start) for e in of_type(events, "SANCTION")] == [
        (["Serbia"], ["Croatian consular official"], "2025-07-14"),
        (["Croatia"], ["Serbian diplomat"], "2025-07-15")]


def test_they_in_a_second_thing_said_are_the_men_of_the_first(extract):
    events = extract("The ministry said in a statement that the men belonged to Hasm, a group it describes as the "
                     "armed wing of the Muslim Brotherhood, and that they opened fire when police surrounded the "
                     "building.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["men"]]


@pytest.mark.parametrize("text, expected", [
    ('The head of MINUSCA condemned the attack "in the strongest terms", said attacks on peacekeepers could '
     'constitute war crimes and called on the Central African authorities to find and prosecute those responsible.',
     (["head of MINUSCA"], ["Central African authorities"])),
    ('UNODC said it had suspended all field work in the Chapare "until security conditions allow" and called on the '
     'Bolivian authorities to guarantee the safety of its staff.', (["UNODC"], ["Bolivian authorities"])),
    ('The ministry advised Malaysians to postpone non-essential travel to Narathiwat, Yala and Pattani provinces and '
     'urged Thai authorities to "take all necessary measures" to ensure the safety of Malaysian visitors.',
     (["ministry"], ["Thai authorities"])),
], ids=["condemned-said-and-called", "until-conditions-allow", "advised-and-urged-authorities"])
def test_a_call_on_the_authorities_after_other_acts_is_the_callers_request(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "REQUEST")] == [expected]


def test_a_headline_ending_in_a_quoted_word_is_a_headline(extract):
    events = extract('El Salvador deports Spanish aid worker, accuses charity of "destabilisation"\n\nSAN SALVADOR, '
                     'June 5 (Agency) - El Salvador deported the Spanish coordinator of a charity on Wednesday, and '
                     'the government accused the organisation of financing "destabilisation".', published="2025-06-05")
    assert [texts(e.recipients) for e in of_type(events, "COERCE")] == [["Spanish coordinator"]]
    assert [texts(e.actors) for e in of_type(events, "ACCUSE")] == [["government"]]


def test_a_plot_is_never_an_actor(extract):
    events = extract("Security forces killed four suspected militants in a shootout on Wednesday, foiling what the "
                     "ministry said was a plot to attack foreign tourists.")
    assert all(texts(e.actors) != ["plot"] for e in events)


@pytest.mark.parametrize("text, expected", [
    ("Last month, Turkey's foreign minister said Ankara would launch a military operation against the SDF if it did "
     "not disband.", [("THREATEN", ["Ankara"], ["SDF"])]),
    ("The army launched a military operation against the rebels on Monday.", [("ASSAULT", ["army"], ["rebels"])]),
    ("The army suspended its military operation against the rebels.", [("RETREAT", ["army"], [])]),
], ids=["would-launch-if", "launched", "suspended"])
def test_a_military_operation_against_a_party_attacks_it_and_promised_threatens_it(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text", [
    "Police evacuated three embassies on Wednesday after they received e-mails saying that explosives hidden inside "
    "the buildings would go off at noon.",
    "The embassy received an e-mail saying a bomb would explode at noon.",
    "The emails said bombs had been planted inside five embassies and would go off at noon.",
], ids=["e-mails-saying", "an-e-mail-saying", "had-been-planted-and-would-go-off"])
def test_a_message_saying_a_bomb_will_go_off_is_a_threat_its_sender_left_open(extract, text):
    [threat] = of_type(extract(text), "THREATEN")
    assert (threat.actors, threat.extra["actor_source"]) == ([], "unsigned")


def test_pamphlets_saying_an_attack_was_punishment_threaten_no_one(extract):
    assert of_type(extract('Pamphlets left at the scene said the attack was "punishment" for the destruction of '
                           'farmers\' crops.'), "THREATEN") == []


@pytest.mark.parametrize("text, expected", [
    ("The civil aviation authority closed the airspace over the north of the country for six hours on Wednesday.",
     [("COERCE", ["restrict"])]),
    ("Iranian authorities closed the Saravan crossing to traders until further notice.", [("COERCE", ["restrict"])]),
    ("The army said it had deployed mobile counter-drone teams along the Dniester river.",
     [("PROTECT", ["counter-drone"])]),
    ("On Thursday, police officers stood guard outside the embassy.", [("PROTECT", ["guard"])]),
], ids=["airspace-closed", "crossing-closed", "counter-drone-teams", "stood-guard"])
def test_closures_by_the_authorities_and_guards_and_counter_drone_teams_posted(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_an_arrest_told_without_who_made_it_is_by_the_force_acting_just_before(extract):
    events = extract("Police personnel have cordoned off parts of the camp and are searching shelters door to door, "
                     "an officer said. Three Rohingya men were detained for questioning on Sunday.",
                     published="2025-01-20")
    assert [texts(e.actors) for e in of_type(events, "COERCE")] == [["Police personnel"]]


def test_it_after_a_body_given_initials_is_that_body_and_an_inquiry_ordered_investigates(extract):
    events = extract("India's Sashastra Seema Bal (SSB), which guards the open frontier, said in a statement that its "
                     "patrol had fired in self-defence. It said it had ordered an inquiry.")
    assert [(e.mode, texts(e.actors)) for e in of_type(events, "ACCUSE")] == [
        (["investigate"], ["India's Sashastra Seema Bal"])]


def test_a_team_from_a_named_body_acts_for_that_body(extract):
    [inquiry] = of_type(extract("A team from the National Investigation Agency (NIA) joined the inquiry on "
                                "Wednesday."), "ACCUSE")
    assert names(inquiry.actors) == ["National Investigation Agency"]


@pytest.mark.parametrize("text", [
    "Copenhagen police said they were investigating whether the explosions were linked to the shooting.",
    "Prosecutors said they were looking into whether the attack had been planned.",
], ids=["whether-the-explosions", "whether-the-attack"])
def test_an_attack_an_inquiry_asks_about_is_no_new_attack(extract, text):
    assert [(e.type, e.mode) for e in extract(text)] == [("ACCUSE", ["investigate"])]


def test_culprits_vowed_to_be_hunted_down_are_part_of_the_threat(extract):
    events = extract("President Museveni condemned the bombings. He vowed that those responsible would be hunted "
                     "down.")
    assert [e.type for e in events] == ["ACCUSE", "THREATEN"]


@pytest.mark.parametrize("text, expected", [
    ("Albania's foreign ministry summoned Serbia's ambassador on Monday and handed him a protest note demanding that "
     "Belgrade \"find and punish\" those responsible.", (["Albania's foreign ministry"], "Belgrade")),
    ("Norway's foreign minister said in a statement that Oslo expected Israel to \"hold the perpetrators to "
     "account\".", (["Oslo"], "Israel")),
], ids=["a-note-demanding", "expected-to-hold-to-account"])
def test_a_demand_in_a_note_and_an_expectation_to_hold_to_account_are_requests(extract, text, expected):
    [request] = of_type(extract(text), "REQUEST")
    assert (texts(request.actors), texts(request.recipients)[0]) == expected


def test_doing_a_job_without_being_attacked_is_no_attack(extract):
    assert of_type(extract('"Humanitarian workers must be able to do their jobs without being attacked," the '
                           'minister said.'), "ASSAULT") == []


def test_a_country_after_a_dateline_bans_and_a_date_in_according_to_is_the_sources(extract):
    [ban] = of_type(extract("YAOUNDE, April 17 (Agency) - Cameroon has suspended the work of the French medical "
                            "charity Action Sante Mondiale (ASM) in its Far North region, according to a ministerial "
                            "order seen by Agency on Thursday.", published="2025-04-17"), "COERCE")
    assert (ban.mode, texts(ban.actors), ban.date.kind) == (["ban"], ["Cameroon"], "reported")


@pytest.mark.parametrize("text, expected", [
    ("In October, South Korea banned its citizens from travelling to parts of Cambodia.", [("ADVISORY", ["raise"])]),
    ("The government banned all public gatherings.", [("COERCE", ["ban"])]),
    ("Serbia expels Croatian consular official over spying claim; Zagreb retaliates", [("SANCTION", ["expel"])]),
    ("Small groups of Iranian exiles protested on Thursday, holding up pictures of dissidents executed in Iran.",
     [("PROTEST", ["demo"])]),
], ids=["citizens-banned-from-travel", "gatherings-banned", "retaliates-in-a-row-over-diplomats",
        "pictures-of-the-executed"])
def test_a_travel_ban_on_ones_own_a_diplomatic_retaliation_and_pictures_of_the_dead(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_an_urging_hung_on_a_participle_in_what_was_said_is_the_speakers(extract):
    events = extract("Azerbaijan's foreign ministry blamed Armenia for the deaths, saying Yerevan had handed over "
                     "\"inaccurate and incomplete\" maps of minefields laid during nearly three decades of occupation, "
                     "and urged it to give Baku all the records it holds.")
    assert [texts(e.actors) for e in of_type(events, "REQUEST")] == [["Azerbaijan's foreign ministry"]]


@pytest.mark.parametrize("text", [
    "The ministry did not say which embassy was targeted.",
    "Police did not disclose who had fired the shots.",
], ids=["which-embassy", "who-had-fired"])
def test_a_question_about_an_attack_left_unanswered_is_no_attack(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize("text, expected", [
    ('An NSS spokesman said the two were being questioned over "sharing false information" with foreign media.',
     (["NSS spokesman"], ["two"])),
    ("Police charged four activists with organising an unsanctioned protest.", (["Police"], ["four activists"])),
], ids=["questioned-over-sharing", "charged-with-organising"])
def test_what_people_are_held_or_charged_over_is_their_captors_allegation(extract, text, expected):
    events = extract(text)
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [expected]
    assert not of_type(events, "COOPERATE") and not of_type(events, "PROTEST")


@pytest.mark.parametrize("text, expected", [
    ("Its military spokesman, Yahya Saree, warned foreign companies and residents to keep away from \"vital "
     "installations\".", [("THREATEN", ["Yahya Saree"])]),
    ("Police warned residents to stay away from the area.", []),
], ids=["a-spokesman-warning-companies-away", "police-warning-residents-away"])
def test_a_warning_to_companies_to_keep_away_from_installations_is_a_threat(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia's foreign ministry spokeswoman said Russia would take \"all necessary measures\" to protect its troops in "
     "Transnistria if \"provocations\" against them continued.", [("THREATEN", ["Russia"])]),
    ('"We will pursue those responsible," said Gen. Stephen Townsend.', [("THREATEN", ["Stephen Townsend"])]),
    ("Leaders of the West African bloc said they would not rule out the use of force if the junta refused.",
     [("THREATEN", ["Leaders of the West African bloc"])]),
    ("The ministry assured the ambassadors that the government would \"take all necessary measures\" to protect their "
     "premises.", []),
], ids=["necessary-measures-if", "will-pursue", "not-rule-out-force", "measures-to-protect"])
def test_measures_promised_on_a_condition_culprits_pursued_and_force_not_ruled_out_threaten(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The interior ministry said officers had acted after migrants threw stones at them.",
     (["interior ministry"], ["migrants"])),
    ("The coastguard said its crew had fired warning shots at a boat that was fishing illegally.",
     (["coastguard"], ["boat"])),
    ("The agency said its patrol opened fire after the boat tried to ram the patrol vessel.", (["agency"], ["boat"])),
    ("The security ministry said a patrol had fired in self-defence after being attacked with stones by smugglers.",
     (["security ministry"], ["smugglers"])),
], ids=["acted-after-stones", "fired-at-a-boat-fishing-illegally", "after-trying-to-ram", "after-being-attacked"])
def test_an_authority_justifying_its_forces_act_alleges_what_provoked_it(extract, text, expected):
    events = extract(text)
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [expected]
    assert not of_type(events, "CLAIM") and not of_type(events, "PROTEST")


@pytest.mark.parametrize("text", [
    "The army said soldiers fired after gunmen attacked a checkpoint.",
    "Police said officers arrested the man after negotiations failed.",
], ids=["gunmen-attacked", "negotiations-failed"])
def test_a_force_answering_an_armed_attack_or_a_failed_talk_alleges_nothing(extract, text):
    assert not of_type(extract(text), "ACCUSE")


def test_a_side_telling_that_another_tried_to_ram_its_boat_alleges_it_and_no_attack_is_told(extract):
    events = extract("The Sri Lankan navy said the Indian trawler had tried to ram its boat while fleeing.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [("ACCUSE", ["allege"], ["Sri Lankan navy"])]


def test_a_boat_ramming_a_trawler_attacks_it_and_its_owner_acts(extract):
    events = extract("A fisherman was killed when a Sri Lankan navy patrol boat rammed their trawler on Tuesday.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Sri Lankan"])]
    assert "their trawler" in texts(events[0].recipients)


def test_men_on_a_motorcycle_firing_are_the_attackers_not_the_motorcycle(extract):
    events = extract("GUATEMALA CITY, Oct 20 (Agency) - Two men on a motorcycle fired at least five shots at the gate "
                     "of Taiwan's embassy early on Sunday, police said.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Two men"])]
    assert "motorcycle" not in texts(events[0].recipients)


@pytest.mark.parametrize("text, expected", [
    ("Police sealed the agency's offices in Managua on Tuesday.", [("COERCE", ["seize"])]),
    ("Police sealed off the road to the embassy.", [("PROTECT", ["cordon"])]),
], ids=["offices-sealed", "road-sealed-off"])
def test_offices_sealed_by_the_police_are_seized(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The ministry said security had been raised at Turkey's embassy in Baku.", ["PROTECT"]),
    ("The group raised security concerns about the plan.", []),
    ("The U.S. Embassy raised its security alert for Cali.", ["ADVISORY"]),
], ids=["security-raised", "security-concerns-raised", "security-alert-raised"])
def test_security_raised_at_a_mission_protects_it(extract, text, expected):
    assert [e.type for e in extract(text)] == expected


@pytest.mark.parametrize("text, start", [
    ("Bahrain's interior ministry said on Monday that security had been stepped up around diplomatic missions ahead "
     "of the National Day celebrations on Dec. 16 and 17.", "2024-03-04"),
    ("Police stepped up security around embassies ahead of the celebrations on Saturday.", "2024-02-28"),
], ids=["said-on-monday", "undated"])
def test_what_an_act_is_ahead_of_does_not_date_it(extract, text, start):
    assert [(e.type, e.date.start) for e in extract(text)] == [("PROTECT", start)]


@pytest.mark.parametrize("text, expected", [
    ("The kidnappers demanded a ransom and warned that the hostages would be killed.",
     [("REQUEST", ["kidnappers"]), ("THREATEN", ["kidnappers"])]),
    ("The embassy warned that travellers could be killed.", []),
], ids=["kidnappers-warning-hostages-killed", "embassy-warning-of-a-risk"])
def test_captors_warning_that_hostages_would_be_killed_threaten(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("REQUEST", "THREATEN")]
    assert [(e.type, texts(e.actors)) for e in events] == expected


def test_tear_gas_fired_to_disperse_a_crowd_is_one_act_of_policing(extract):
    events = extract("Jordanian police fired tear gas on Wednesday to disperse hundreds of Palestinian refugees who "
                     "forced their way into an office of the U.N. agency, police said.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "ASSAULT")] == [("ASSAULT", ["Jordanian police"])]


def test_an_agency_telling_its_staff_were_evacuated_evacuated_them(extract):
    events = extract("UNRWA said its 11 staff members in the building had been evacuated through a back door.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [("PROTECT", ["evacuate"], ["UNRWA"])]


def test_its_own_advice_raised_after_a_state_of_its_staff_told_is_the_ministrys(extract):
    events = extract("New Zealand's foreign ministry said consular staff were in contact with the pilot and his "
                     "family, and raised its travel advice for Papua to \"do not travel\".")
    assert [(e.type, texts(e.actors)) for e in events] == [("ADVISORY", ["foreign ministry"])]


@pytest.mark.parametrize("text, expected", [
    ("A government spokeswoman said on Sunday that the attack bore \"all the hallmarks\" of the Democratic Forces for "
     "the Liberation of Rwanda (FDLR), and accused Kinshasa of arming it.",
     [["Kinshasa"], ["Democratic Forces for the Liberation of Rwanda"]]),
    ("The army spokesman said it bore the hallmarks of ISWAP.", [["ISWAP"]]),
    ("Police said the gunman was a 23-year-old local man.", []),
    ("Police were looking into whether the attack was linked to anger among fishermen, a spokesman said.", []),
], ids=["hallmarks-beside-a-charge", "hallmarks", "a-local-man", "linked-to-anger"])
def test_the_hallmarks_of_a_group_are_an_allegation_a_local_man_or_anger_are_none(extract, text, expected):
    events = extract(text)
    assert [texts(e.recipients) for e in of_type(events, "ACCUSE") if e.mode == ["allege"]] == expected


def test_e_mails_warning_that_explosives_would_go_off_threaten_with_the_sender_open(extract):
    events = extract("Police evacuated two embassies on Monday after e-mails warned that explosives hidden in the "
                     "buildings would go off within hours.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "THREATEN")] == [("THREATEN", [])]


def test_a_party_named_as_the_likely_culprits_is_accused(extract):
    events = extract("A lawmaker told reporters that Azerbaijan \"and those who stand behind it\" were the most likely "
                     "culprits.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["allege"], ["lawmaker"], ["Azerbaijan"])]


def test_home_made_is_no_target(extract):
    events = extract("Two soldiers were killed on Wednesday when a home-made landmine exploded under their patrol "
                     "vehicle.")
    assert [texts(e.recipients) for e in events] == [["their patrol vehicle", "Two soldiers"]]


@pytest.mark.parametrize("text, expected", [
    ("The defence ministry declared the slopes a closed military zone.", [("COERCE", ["restrict"])]),
    ("President Kais Saied called the attackers \"traitors and mercenaries\" and said they would be hunted down.",
     [("ACCUSE", ["disapprove"])]),
    ("The army sent special forces to the area to locate and neutralise the attackers.", [("MOBILIZE", ["troops"])]),
], ids=["closed-military-zone", "traitors-hunted-down", "sent-to-neutralise"])
def test_a_closed_zone_restricts_traitors_are_condemned_and_a_purpose_is_no_attack(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_a_relative_clauses_own_subject_is_not_the_sentences(extract):
    events = extract("The U.S. embassy in Lima, whose anti-narcotics programme helps finance eradication in Peru, "
                     "condemned the \"cowardly attack\".")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["U.S. embassy"])]


@pytest.mark.parametrize("text, expected", [
    ("Their leaders denied any links with the armed group.", []),
    ("The group denied any links to the attack.", [["group"]]),
], ids=["links-with-a-group", "links-to-the-attack"])
def test_denying_links_with_a_group_disowns_no_attack(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT") if e.negated] == expected


@pytest.mark.parametrize("text, expected", [
    ("The European Union's delegation said it was \"deeply concerned\" and called on the authorities to free them.",
     [("ACCUSE", ["European Union's delegation"]), ("REQUEST", ["European Union's delegation"])]),
    ("Beijing said on Monday it was \"highly concerned\".", [("ACCUSE", ["Beijing"])]),
    ("Residents were concerned for their safety.", []),
], ids=["eu-deeply-concerned", "beijing-highly-concerned", "residents-concerned"])
def test_a_government_or_agency_deeply_concerned_disapproves(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_an_attack_retold_with_doers_lent_by_the_story_is_the_attack_told_before(extract):
    events = extract("Gunmen ambushed a police unit escorting eradication workers on Thursday, killing two officers. "
                     "No group has claimed the attack.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "ASSAULT")] == [("ASSAULT", ["Gunmen"])]


def test_hundreds_of_a_movements_members_throwing_stones_riot(extract):
    events = extract("Several hundred members of the Imbonerakure, the youth wing of the ruling party, threw stones at "
                     "the European Union's delegation on Thursday.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", ["riot"])]


def test_she_after_a_head_named_by_role_is_that_head(extract):
    events = extract("The head of the OSCE Mission condemned the attack as \"an attempt to intimidate those who speak "
                     "up for children's rights\" and said the office would remain closed until further notice, with "
                     "its 12 staff working from Sarajevo. She asked the cantonal authorities to find and prosecute "
                     "everyone involved.")
    assert [texts(e.actors) for e in of_type(events, "REQUEST")] == [["head of the OSCE Mission"]]


def test_cameras_showing_men_hurling_stones_show_the_doers(extract):
    events = extract("Security cameras showed four men with their faces covered hurling paving stones at the windows.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["four men"])]


def test_a_demand_in_the_present_perfect_after_a_dated_abduction_is_dated_since_then():
    run = runner("2025-08-12")
    events = run("Gunmen abducted three aid workers on Sunday and have demanded a ransom of 10 million pesos, the "
                 "military said on Tuesday.")
    assert [(e.type, e.date.start, e.date.end) for e in events] == [
        ("ASSAULT", "2025-08-10", "2025-08-10"), ("REQUEST", "2025-08-10", "2025-08-12")]


@pytest.mark.parametrize("text, expected", [
    ("A spokesman for Yemen's Houthi movement denied that the group had any link to the boat.", [["group"]]),
    ("The Russian embassy called the accusations \"a crude provocation\" and denied that any of its staff had been "
     "involved.", [["Russian embassy"]]),
    ("Guinea's army denied that its men had mistreated anyone.", [["Guinea's army"]]),
    ("The army denied that soldiers had damaged any medical equipment.", [["army"]]),
    ("Algeria's foreign ministry rejected the accusations on Tuesday, saying the operations had been lawful and "
     "denying that any migrant had been mistreated.", [["Algeria's foreign ministry"]]),
    ("Malaita's provincial premier denied that his administration had any hand in the roadblock.", []),
], ids=["any-link-to-the-boat", "staff-involved-after-a-call", "men-mistreated-anyone", "soldiers-damaged-equipment",
        "denying-in-a-participle", "any-hand-in-a-roadblock"])
def test_a_side_denying_its_part_in_harm_told_is_its_negated_attack(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT") if e.negated] == expected


@pytest.mark.parametrize("text, expected", [
    ("Guards mistreated the detainees.", [("ASSAULT", ["beat"], ["Guards"])]),
    ("Soldiers damaged the clinic's equipment during the raid.", [("ASSAULT", ["destroy"], ["Soldiers"])]),
], ids=["mistreated", "soldiers-damaged"])
def test_mistreating_detainees_and_soldiers_damaging_equipment_are_attacks(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in of_type(extract(text), "ASSAULT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Israel reserves the right to respond.", [["Israel"]]),
    ("The Pentagon said U.S. forces \"retain the right to respond at a time and place of our choosing\".",
     [["U.S. forces"]]),
    ("The company retained the right to sell the plant.", []),
], ids=["reserves-the-right", "retain-the-right", "right-to-sell"])
def test_reserving_the_right_to_respond_threatens(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "THREATEN")] == expected


def test_the_country_in_what_a_ministry_says_is_that_ministrys(extract):
    events = extract("The UAE's foreign ministry condemned the attack and said the country reserved the right to "
                     "respond.")
    assert [[p.name or p.text for p in e.actors] for e in of_type(events, "THREATEN")] == [
        [next(p.name or p.text for p in of_type(events, "ACCUSE")[0].actors)]]


def test_riot_police_sent_are_no_riot(extract):
    events = extract("The prefect of the Nord department sent two extra companies of CRS riot police to the camp.")
    assert not of_type(events, "PROTEST")


def test_an_arrest_told_again_by_a_police_spokesperson_is_the_arrest_told_before(extract):
    events = extract("Police arrested two men on Thursday over the shooting. The two, aged 27 and 34, were detained in "
                     "a dawn raid in Soshanguve, a police spokesperson said.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "COERCE")] == [("COERCE", ["Police"])]


@pytest.mark.parametrize("text, expected", [
    ("The delegation has closed to the public until further notice.", [("RETREAT", ["delegation"])]),
    ("The head of the OSCE Mission said the office would stay closed until further notice.",
     [("RETREAT", ["head of the OSCE Mission", "office"])]),
    ("The office closed the case.", []),
], ids=["delegation-closed", "office-to-stay-closed", "case-closed"])
def test_an_agencys_office_closing_withdraws(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_an_expulsion_threatened_of_any_diplomat_who_met_someone_is_a_threat_and_a_possible_expulsion(extract):
    events = extract("Nicaragua's government said any foreign diplomat who met coup-plotting priests would be "
                     "expelled.")
    assert [(e.type, e.mode, e.hypothetical) for e in events] == [
        ("SANCTION", ["expel"], True), ("THREATEN", ["expel"], False)]


def test_it_after_a_message_on_a_groups_page_is_the_group(extract):
    events = extract("A message posted on a social media page of a previously unknown group calling itself "
                     "\"Vatra e Jugut\" said it had carried out the attack. It threatened \"bigger fires\" if Athens "
                     "did not stop.")
    assert [texts(e.actors) for e in of_type(events, "THREATEN")] == [["Vatra e Jugut"]]


@pytest.mark.parametrize("text", [
    "The kidnappers sent a text message to the aid group on Monday demanding the ransom and warning that the "
    "hostages would be beheaded if troops tried to rescue them.",
    "The kidnappers sent a message warning that the hostages would be beheaded if troops tried to rescue them.",
], ids=["second-participle-after-a-demand", "message-warning-read-as-a-noun"])
def test_captors_warning_of_what_they_will_do_on_a_condition_threaten(extract, text):
    assert [texts(e.actors) for e in of_type(extract(text), "THREATEN")] == [["kidnappers"]]


def test_what_a_statement_on_a_website_says_its_fighters_did_is_a_claim(extract):
    events = extract("Al Shabaab said in a statement on a website linked to the group that its fighters had targeted "
                     "the airport.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ASSAULT", ["Al Shabaab"]), ("CLAIM", ["Al Shabaab"])]


@pytest.mark.parametrize("text, expected", [
    ("A Houthi military spokesman said in a televised statement that attacks would go on against any ship linked to "
     "Israel.", [("THREATEN", ["Houthi military spokesman"])]),
    ("Police said attacks would continue to rise.", [("ASSAULT", [])]),
], ids=["armed-side-says-attacks-go-on", "police-forecast"])
def test_a_side_saying_attacks_will_go_on_threatens_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("A man threw a petrol bomb at the gate. The opposition United National Movement denied any link to the "
     "attacker and accused the ruling party of exploiting the incident.", ["United National Movement"]),
    ("Gunmen kidnapped a French aid worker on Monday. A member of a Baalbek clan denied that the family had any role "
     "in the kidnapping and accused the army of \"collective punishment\" after troops raided several homes.",
     ["family"]),
], ids=["link-to-the-attacker", "role-in-the-kidnapping"])
def test_denying_a_part_in_the_attack_told_is_a_negated_attack(extract, text, expected):
    events = of_type(extract(text), "ASSAULT")
    assert [texts(e.actors) for e in events if e.negated] == [expected]
    assert not [e for e in events if e.negated and texts(e.actors) == ["troops"]]  # (what the denier charges is
    # not denied)


def test_denying_a_role_in_the_attack_leaves_no_second_attack(extract):
    events = extract("Rockets hit the academy on Tuesday. A spokesman for the Libyan National Army denied that its "
                     "forces had any role in the attack.")
    assert [(texts(e.actors), e.negated) for e in of_type(events, "ASSAULT")] == [([], False), (["its forces"], True)]


def test_an_army_telling_in_a_statement_that_a_named_side_launched_the_drone_alleges_it(extract):
    events = extract("Sudan's army said in a statement that the drone had been launched by the paramilitary Rapid "
                     "Support Forces (RSF).")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["Sudan's army"], ["Rapid Support Forces"])]


@pytest.mark.parametrize("text, expected", [
    ("Niger's military government has suspended the aid group Aide Rurale Sahel and ordered its country director "
     "to leave the country within 48 hours.", [("COERCE", ["ban"]), ("COERCE", ["deport"])]),
    ("Niger expelled two foreign employees of the Norwegian Refugee Council.", [("COERCE", ["deport"])]),
    ("Mali expelled the head of the UN mission's human rights division.", [("SANCTION", ["expel"])]),
    ("Russia expelled two embassy staff.", [("SANCTION", ["expel"])]),
    ("Russia expelled two Estonian diplomats.", [("SANCTION", ["expel"])]),
    ("Burundi ordered the Norwegian Refugee Council's foreign staff to leave the country.", [("COERCE", ["deport"])]),
    ("Venezuela's foreign ministry ordered the American staff to leave within 72 hours.", [("SANCTION", ["expel"])]),
], ids=["charity-director", "ngo-employees", "un-official", "embassy-staff", "diplomats", "ngo-staff-ordered-out",
        "a-states-staff-ordered-out"])
def test_expelling_aid_workers_deports_them_and_expelling_diplomats_is_a_sanction(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_a_video_threatening_attacks_is_its_senders_threat_of_attacks_not_attacks(extract):
    events = extract("Kenya deployed extra police after Al Shabaab released a video threatening attacks on places in "
                     "Nairobi \"where Westerners gather\".")
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events if e.type != "MOBILIZE"] == [
        ("THREATEN", ["Al Shabaab"], False), ("ASSAULT", ["Al Shabaab"], True)]


def test_a_government_warning_of_possible_attacks_advises(extract):
    assert [(e.type, texts(e.actors)) for e in extract("U.S. warns of possible attacks in Nairobi")
            if not e.hypothetical] == [("ADVISORY", ["U.S."])]


def test_personnel_barred_from_travel_told_by_an_embassy_are_its_advice(extract):
    events = extract("The U.S. embassy in Bogota said on Wednesday that its government personnel were barred from "
                     "travelling to Jamundi without prior approval.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ADVISORY", ["U.S. embassy"])]


def test_a_statement_attributed_to_a_group_speaks_for_it(extract):
    events = extract("Police blamed the Jaime Martinez front, a faction of the FARC dissident group. A statement "
                     "attributed to the front denied any involvement and accused \"state provocateurs\" of staging the "
                     "blast.")
    assert [(e.type, texts(e.actors), e.negated) for e in events if e.actors and e.type != "ACCUSE" or (
        e.type == "ACCUSE" and texts(e.recipients) == ["state provocateurs"])] == [
        ("ACCUSE", ["front"], False), ("ASSAULT", ["front"], True)]


def test_they_after_an_arrest_are_those_arrested(extract):
    events = extract("Police detained 11 Tibetan exiles after they tried to unfurl a Tibetan flag near the Chinese "
                     "embassy.")
    assert [texts(e.actors) for e in of_type(events, "PROTEST")] == [["11 Tibetan exiles"]]


def test_staff_told_to_work_from_home_are_protected(extract):
    events = extract("UNDP has told its other national staff in Yangon to work from home until further notice.")
    assert [(e.type, texts(e.actors)) for e in events] == [("PROTECT", ["UNDP"])]


def test_a_main_verb_read_as_a_clause_of_an_apposition_keeps_the_subject(extract):
    events = extract("The National Unity Government, the shadow administration set up by lawmakers ousted in the "
                     "coup, called the arrests \"hostage-taking\".")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["National Unity Government"], ["arrests"])]


def test_community_members_telling_that_officers_beat_protesters_allege_it(extract):
    events = extract("Members of the Tibetan community said officers kicked and beat at least two of the detained "
                     "protesters.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["Members of the Tibetan community"], ["officers"])]


def test_members_of_a_named_movements_forces_storming_a_compound_told_by_an_agency_attack_it(extract):
    events = extract("Armed members of the Houthi movement's security services stormed a World Food Programme "
                     "compound in Hodeidah on Monday, the U.N. agency said.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("ASSAULT", ["Armed members of the Houthi movement's security services"])]


def test_fire_without_warning_at_people_told_by_their_relatives_is_alleged(extract):
    events = extract("His relatives said the soldiers had fired without warning at a group of herders.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["His relatives"], ["soldiers"])]


@pytest.mark.parametrize("text, expected", [
    ("Youths blocked the road with logs. Malaita's provincial premier denied that his administration had any hand in "
     "the roadblock.", [("PROTEST", ["obstruct"], ["his administration"])]),
    ("Serb protesters blocked the road. The office denied that Belgrade had any role in organising the blockade.",
     [("PROTEST", ["obstruct"], ["Belgrade"])]),
    ("Protesters marched on the embassy. The party denied any role in the protest.",
     [("PROTEST", ["demo"], ["party"])]),
], ids=["hand-in-the-roadblock", "role-in-organising-the-blockade", "role-in-the-protest"])
def test_denying_a_part_in_a_protest_is_the_protest_denied(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text) if e.negated] == expected


@pytest.mark.parametrize("text", [
    "The U.S. embassy sent a demonstration alert to American citizens, advising them to avoid the city centre.",
    "A gunman fired at the consulate. The U.S. embassy said the consulate would be closed to the public on Thursday "
    "and Friday and urged U.S. citizens to stay away from the area.",
], ids=["alert-sent", "urged-beside-a-closure-to-come"])
def test_an_embassy_sending_an_alert_or_urging_citizens_to_stay_away_advises(extract, text):
    assert [(e.type, texts(e.actors), e.hypothetical) for e in of_type(extract(text), "ADVISORY")] == [
        ("ADVISORY", ["U.S. embassy"], False)]


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked the post. One of those leaders, reached by telephone, denied that his men had anything to do "
     "with the attack.", ["his men"]),
    ("Shells hit the camp. A Polisario official later denied that its fighters had aimed at the UN observers.",
     ["Polisario official"]),
], ids=["anything-to-do-with", "aimed-at"])
def test_denying_ones_men_had_anything_to_do_with_or_aimed_at_is_a_negated_attack(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT") if e.negated] == [expected]


def test_an_armed_group_saying_the_men_were_youths_abducted_by_the_state_alleges_it(extract):
    events = extract("A BLA spokesman said in a statement that the two were \"ordinary Baloch youth\" abducted by the "
                     "state and presented as militants.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ACCUSE")] == [
        (["BLA spokesman"], ["state"])]


@pytest.mark.parametrize("text, expected", [
    ("Shells landed near the airstrip. Al Shabaab denied that any of its shells had landed among civilians.",
     ["Al Shabaab"]),
    ("Peacekeepers fired at the crowd. MONUSCO denied that any of its peacekeepers had killed anyone.", ["MONUSCO"]),
], ids=["any-of-its-shells", "any-of-its-peacekeepers"])
def test_denying_that_any_of_ones_own_did_harm_is_a_negated_attack(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT") if e.negated] == [expected]


@pytest.mark.parametrize("text", [
    "The ministry said it had demanded that Helsinki find and punish those responsible and \"take exhaustive "
    "measures\" to protect Russian diplomatic premises and staff in Finland.",
    "China's foreign ministry demanded that Pakistan thoroughly investigate the attack, hunt down the perpetrators and "
    "take practical steps to protect Chinese citizens.",
], ids=["find-punish-and-protect", "investigate-and-protect"])
def test_protection_demanded_of_a_government_is_the_demands_content(extract, text):
    assert [e.type for e in extract(text)] == ["REQUEST"]


@pytest.mark.parametrize("text, expected", [
    ("Jihadist attacks in Ivory Coast have been rare since 2021.", []),
    ("Gunmen carried out frequent attacks on the road last year.", ["ASSAULT"]),
], ids=["attacks-rare", "frequent-attacks-by-gunmen"])
def test_attacks_told_only_by_how_often_they_come_are_none(extract, text, expected):
    assert [e.type for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The Royal Armed Forces said the projectiles had been fired by the Algeria-backed Polisario Front.",
     [(["Royal Armed Forces"], ["Polisario Front"])]),
    ("Coalition spokesman Turki al-Maliki said the drones had been launched by the Houthi militia from Saada.",
     [(["Turki al-Maliki"], ["Houthi militia"])]),
    ("Kremlin spokesman Dmitry Peskov said on Thursday that Russian forces had struck military targets in Kyiv.", []),
], ids=["name-read-as-a-person", "spokesman-by-his-role", "own-nations-forces"])
def test_a_side_telling_that_another_named_side_fired_alleges_it(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("\"We expect the Algerian authorities to restore the protection of our embassy without delay,\" a ministry "
     "spokesman told reporters.", [("REQUEST", ["ministry spokesman"], ["Algerian authorities"])]),
    ("Settlers stoned the convoy. \"We expect Israel to find and prosecute those responsible,\" the EU "
     "representative to the Palestinians said in a statement.", [("REQUEST", ["EU representative"], ["Israel"])]),
    ("He said Dhaka wanted India to investigate and guarantee the safety of its diplomats.",
     [("REQUEST", ["Dhaka"], ["India"])]),
], ids=["we-expect-told-to-reporters", "representative", "wanted"])
def test_a_government_expecting_or_wanting_another_to_act_asks_it(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "REQUEST")] == expected


def test_a_quoted_judgement_closed_by_told_reporters_condemns_the_attack(extract):
    events = extract("Refugees stormed the food point. \"Attacks on humanitarian workers are unacceptable, whatever "
                     "the frustration behind them,\" the WFP's country director told reporters in Amman.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("ASSAULT", ["Refugees"]), ("ACCUSE", ["WFP's country director"])]


@pytest.mark.parametrize("text, expected", [
    ("Shots hit the house. \"This was a deliberate attack on people who are here to help keep the peace,\" the "
     "commander of EUFOR said on Thursday.", [["commander of EUFOR"]]),
    ("Police said it was a deliberate act.", []),
], ids=["this-was-a-deliberate-attack", "deliberate-act"])
def test_calling_it_a_deliberate_attack_condemns_it(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ACCUSE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("A bomb hit the convoy. Interior ministry spokesman Noureddine al-Baba said preliminary findings pointed to "
     "\"remnants of the former regime\".", [(["Noureddine al-Baba"], ["remnants"])]),
    ("Police said the evidence pointed to a gas leak.", []),
], ids=["findings-point-to-remnants", "evidence-points-to-a-leak"])
def test_findings_told_to_point_to_a_party_are_the_tellers_allegation(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] == expected


def test_a_date_in_a_participle_on_a_noun_is_not_the_acts(extract):
    events = extract("The spokesman condemned \"a cowardly attack\" and said the army had deployed additional troops "
                     "of Operation Mirador, set up in 2022 to secure the north, to hunt down the assailants.")
    assert [(e.type, e.date.start[:4]) for e in events if e.type in ("ACCUSE", "MOBILIZE")] == [
        ("ACCUSE", "2024"), ("MOBILIZE", "2024")]


def test_a_date_on_a_raid_pointed_to_is_the_raids(extract):
    events = extract("Russia's foreign ministry spokeswoman said Moscow regretted the incident. She also accused Baku "
                     "of waging \"an unfriendly campaign\" against Russia, pointing to a raid by Azerbaijani police on "
                     "Monday on the Baku office of a news agency.")
    accusations = of_type(events, "ACCUSE")
    assert len(accusations) == 1 and accusations[0].date.start != "2024-03-04"


@pytest.mark.parametrize("text, expected", [
    ("The government spokesman condemned the attack. Local authorities imposed a night-time curfew on Materi and "
     "neighbouring Tanguieta. He also accused the military authorities in neighbouring Burkina Faso of allowing "
     "jihadist fighters to use their territory.", ["government spokesman"]),
    ("The foreign ministry spokesman said the diplomat had been expelled. Iran's charge d'affaires was summoned on "
     "Saturday and handed a strongly worded protest, he said.", ["foreign ministry spokesman"]),
], ids=["not-a-town-read-as-a-name", "not-the-one-he-tells-of"])
def test_he_is_the_one_named_by_a_role_not_a_place_or_the_one_he_tells_of(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ACCUSE")] == [expected]


def test_one_summoned_and_handed_a_protest_is_given_it(extract):
    events = extract("The ambassador was summoned and handed a protest note, the ministry said.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["ministry"], ["ambassador"])]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Peace Corps said it had temporarily moved its volunteers serving in the Atacora and Alibori "
     "departments to the south of the country.", [("PROTECT", ["evacuate"])]),
    ("District authorities moved about 200 residents to a school overnight.", [("PROTECT", ["evacuate"])]),
    ("UNICEF said it had closed the Choloma office and moved its nine staff to San Pedro Sula.",
     [("RETREAT", ["withdraw"])]),
    ("Police moved the detainees to a prison.", []),
], ids=["volunteers-to-the-south", "residents-to-a-school", "office-closed-and-staff-moved", "detainees"])
def test_people_moved_to_another_place_for_their_safety_are_evacuated(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_a_verb_after_a_quotation_mark_is_still_a_verb(extract):
    events = extract("Iran \"reserves the right to respond in kind\" to the expulsion, he told reporters.")
    assert [(e.type, texts(e.actors)) for e in events] == [("THREATEN", ["Iran"])]


@pytest.mark.parametrize("text, expected", [
    ("In March, the State Security Court jailed five men for up to 15 years for plotting to smuggle weapons.",
     [("SANCTION", ["convict"])]),
    ("Police jailed five men overnight.", [("COERCE", ["arrest"])]),
], ids=["for-years", "overnight"])
def test_jailed_for_years_is_a_sentence(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text) if e.type in ("SANCTION", "COERCE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The army set up roadblocks on roads leading to the crossing.", [("PROTECT", ["army"])]),
    ("Protesters set up roadblocks on the highway.", []),
    ("Angry youths set up barricades of burning tyres in the neighbourhoods.", []),
    ("Police erected barricades around the embassy.", [("PROTECT", ["Police"])]),
], ids=["army-roadblocks", "protesters-roadblocks", "youths-barricades", "police-barricades"])
def test_roadblocks_and_barricades_protect_when_forces_set_them_up(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type == "PROTECT"] == expected


def test_who_in_capitals_is_the_world_health_organization(extract):
    events = extract("WHO condemned the \"senseless killing\" of health workers. Gunmen who attacked the convoy fled.")
    assert [(e.type, texts(e.actors), [p.id for p in e.actors]) for e in events] == [
        ("ACCUSE", ["WHO"], ["who-un"]), ("ASSAULT", ["Gunmen"], [None])]


def test_forces_vowing_to_pursue_the_criminals_threaten(extract):
    events = extract("\"We shall pursue these criminals wherever they run, including across the border,\" the army "
                     "spokesman said.")
    assert [(e.type, texts(e.actors)) for e in events] == [("THREATEN", ["army spokesman"])]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. and French embassies said in a joint statement that the expulsion was \"a worrying step\".",
     [["U.S. and French embassies"]]),
    ("Officials said the situation was worrying.", []),
], ids=["worrying-step", "situation-worrying"])
def test_calling_an_expulsion_a_worrying_step_condemns_it(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ACCUSE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Police fired tear gas on Thursday to break up a march by several thousand people protesting against fuel "
     "prices, and detained dozens of demonstrators. Youths set up barricades and threw stones at police.",
     [(["demonstrators"], ["demo"]), (["Youths"], ["riot"])]),
    ("Police fired tear gas to disperse hundreds of protesters outside the embassy. The protesters threw stones at "
     "police.", [(["protesters"], ["riot"])]),
], ids=["youths-riot-after-the-march", "the-same-protesters"])
def test_a_protest_policed_stands_beside_a_riot_by_others_told_after_it(extract, text, expected):
    assert [(texts(e.actors), e.mode) for e in of_type(extract(text), "PROTEST")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Villagers held four Chinese engineers for two days in a community hall.", [["Villagers"]]),
    ("Villagers held up a patrol for several hours.", []),
    ("Police held the suspect for two days.", []),
], ids=["engineers-held-two-days", "patrol-held-up", "police-held-a-suspect"])
def test_civilians_holding_people_for_days_take_them(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT")] == expected


def test_a_relative_clause_with_no_object_acts_on_the_noun_it_hangs_on(extract):
    events = extract("Rights groups have accused Eritrean troops of killing civilians in Axum, an accusation Eritrea "
                     "has rejected.")
    assert [(e.type, texts(e.actors)) for e in events] == [("ACCUSE", ["Rights groups"]), ("REJECT", ["Eritrea"])]


@pytest.mark.parametrize("text, expected", [
    ("Intelligence officers broke up a cell accused of smuggling weapons and explosives from Syria for attacks "
     "inside Jordan.", []),
    ("Police arrested the men for attacks on police stations last year.", [["police stations"]]),
], ids=["weapons-for-attacks", "arrested-for-attacks"])
def test_attacks_weapons_were_smuggled_for_are_no_attacks(extract, text, expected):
    assert [texts(e.recipients) for e in of_type(extract(text), "ASSAULT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The coalition said it had struck drone launch sites on Thursday, and accused Iran of supplying the Houthis "
     "with drone parts, a charge Tehran denies.", [("ACCUSE", False, ["coalition"], ["Iran"])]),
    ("Rights groups have accused the soldiers of killing civilians in Axum in November 2020, an accusation Eritrea "
     "has rejected.", [("ACCUSE", False, ["Rights groups"], ["soldiers"])]),
], ids=["a-charge-tehran-denies", "an-accusation-eritrea-has-rejected"])
def test_a_charge_denied_after_a_comma_does_not_deny_the_sentence(extract, text, expected):
    assert [(e.type, e.negated, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] \
        == expected


def test_gunmen_on_a_motorcycle_shot_dead_a_worker(extract):
    events = extract("Gunmen on a motorcycle shot dead an Ecuadorean social worker in Esmeraldas on Monday evening, "
                     "police said.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ASSAULT", ["Gunmen"], ["Ecuadorean social worker"])]


@pytest.mark.parametrize("text, expected", [
    ("The group denied that it had killed the aid worker.", [(True, ["group"])]),
    ("Al-Shabaab denied that it had attacked the convoy.", [(True, ["Al-Shabaab"])]),
], ids=["the-group", "al-shabaab"])
def test_a_group_denying_that_it_attacked_denies_its_attack(extract, text, expected):
    assert [(e.negated, texts(e.actors)) for e in of_type(extract(text), "ASSAULT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("UNICEF and partners suspended road missions around Baga Sola.", [("PROTECT", ["order"])]),
    ("The U.N. suspended its mission in the town.", [("RETREAT", ["withdraw"])]),
], ids=["road-missions", "a-mission"])
def test_road_missions_suspended_keep_staff_off_the_roads(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


def test_staff_said_to_have_been_told_to_stay_in_are_protected_by_the_one_saying_so(extract):
    events = extract("The Australian High Commission in Suva said its personnel at the camp were safe and had been "
                     "told to stay at their accommodation in Nadi until the road was secure.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)[:1]) for e in events] == [
        ("PROTECT", ["order"], ["Australian High Commission"], ["its personnel"])]


@pytest.mark.parametrize("text, expected", [
    ("The spokesman said not a single shot was fired from our side.", [("ASSAULT", True, [], [])]),
    ("The army said the shells were fired from Myanmar army positions.",
     [("ASSAULT", False, [], []), ("ACCUSE", False, ["army"], ["Myanmar army positions"])]),
], ids=["not-a-single-shot-from-our-side", "shells-from-army-positions"])
def test_not_a_single_shot_fired_from_our_side_is_a_denial_not_a_charge(extract, text, expected):
    assert [(e.type, e.negated, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


def test_police_firing_tear_gas_in_a_before_clause_are_its_subject(extract):
    events = extract("Some protesters threw stones at the building and smashed the windows of two U.N. vehicles "
                     "before members of the Armed Police Battalion, which guards the camps, fired tear gas to "
                     "disperse the crowd, a commander said.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("PROTEST", ["riot"], ["protesters"]),
        ("ASSAULT", ["crowd-control"], ["members of the Armed Police Battalion"])]


@pytest.mark.parametrize("text, expected", [
    ("Soldiers told residents of two nearby villages to stay indoors while they searched the area for unexploded "
     "bombs.", [("PROTECT", ["Soldiers"])]),
    ("The embassy told Chinese citizens to stay indoors.", [("ADVISORY", ["embassy"])]),
], ids=["soldiers-tell-residents", "embassy-tells-citizens"])
def test_forces_telling_residents_to_stay_indoors_protect_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_the_one_warning_in_an_after_clause_read_as_a_phrase_threatens(extract):
    events = extract("MANAMA, March 20 (Agency) - Bahrain has tightened security around its ports, oil installations "
                     "and the headquarters of the U.S. Navy's Fifth Fleet after Yemen's Houthi movement warned that "
                     "countries hosting U.S. warships would be treated as targets, the interior ministry said on "
                     "Thursday.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("PROTECT", ["Bahrain"]), ("THREATEN", ["Yemen's Houthi movement"]), ("ASSAULT", ["Yemen's Houthi movement"])]


def test_he_is_never_a_street_read_as_a_name(extract):
    events = extract("Police fired tear gas at protesters who had blocked Avenue Cheikh Anta Diop. He also accused the "
                     "opposition of paying the protesters.")
    assert not any("Avenue Cheikh Anta Diop" in texts(e.actors) for e in events)


def test_attacks_said_to_constitute_war_crimes_are_no_attack_told(extract):
    events = extract("The head of MINUSCA condemned the attack, said attacks on peacekeepers could constitute war "
                     "crimes and called on the authorities to find those responsible.")
    assert [e.type for e in events] == ["ACCUSE", "REQUEST"]


@pytest.mark.parametrize("text, expected", [
    ("Western governments warned that further attacks were likely.", [("ASSAULT", True)]),
    ("The group warned of further attacks if the embassy stayed open.", [("THREATEN", False), ("ASSAULT", True)]),
], ids=["attacks-likely", "further-attacks-if"])
def test_warning_that_attacks_are_likely_is_no_threat(extract, text, expected):
    assert [(e.type, e.hypothetical) for e in extract(text)] == expected


def test_an_act_a_plan_was_for_is_no_attack(extract):
    events = extract("Iran's foreign ministry spokesman denied on Wednesday that any Iranian official had been "
                     "involved in a plan to kidnap anyone in Turkey.")
    assert "ASSAULT" not in [e.type for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Los Tiguerones denied killing the social worker.", [(True, ["los-tiguerones"])]),
    ("The Rapid Support Forces shelled the market on Monday.", [(False, ["rsf"])]),
], ids=["an-ecuadorean-gang", "sudans-rsf"])
def test_armed_groups_the_knowledge_base_names_act_as_armed_groups(extract, text, expected):
    assert [(e.negated, [p.id for p in e.actors]) for e in of_type(extract(text), "ASSAULT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Villagers on Wednesday freed four Chinese engineers and two Bolivian drivers they had held for two days in a "
     "community hall.", [("RETREAT", ["Villagers"]), ("ASSAULT", ["Villagers"])]),
    ("The four were arrested after the State Security Bureau intercepted messages in which they discussed the layout "
     "of the base.", []),
], ids=["engineers-they-had-held", "messages-in-which-they"])
def test_they_in_a_clause_on_the_object_are_those_who_acted_on_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type in ("RETREAT", "ASSAULT", "CONSULT")] \
        == expected


def test_a_junta_is_an_armed_side_shells_can_come_from(extract):
    events = extract("The KNLA commander said the shells came from junta artillery.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["KNLA commander"], ["junta artillery"])]


def test_mobile_data_ordered_suspended_is_censorship_by_the_one_ordering(extract):
    events = extract("Senegal's communications ministry ordered mobile data services suspended across the Dakar "
                     "region until further notice.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("COERCE", ["censor"], ["Senegal's communications ministry"])]


@pytest.mark.parametrize("text, expected", [
    ("Eritrea called up reservists on Friday.", [("MOBILIZE", ["Eritrea"])]),
    ("The minister called on the army to protect the embassy.", [("REQUEST", ["minister"])]),
], ids=["called-up", "called-on"])
def test_calling_up_reservists_mobilises_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("On Tuesday, hundreds of informal miners blocked the Pan-American Highway near Atico for several hours.",
     [("PROTEST", ["obstruct"], ["hundreds of informal miners"])]),
    ("Truckers blocked the road to the border crossing on Monday.", [("PROTEST", ["obstruct"], ["Truckers"])]),
], ids=["miners", "truckers"])
def test_working_people_blocking_a_road_protest(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == expected


def test_a_drone_launched_from_somewhere_that_struck_is_one_attack(extract):
    events = extract("A drone launched from Yemen struck a car park next to a beachfront hotel in Eilat early on "
                     "Sunday, Israel's military said.")
    assert [(e.type, e.mode, texts(e.recipients)) for e in events] == [("ASSAULT", ["drone"], ["car park"])]


@pytest.mark.parametrize("text, expected", [
    ("The prime minister said he had also spoken by telephone with Venezuela's foreign minister.",
     [("CONSULT", ["prime minister", "Venezuela's foreign minister"])]),
    ("Jordan's prime minister spoke by telephone with Venezuela's foreign minister.",
     [("CONSULT", ["Jordan's prime minister", "Venezuela's foreign minister"])]),
], ids=["said-he-had-spoken", "spoke"])
def test_speaking_by_telephone_with_someone_consults_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The attackers looted sacks of maize meal before fleeing.", [("attackers", False)]),
    ("Hungry villagers looted a WFP maize convoy on Wednesday.", [("Hungry villagers", False)]),
    ("Armed men stopped the convoy and stole about 30 tonnes of food.", [("Armed men", False)]),
    ("Gunmen made off with two cars.", [("Gunmen", False)]),
    ("A youth leader in Shambe denied that local young men had looted the barge.", [("local young men", True)]),
    ("Youths looted two French-owned supermarkets.", []),
    ("Armed men looted the compound of a medical charity and beat a guard.", []),
    ("The attackers were members of a local gang that steals vehicles on the highway.", []),
], ids=["attackers-loot", "villagers-loot-aid", "stole-food", "made-off-with", "denied-looting", "rioters-loot-shops",
        "looted-a-compound", "a-gang-that-steals"])
def test_aid_and_goods_carried_off_by_force_are_seized(extract, text, expected):
    assert [(texts(e.actors)[0], e.negated) for e in of_type(extract(text), "COERCE")] == expected


def test_a_crew_held_overnight_and_let_go_is_taken_and_released(extract):
    events = extract("Armed youths boarded a barge carrying U.N. food aid on the White Nile near Shambe on "
                     "Wednesday, held its nine crew members overnight and made off with about 60 tonnes of sorghum "
                     "before letting the crew go on Thursday, the World Food Programme said.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("ASSAULT", ["abduct"], ["Armed youths"]), ("COERCE", ["seize"], ["Armed youths"]),
        ("RETREAT", ["release"], ["Armed youths"])]


@pytest.mark.parametrize("text, expected", [
    ("The attackers fired several shots into the air as they left.", ["firearms"]),
    ("Their security service said a guard had fired warning shots into the air at a group of violators.",
     ["firearms"]),
], ids=["shots-into-the-air", "warning-shots"])
def test_shots_into_the_air_are_no_air_strike(extract, text, expected):
    assert [e.mode for e in of_type(extract(text), "ASSAULT")] == [expected]


def test_pamphlets_left_by_a_group_claim_demand_and_warn_for_that_group(extract):
    events = extract("A small bomb exploded outside a site office of the Arun-3 hydropower project late on Monday, "
                     "police said. Pamphlets left near the office by a little-known group calling itself the "
                     "Janakranti Sangathan claimed the blast, police said. The pamphlets demanded that the project be "
                     '"returned to the Nepali people" and warned of "further actions" against Indian projects in '
                     "Nepal if the demand was ignored.")
    assert [(e.type, names(e.actors)) for e in events] == [
        ("ASSAULT", ["Janakranti Sangathan"]), ("CLAIM", ["Janakranti Sangathan"]),
        ("REQUEST", ["Janakranti Sangathan"]), ("THREATEN", ["Janakranti Sangathan"])]


def test_raiders_kill(extract):
    events = extract("Marsabit has seen repeated clashes between the two pastoralist communities over water. In July "
                     "2005, raiders killed more than 70 people, many of them schoolchildren, in an attack on Turbi.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")][-1] == ["raiders"]


def test_they_in_a_second_thing_said_are_those_the_first_told_of(extract):
    events = extract("The ministry said the three suspects were members of the Hasm movement and that they opened "
                     "fire when police raided a farm where they were hiding.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["three suspects"]]


def test_a_group_the_tables_know_but_the_tagger_leaves_unnamed_speaks_for_it(extract):
    events = extract('Hasm denied that it had carried out the attack. "We do not target diplomats," it said, '
                     "accusing the ministry of killings.")
    assert [(e.type, e.negated, texts(e.actors)) for e in events] == [
        ("ASSAULT", True, ["Hasm"]), ("ACCUSE", False, ["Hasm"])]


@pytest.mark.parametrize("text", [
    "Armed men abducted a driver near the camp on Sunday. Officials met on Monday. Aid groups paused work. The army "
    "sent troops. No group has claimed the abduction.",
    "Gunmen ambushed a pick-up on Saturday. A nurse was wounded. Aid groups paused work. The army sent troops. Police "
    "said on Tuesday they had arrested four men and were questioning them over the ambush.",
], ids=["no-group-has-claimed", "questioned-over"])
def test_an_attack_named_again_where_no_one_claims_it_or_suspects_are_held_is_the_one_told(extract, text):
    assert len(of_type(extract(text), "ASSAULT")) == 1


def test_him_is_never_a_name_told_as_a_place(extract):
    events = extract("Armed men on motorcycles abducted a truck driver near the Mbera refugee camp on Sunday and took "
                     "him towards the Malian border, local officials said.")
    assert [texts(e.recipients) for e in of_type(events, "ASSAULT")] == [["truck driver"]]


@pytest.mark.parametrize("text, expected", [
    ("Air force jets had since struck the group's hideouts on neighbouring islands, he said.", ["Air force"]),
    ("Army helicopters fired on the convoy.", ["Army"]),
], ids=["air-force-jets", "army-helicopters"])
def test_the_force_named_with_its_aircraft_attacks(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Chad's president said Chad would pull its troops out of the Multinational Joint Task Force (MNJTF) if the "
     "other member states did not share the burden.",
     [("THREATEN", ["relations"], ["Chad's president", "Chad"], ["Multinational Joint Task Force"])]),
    ("Mali withdrew its troops from the force on Monday.",
     [("RETREAT", ["withdraw"], ["Mali"], ["its troops", "force"])]),
], ids=["would-pull-out-if", "withdrew"])
def test_troops_a_state_would_withdraw_on_a_condition_are_its_threat(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Egypt's interior minister ordered security tightened around all foreign missions in Alexandria, a ministry "
     "statement said.", [("PROTECT", ["Egypt's interior minister"])]),
    ("The interior minister ordered a permanent police detail outside the embassy and the ambassador's residence.",
     [("PROTECT", ["interior minister"])]),
], ids=["ordered-security-tightened", "ordered-a-police-detail"])
def test_security_ordered_for_missions_protects_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


def test_an_attack_that_will_not_go_unpunished_is_the_one_told(extract):
    events = extract('"This cowardly attack will not go unpunished," the defence minister said on state television.')
    assert [(e.type, e.hypothetical, texts(e.actors)) for e in events] == [("THREATEN", False, ["defence minister"])]


@pytest.mark.parametrize("text, expected", [
    ("A federation of small-scale miners in Atico denied that its members had any part in the killings.",
     [("ASSAULT", True)]),
    ("The committee denied that its members had taken part in the violence.", [("PROTEST", True)]),
], ids=["part-in-the-killings", "part-in-the-violence"])
def test_members_denied_a_part_in_killings_deny_a_killing_not_a_riot(extract, text, expected):
    assert [(e.type, e.negated) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Kenya's Interior Cabinet Secretary said on Wednesday that a dusk-to-dawn curfew would be enforced in Bubisa and "
     "Turbi for 30 days.", [("COERCE", False, ["Kenya's Interior Cabinet Secretary"])]),
    ("The governor warned that a curfew would be imposed if the protests continued.",
     [("THREATEN", False, ["governor"])]),
], ids=["announced", "on-a-condition"])
def test_a_curfew_announced_is_imposed_by_the_one_announcing_it(extract, text, expected):
    assert [(e.type, e.hypothetical, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Morocco's Royal Armed Forces have moved additional air defence systems to the Mahbes sector since the incident.",
     [("MOBILIZE", ["Morocco's Royal Armed Forces"])]),
    ("Police took the two men away for questioning.", [("COERCE", ["Police"])]),
    ("The company moved its computer systems to a new office.", []),
], ids=["air-defence-systems-moved", "taken-away", "computer-systems"])
def test_air_defences_moved_and_men_taken_away(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The U.N. agency said its four passengers were unhurt. It has suspended travel on the river and moved its staff "
     "to Bartica, a spokeswoman said in Georgetown.", ["U.N. agency"]),
    ('Argentina\'s foreign ministry said it "deeply regretted" the damage, a ministry official said.',
     ["Argentina's foreign ministry"]),
], ids=["a-spokeswoman-said", "a-ministry-official-said"])
def test_it_is_the_body_a_spokeswoman_speaks_for_not_the_spokeswoman(extract, text, expected):
    assert {a.text for e in extract(text) for a in e.actors} == set(expected)


def test_an_aid_agency_known_by_its_capitals_suspends_its_work(extract):
    events = extract("CARE said none of its staff had been hurt, but the office had been destroyed. It has suspended "
                     "all its work in the province until further notice.")
    assert [(e.type, names(e.actors)) for e in of_type(events, "RETREAT")] == [("RETREAT", ["CARE International"])]


@pytest.mark.parametrize("text, expected", [
    ("Nicaragua's army said the boats were fishing illegally in Nicaraguan waters.",
     [("ACCUSE", ["Nicaragua's army"], ["boats"])]),
    ("The interior ministry said 53 people had been detained for illegal residence.",
     [("COERCE", ["interior ministry"], ["53 people"])]),
], ids=["fishing-illegally", "detained-for-illegal-residence"])
def test_a_side_saying_others_acted_illegally_alleges_it(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ('"Provocateurs who want to poison our hospitality will be found and punished," the interior minister wrote on X.',
     [("THREATEN", ["interior minister"])]),
    ("The minister said migrants who arrived last year were registered.", []),
], ids=["provocateurs-who", "migrants-who-arrived"])
def test_what_a_minister_writes_will_be_done_to_those_who_act_threatens_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type == "THREATEN"] == expected


def test_residents_ordered_to_shelters_are_evacuated(extract):
    events = extract("Tak provincial authorities ordered about 600 residents of three riverside villages to move to "
                     "temporary shelters.")
    assert [(e.type, "evacuate" in e.mode, texts(e.actors)) for e in events] == [
        ("PROTECT", True, ["Tak provincial authorities"])]


def test_firing_in_the_direction_of_positions_is_firing_at_them(extract):
    events = extract("Azerbaijan's defence ministry called the Armenian report disinformation and said its units "
                     "had not fired in the direction of Armenian positions.")
    assert [(e.type, e.negated, texts(e.recipients)) for e in of_type(events, "ASSAULT")] == [
        ("ASSAULT", True, ["Armenian positions"])]


@pytest.mark.parametrize("text, expected", [
    ("A traders' body in the border town called the curfew collective punishment.",
     [("ACCUSE", ["traders' body"])]),
    ("The movement's leaders called the expulsions a pretext to silence them.",
     [("ACCUSE", ["movement's leaders"])]),
    ("The rebels called the reports a lie.", [("ACCUSE", ["rebels"])]),
    ("The opposition called the march a success.", []),
], ids=["collective-punishment", "a-pretext", "a-lie", "a-success"])
def test_calling_a_measure_a_punishment_or_a_pretext_criticises_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type == "ACCUSE"] == expected


def test_a_second_thing_said_that_attacks_will_go_on_threatens(extract):
    events = extract("The Houthis claimed the strike. Their spokesman said that the group had hit the port and that "
                     "its attacks would continue.")
    assert [(e.type, e.hypothetical, texts(e.actors)) for e in events if e.type == "THREATEN" or e.hypothetical] == [
        ("THREATEN", False, ["Their spokesman"])]


def test_two_threats_in_one_saying_are_one(extract):
    events = extract("The defence minister said the militia would pay a heavy price and that the army would strike "
                     "anyone who fired at the border towns.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "THREATEN")] == [
        ("THREATEN", ["defence minister"], ["militia"])]


def test_police_flying_workers_out_of_a_mine_evacuate_them(extract):
    events = extract("Police flew 23 Chinese workers out of the gold mine by helicopter on Tuesday.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [("PROTECT", ["evacuate"], ["Police"])]


@pytest.mark.parametrize("text, expected", [
    ("Border police turned back the director of the government office at the crossing on Tuesday.",
     [("COERCE", ["Border police"], ["director"])]),
    ("Border guards turned back the attackers.", []),
], ids=["official-turned-back", "attackers-repelled"])
def test_police_turning_back_a_visitor_bar_him(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "COERCE")] == expected


def test_hundreds_of_people_named_by_their_nation_blocking_a_road_protest(extract):
    events = extract("The arrest prompted several hundred Kosovo Serbs to block the road with trucks and tractors.")
    assert [(e.type, e.mode, texts(e.actors)) for e in of_type(events, "PROTEST")] == [
        ("PROTEST", ["obstruct"], ["several hundred Kosovo Serbs"])]


def test_a_dateline_with_an_accented_capital_is_no_part_of_the_doer(extract):
    events = extract("Shots from across the river wound a soldier\n\nDAJABÓN, Dominican Republic, Feb 19 (Agency) - "
                     "Gunmen fired across the river at an army post on Tuesday.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "ASSAULT")] == [("ASSAULT", ["Gunmen"])]


@pytest.mark.parametrize("text, expected", [
    ("The president said on Wednesday that the border was secure, warning that anyone who fired on the army would "
     "face the full force of the state.", [("THREATEN", ["president"])]),
    ("The minister said that anyone who travelled to the coast would face long delays.", []),
], ids=["full-force", "delays"])
def test_warning_that_whoever_fires_will_face_force_threatens_them(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, expected", [
    ('"We will not allow criminal gangs to threaten our soldiers," the president said.', []),
    ("The minister said the government would not allow the gangs to attack the convoy.", [("ASSAULT", True)]),
], ids=["not-allow-to-threaten", "not-allow-to-attack"])
def test_what_a_speaker_will_not_allow_is_no_act(extract, text, expected):
    assert [(e.type, e.hypothetical) for e in extract(text) if e.type in ("THREATEN", "ASSAULT")] == expected


def test_a_statement_named_again_speaks_for_the_group_that_issued_it(extract):
    events = extract("Hamas said in a statement that its fighters attacked the patrol on Monday. \"Any company that "
                     "keeps working there will be treated as an enemy,\" the statement said.")
    assert [(e.type, texts(e.actors)) for e in of_type(events, "THREATEN")] == [("THREATEN", ["Hamas"])]


def test_pamphlets_left_and_signed_by_a_group_claim_for_it(extract):
    events = extract("Hooded men set fire to nine logging trucks at a forestry site on Tuesday night. Pamphlets left "
                     "at the site and signed by the Coordinadora Arauco-Malleco (CAM), a radical Mapuche group, "
                     "claimed the attack and warned of more attacks on forestry companies.")
    assert [(e.type, texts(e.actors)) for e in events if e.type in ("CLAIM", "THREATEN")] == [
        ("CLAIM", ["Coordinadora Arauco-Malleco"]), ("THREATEN", ["Coordinadora Arauco-Malleco"])]


@pytest.mark.parametrize("text, expected", [
    ("The fighting prompted the International Organization for Migration (IOM) to withdraw its staff from the camp.",
     [("RETREAT", ["withdraw"])]),
    ("UNICEF pulled its staff out of the district on Friday.", [("PROTECT", ["evacuate"])]),
], ids=["withdraws-staff", "pulls-staff-out"])
def test_an_agency_withdrawing_its_staff_withdraws_and_pulling_them_out_evacuates(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text) if e.type in ("RETREAT", "PROTECT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Riot police surrounded the Colombian embassy on Wednesday and searched every vehicle leaving it.",
     [("COERCE", ["restrict"], ["Riot police"])]),
    ("Protesters surrounded the embassy on Wednesday.", []),
], ids=["police-surround-embassy", "protesters-surround"])
def test_police_surrounding_an_embassy_restrict_it(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in of_type(extract(text), "COERCE")] == expected


def test_granting_asylum_aids_whom_it_is_granted(extract):
    events = extract("Ecuador granted asylum to the former vice president on Friday.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("AID", ["Ecuador"], ["former vice president"])]


def test_a_man_who_said_a_town_was_taken_to_free_it_and_warned_another_would_be_next_threatens(extract):
    events = extract('In a video posted on Tuesday, a masked man who said he was a gang commander said the coalition '
                     'had taken the town "to free it from the police" and warned that Saint-Marc would be next.')
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "THREATEN")] == [
        ("THREATEN", ["masked man"], ["Saint-Marc"])]


def test_we_in_a_quotation_that_closes_in_its_sentence_is_the_one_who_closes_it(extract):
    events = extract('"Our colleagues are aid workers and nothing else. We ask the authorities to release them or at '
                     'least to grant us immediate access," the head of the Red Cross delegation said.')
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "REQUEST")] == [
        ("REQUEST", ["head of the Red Cross delegation"], ["authorities"])]


@pytest.mark.parametrize("text, expected", [
    ("Police freed the kidnapped businessman in a raid on a rented villa early on Tuesday.", []),
    ("The gunmen freed the two engineers on Sunday.", [("RETREAT", ["gunmen"])]),
], ids=["police-free-a-hostage", "kidnappers-free-hostages"])
def test_hostages_freed_by_their_captors_are_released_and_by_police_are_not(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "RETREAT")] == expected


@pytest.mark.parametrize("text, expected", [
    ('"We will not let gangs decide who gets food," the chief of staff told reporters. "Anyone who opens fire on '
     'our territory will be met with force."', [("THREATEN", ["violence"], ["chief of staff"])]),
    ('"These nurses are here to keep our children alive," the prime minister told reporters. "Whoever obstructs '
     'them or raises a hand against them will be arrested and prosecuted."',
     [("THREATEN", ["arrest"], ["prime minister"])]),
    ('"These nurses are here to keep our children alive," the prime minister told reporters. "Whoever helps them '
     'is welcome."', []),
], ids=["quoted-anyone-met-with-force", "whoever-obstructs", "whoever-helps"])
def test_a_quoted_warning_to_whoever_acts_after_its_speaker_is_named_threatens(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in of_type(extract(text), "THREATEN")] == expected


def test_it_saying_in_a_relative_clause_is_the_one_who_says_it_all_not_the_datelines_agency(extract):
    events = extract("PRISTINA, Sept 17 (Agency) - Border police stopped the official at the crossing on Tuesday. "
                     "The interior ministry said the official had not asked for permission for the visit, which it "
                     "said was meant to stir up trouble, and that he would be arrested if he tried to enter again.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(events, "THREATEN")] == [
        ("THREATEN", ["interior ministry"], ["official"])]


@pytest.mark.parametrize("text, expected", [
    ('"We will not hand over anyone who has sought our protection," the foreign minister said.',
     [("REJECT", ["foreign minister"])]),
    ("Police handed over the two suspects to prosecutors on Monday.", []),
], ids=["will-not-hand-over", "handed-over-suspects"])
def test_refusing_to_hand_someone_over_rejects_the_demand(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "REJECT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Gunmen abducted a rancher and his farmhand on Thursday. The farmhand was freed early on Saturday.",
     [("RETREAT", ["Gunmen"], ["farmhand"])]),
    ('Gunmen abducted three fishermen on Thursday. The ministry said it was "working closely with the authorities" '
     "to free the hostages.", []),
], ids=["farmhand-freed", "working-to-free"])
def test_a_captive_freed_is_released_by_the_captors_and_working_to_free_one_is_not_a_release(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "RETREAT")] == expected


def test_a_spokesman_for_villagers_saying_guards_fired_alleges_it(extract):
    events = extract("A spokesman for the landowners said the company's security guards had fired shots over the "
                     "heads of villagers on Monday night.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["spokesman"], ["company's security guards"])]


@pytest.mark.parametrize("text, expected", [
    ("Hezbollah said it was not behind the rocket attack on the base.", [("ASSAULT", True, ["Hezbollah"])]),
    ("The Taliban said they were responsible for the attack.", [("CLAIM", False, ["Taliban"])]),
], ids=["not-behind", "responsible"])
def test_a_group_saying_it_was_not_behind_an_attack_denies_it_and_not_claims_it(extract, text, expected):
    assert [(e.type, e.negated, texts(e.actors)) for e in extract(text) if e.type in ("ASSAULT", "CLAIM")] == expected


def test_units_put_on_alert_as_a_minister_says_are_mobilised_by_him(extract):
    events = extract("The defence minister said army units near the boundary had been put on a higher state of "
                     "readiness.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("MOBILIZE", ["defence minister"], ["army units"])]


@pytest.mark.parametrize("text, expected", [
    ("Police officers guarding the residence caught the intruder a few minutes later.",
     [("COERCE", ["arrest"], ["Police officers"])]),
    ("The bus picked up passengers at the border.", []),
], ids=["officers-catch-intruder", "bus-picks-up"])
def test_officers_catching_or_picking_up_a_man_arrest_him(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in of_type(extract(text), "COERCE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("A grenade exploded outside the consulate on Monday. No one has been arrested.", []),
    ("A consulate spokesman said no one had been detained arbitrarily.", [("COERCE", True)]),
], ids=["no-one-arrested", "denied-by-a-spokesman"])
def test_no_one_arrested_is_no_event_unless_someone_denies_it(extract, text, expected):
    assert [(e.type, e.negated) for e in of_type(extract(text), "COERCE")] == expected


def test_fighters_of_a_rebel_group_named_as_the_government_tells_it_are_not_the_governments(extract):
    events = extract("DJIBOUTI, Oct 24 (Agency) - Fighters of the Afar rebel group FRUD-armé attacked an army post "
                     "near Obock before dawn on Tuesday, killing three soldiers, the defence ministry said.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("ASSAULT", ["Fighters of the Afar rebel group", "FRUD-armé"])]


def test_a_paragraph_opening_with_a_hyphenated_name_has_no_dateline(extract):
    events = extract("Gunmen attacked an army post on Tuesday.\n\nFRUD-armé, the armed wing of the Front for the "
                     "Restoration of Unity and Democracy, claimed the attack in a statement on Wednesday.")
    assert [texts(e.actors) for e in of_type(events, "CLAIM")] == [["FRUD-armé"]]


def test_an_accusation_is_dated_by_its_telling_not_by_what_it_charges(extract):
    events = extract("The association accused the federal government of letting miners return after a crackdown "
                     "last year.")
    assert [(e.type, e.date.kind) for e in events] == [("ACCUSE", "reported")]


@pytest.mark.parametrize("text, expected", [
    ("A local youth was shot dead, allegedly by one of the company's security guards, police said.",
     [("ASSAULT", ["one of the company's security guards"])]),
    ("Two of four citizens kidnapped at gunpoint were found dead.", []),
], ids=["allegedly-by-one-of", "two-of-four-kidnapped"])
def test_one_of_a_party_told_as_the_doer_is_the_doer(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "ASSAULT") if e.actors] == expected


@pytest.mark.parametrize("text, expected", [
    ('KFOR said it had sent additional patrols to the Jarinje area and was "in contact with all sides".',
     [("PROTECT", ["patrol"], ["KFOR"])]),
    ('Belgrade called the ban "an act of ethnic discrimination".', [("ACCUSE", ["disapprove"], ["Belgrade"])]),
], ids=["patrols-sent", "called-discrimination"])
def test_patrols_sent_protect_and_a_ban_called_discrimination_is_criticised(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Security around the embassy was stepped up after the video appeared, residents said.", [("PROTECT", [])]),
    ("Security around Jewish sites has been tightened since gunmen attacked southern Israel on Oct. 7, the interior "
     "ministry said, and a police team has been stationed at the embassy since then.",
     [("PROTECT", ["interior ministry"]), ("PROTECT", ["police"])]),
], ids=["by-no-one-named", "as-the-ministry-says"])
def test_security_stepped_up_with_no_taker_named_is_a_measure_and_told_by_a_ministry_is_its(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in of_type(extract(text), "PROTECT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The army said its soldiers came under fire from gunmen near the camp.",
     [("ASSAULT", ["gunmen"], ["its soldiers"])]),
    ("The convoy came under fire from a ridge near the border.", [("ASSAULT", [], ["convoy"])]),
], ids=["from-gunmen", "from-a-ridge"])
def test_those_who_come_under_fire_from_a_party_are_fired_on_by_it(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Soldiers of the Botswana Defence Force (BDF) shot dead two fishermen on the river on Monday. The BDF said in a "
     "statement that a patrol had come under fire from suspected poachers and had returned fire.",
     [("ACCUSE", ["BDF"], ["suspected poachers"])]),
    ("The BDF said in a statement that a patrol had come under fire from suspected poachers.", []),
], ids=["acronym-spelled-out", "acronym-unknown"])
def test_a_force_telling_it_came_under_fire_from_someone_alleges_it(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "ACCUSE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The Houthis warned that ships linked to Israel would be legitimate targets.",
     [("THREATEN", False, ["Houthis"]), ("ASSAULT", True, ["Houthis"])]),
    ("Iran warned that ships linked to Israel would be legitimate targets.", [("THREATEN", False, ["Iran"])]),
], ids=["armed-group", "state"])
def test_an_armed_groups_threat_is_also_the_attack_it_threatens(extract, text, expected):
    assert [(e.type, e.hypothetical, texts(e.actors)) for e in extract(text)] == expected


def test_a_summons_with_its_own_day_is_not_dated_by_the_saying_before_it(extract):
    events = extract("The government said on Monday that its citizens had been the victims of criminal acts, and the "
                     "foreign ministry summoned Mali's ambassador on Tuesday to demand an investigation.",
                     published="2022-06-10")
    assert [(e.type, e.date.start) for e in of_type(events, "ACCUSE")] == [("ACCUSE", "2022-06-07")]


def test_gunmen_leading_people_away_abduct_them(extract):
    events = extract("Gunmen stopped a vehicle belonging to a medical charity near Bafut on Monday, set it alight and "
                     "led away its driver and a nurse, the charity said.")
    assert [(e.mode, texts(e.recipients)) for e in of_type(events, "ASSAULT") if "abduct" in e.mode] == [
        (["abduct"], ["its driver", "nurse"])]
    assert of_type(extract("The guide led the tourists away from the crowd."), "ASSAULT") == []


@pytest.mark.parametrize("text, expected", [
    ("Gunmen seized a boat and its captain on Monday. The captain was freed on Wednesday evening after the "
     "owner paid a deposit.", [(["Gunmen"], ["captain"])]),
    ("Coca growers on Wednesday night released four members of a U.N. team monitoring coca cultivation.",
     [(["Coca growers"], ["four members of a U.N. team monitoring coca cultivation"])]),
], ids=["captain", "members-of-a-team"])
def test_a_captain_or_members_of_a_team_are_released(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "RETREAT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The rebels gave foreigners two weeks to leave Papua.", [("REQUEST", ["rebels"], ["foreigners"])]),
    ("A man who spoke for the kidnappers said the group wanted $500,000 and the return of grazing land.",
     [("REQUEST", ["group"], [])]),
    ("Maduro broke off ties with Colombia on Feb. 23 and gave its diplomats 24 hours to leave.", []),
    ("The group wants the peninsula returned to Nigeria.", []),
], ids=["weeks-to-leave", "wanted-a-ransom", "diplomats-expelled", "wants-it-returned"])
def test_a_deadline_given_or_a_ransom_wanted_is_a_demand(extract, text, expected):
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "REQUEST")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The navy sent two patrol boats and a helicopter to search for the kidnappers.", [("MOBILIZE", ["navy"])]),
    ("The army sent troops and patrol boats to search the islands.", [("MOBILIZE", ["army"])]),
    ("A spokesman for the border guard said it had reinforced its units along the frontier.",
     [("MOBILIZE", ["border guard"])]),
    ("KFOR said it had sent additional patrols to the Jarinje area.", [("PROTECT", ["KFOR"])]),
], ids=["patrol-boats", "troops-and-boats", "units-reinforced", "patrols-sent"])
def test_boats_and_troops_sent_or_units_reinforced_are_forces_moved(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The faction denied that its members had taken part in the raid on the warehouse.",
     [("ASSAULT", True, ["faction"])]),
    ("The union denied that its members had taken part in the riot.", [("PROTEST", True, ["union"])]),
    ("The group denied that its members had taken part in the killings.", [("ASSAULT", True, ["group"])]),
], ids=["raid-denied", "riot-denied", "killings-denied"])
def test_a_raid_or_killing_its_members_took_part_in_denied_is_an_attack_denied(extract, text, expected):
    assert [(e.type, e.negated, texts(e.actors)) for e in extract(text)] == expected


def test_residents_telling_the_trouble_started_when_guards_beat_a_man_allege_it_once(extract):
    events = extract("Two residents told Agency by telephone that the trouble started when guards beat a young man "
                     "who tried to jump the queue, and that a guard fired rubber bullets into the crowd.")
    assert [(e.type, e.mode, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("ACCUSE", ["allege"], ["Two residents"], ["guards", "guard"])]


@pytest.mark.parametrize("text, expected", [
    ("The organisers denied that any of their members had taken part in the attacks.",
     [("PROTEST", ["riot"], ["organisers"])]),
    ("The army denied that its soldiers had taken part in the attacks.", [("ASSAULT", [], ["army"])]),
], ids=["organisers-members", "army-soldiers"])
def test_organisers_denying_their_members_took_part_in_attacks_deny_a_riot(extract, text, expected):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text) if e.negated] == expected


@pytest.mark.parametrize("text, expected", [
    ("The minister said anyone who lays a hand on the food will be treated as a terrorist and jailed.",
     [(["minister"], ["anyone who lays a hand on the food"])]),
    ("Police said those who organised the roadblock would be arrested.",
     [(["Police"], ["those who organised the roadblock"])]),
], ids=["anyone-who", "those-who"])
def test_a_warning_to_anyone_who_acts_threatens_them(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The group warned that Zionist interests across India would be targeted next.", ["Zionist interests"]),
    ("The army warned that it would respond with full force to anyone who violates Jordan's airspace.",
     ["anyone who violates Jordan's airspace"]),
    ("The group warned that its attacks on the security forces would continue.", ["security forces"]),
], ids=["targeted", "respond-to-anyone", "attacks-on"])
def test_whom_a_warnings_words_threaten_are_its_recipients(extract, text, expected):
    assert [texts(e.recipients) for e in of_type(extract(text), "THREATEN")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Bolivia's foreign ministry summoned Argentina's ambassador in La Paz on Monday to demand a transparent "
     "investigation.", ["Argentina's ambassador"]),
    ("Armenia summoned Russia's ambassador on Thursday and demanded that a Russian soldier be handed over.",
     ["Russia's ambassador"]),
], ids=["to-demand", "and-demanded"])
def test_an_envoy_summoned_to_hear_a_demand_is_the_one_asked(extract, text, expected):
    assert [texts(e.recipients) for e in of_type(extract(text), "REQUEST")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The delegation of about 20 diplomats had been visiting a Bedouin herding community when settlers threw "
     "stones at their cars.", []),
    ("Algeria's interior minister, visiting the national police headquarters, said the cell had been dismantled.", []),
    ("The Czech ambassador visited the injured officer in hospital on Tuesday.", [["visit"]]),
], ids=["had-been-visiting", "visiting-aside", "visited"])
def test_what_someone_was_doing_when_it_happened_is_no_visit(extract, text, expected):
    assert [e.mode for e in of_type(extract(text), "CONSULT")] == expected


def test_a_subordinator_the_parse_hangs_on_the_doers_is_no_part_of_their_name(extract):
    events = extract("The Netherlands summoned Israel's ambassador on Tuesday, after masked Israeli settlers "
                     "attacked a convoy of European diplomats.")
    assert [texts(e.actors) for e in of_type(events, "ASSAULT")] == [["masked Israeli settlers"]]


@pytest.mark.parametrize("text, expected", [
    ("Hooded gunmen burst into the studios of a broadcaster in Guayaquil during a live programme on Tuesday, forcing "
     "staff to the floor at gunpoint before police stormed the building, freed the hostages and arrested 13 people.",
     [("COERCE", ["police"], ["13 people"])]),
    ("Gunmen attacked the convoy after it left the base, killed two guards and wounded three others.",
     [("ASSAULT", ["Gunmen"], ["convoy", "two guards"])]),
], ids=["police-stormed-freed-and-arrested", "gunmen-attacked-after-it-left"])
def test_a_list_of_acts_after_a_clause_with_its_own_doers_goes_on_with_them(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("ASSAULT", "COERCE")]
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events if e.type == expected[0][0]] == expected


@pytest.mark.parametrize("text, expected", [
    ("The hotel's owner had received a WhatsApp message last week from a group claiming to be Los Pulpos, the city's "
     "most feared extortion gang, demanding 50,000 soles and warning that the building would be blown up if he did "
     "not pay, a police colonel said.", [("REQUEST", ["group"]), ("THREATEN", ["group"])]),
    ("The embassy received an e-mail saying that a bomb would explode in the building.", [("THREATEN", [])]),
], ids=["message-from-a-group", "e-mail-unsigned"])
def test_what_a_message_someone_received_demands_or_threatens_is_its_senders(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("REQUEST", "THREATEN")]
    assert [(e.type, texts(e.actors)) for e in events] == expected


def test_an_e_mail_saying_a_bomb_will_go_off_unless_threatens_it(extract):
    events = extract('The email, sent to the mission and to two local newspapers, said the device would go off '
                     '"at noon" unless Australia stopped selling weapons parts to Israel, according to police.')
    assert [(e.type, e.hypothetical, texts(e.actors)) for e in events] == [
        ("THREATEN", False, []), ("ASSAULT", True, [])]
    assert of_type(events, "THREATEN")[0].extra.get("actor_source") == "unsigned"


@pytest.mark.parametrize("text, expected", [
    ('In the video, posted on TikTok last weekend, a masked man holding a knife said pilgrims arriving for the annual '
     'festival "will not leave the island alive", according to the ministry.', [["masked man"]]),
    ("Doctors said the patient would leave the hospital alive.", []),
], ids=["will-not-leave-alive", "patient-leaves-alive"])
def test_saying_people_will_not_leave_alive_threatens_them(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "THREATEN")] == expected


def test_a_day_in_a_clause_on_what_a_measure_comes_ahead_of_is_that_things_day(extract):
    events = extract("The ministry said it had set up a security cordon around the synagogue and added checkpoints "
                     "on the causeway ahead of the pilgrimage, which begins next week.")
    assert [(e.date.start, e.date.kind) for e in of_type(events, "PROTECT")] == [("2024-02-28", "reported")]


@pytest.mark.parametrize("text, expected", [
    ("Israel's National Security Council repeated its call for Israelis not to travel to Tunisia.",
     [("ADVISORY", ["maintain"])]),
    ("The union repeated its call for a general strike.", [("REQUEST", ["change"])]),
], ids=["call-not-to-travel", "call-for-a-strike"])
def test_a_call_not_to_travel_repeated_is_advice_kept(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Benin's army said it had deployed extra troops and patrol boats along the river between Malanville and "
     "Karimama.", [("MOBILIZE", ["troops"])]),
    ("The Nigerian navy deployed patrol boats along the maritime border.", [("PROTECT", ["patrol"])]),
], ids=["troops-and-patrol-boats", "patrol-boats"])
def test_troops_deployed_with_patrol_boats_mobilise_and_patrol_boats_alone_patrol(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("A police colonel in Tak province said the kidnappers were believed to work for a scam compound in Myawaddy, "
     "and that the victim had helped several workers escape from it last month.",
     [(["police colonel"], ["scam compound"], "reported")]),
    ("The driver, who worked for the embassy for 11 years, was stopped by agents.", []),
], ids=["kidnappers-work-for", "driver-worked-for"])
def test_attackers_said_to_work_for_someone_are_alleged_theirs_on_the_day_it_is_said(extract, text, expected):
    events = of_type(extract(text), "ACCUSE")
    assert [(texts(e.actors), texts(e.recipients), e.date.kind) for e in events] == expected


def test_armed_men_holding_a_teams_members_for_hours_abduct_them(extract):
    events = extract("Armed men in two speedboats stopped a boat carrying a Red Cross medical team on the Patuca "
                     "river on Tuesday and held its seven members on a sandbank for about six hours before letting "
                     "them go, the aid group said.")
    assert [(e.type, e.mode, texts(e.actors)) for e in events] == [
        ("ASSAULT", ["abduct"], ["Armed men"]), ("RETREAT", ["release"], ["Armed men"])]


def test_a_charge_of_an_attack_last_month_is_dated_by_its_telling_and_names_only_the_accused(extract):
    events = extract("The group also accused Togo's army of killing civilians in drone strikes on villages along the "
                     "border last month.")
    charge, attack = of_type(events, "ACCUSE")[0], of_type(events, "ASSAULT")[0]
    assert (texts(charge.recipients), charge.date.kind) == (["Togo's army"], "reported")
    assert attack.date.start == "2024-02-01"


def test_acts_listed_after_one_said_are_the_first_ones_doers(extract):
    events = extract("The Thai army said it had closed three informal river crossings, deployed a company of rangers "
                     "along the Moei and set up checkpoints on roads leading to the border.")
    assert [(e.type, texts(e.actors)) for e in events] == [
        ("COERCE", ["Thai army"]), ("MOBILIZE", ["Thai army"]), ("PROTECT", ["Thai army"])]


def test_advice_joined_to_an_infinitive_is_a_second_act_of_the_one_asking(extract):
    events = extract('China\'s embassy in Bangkok said it had asked Thai authorities to "spare no effort" to secure '
                     "the man's return and urged Chinese citizens in Mae Sot to stay alert and avoid going out at "
                     "night.")
    assert [(e.type, texts(e.actors), texts(e.recipients)) for e in events] == [
        ("REQUEST", ["China's embassy"], ["Thai authorities"]),
        ("ADVISORY", ["China's embassy"], ["Chinese citizens"])]


def test_a_video_released_by_an_outlet_threatens_in_its_name(extract):
    events = extract('A video released by a media outlet linked to Islamic State threatened "crusader tourists" in '
                     "Marrakech.")
    assert [(e.type, texts(e.actors)) for e in events] == [("THREATEN", ["media outlet"])]


@pytest.mark.parametrize("text, expected", [
    ("Ethiopia's foreign ministry spokesman denied on Friday that troops had been sent to the border.",
     [(["Ethiopia's foreign ministry spokesman"], True)]),
    ("The minister wrote that Ethiopia had massed troops and heavy weapons near Bure.", [(["Ethiopia"], False)]),
], ids=["denied-sent", "massed"])
def test_troops_a_state_denies_were_sent_are_its_own_denied(extract, text, expected):
    assert [(texts(e.actors), e.negated) for e in of_type(extract(text), "MOBILIZE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The company said its guards were unarmed and denied that any of its staff had fired on anyone.",
     [(["its staff"], True)]),
    ("Iran's foreign ministry spokesman denied that the guards had fired first.", [(["guards"], True)]),
    ("The suspect, through his lawyer, denied throwing anything at the building.", [(["suspect"], True)]),
], ids=["any-of-its-staff", "fired-first", "throwing-anything"])
def test_attacks_denied_in_so_many_words_are_negated_attacks_by_those_named(extract, text, expected):
    assert [(texts(e.actors), e.negated) for e in of_type(extract(text), "ASSAULT")] == expected


def test_one_who_died_of_wounds_is_no_attacker(extract):
    assert [texts(e.actors) for e in of_type(extract("The man, a 22-year-old miner, died in hospital on Sunday."),
                                              "ASSAULT")] in ([], [[]])


@pytest.mark.parametrize("text, expected", [
    ("Gunmen abducted two engineers in Basra on Sunday. A sheikh of the tribe denied in a video posted online that "
     "any of its sons had taken part.", [(["Gunmen"], False), (["sheikh"], True)]),
    ("Drones hit a warehouse in El Obeid on Sunday. An RSF adviser denied the group was responsible.",
     [([], False), (["group"], True)]),
    ("Drones hit a warehouse in El Obeid on Sunday. The governor denied the army was responsible for the decision "
     "to close the road.", [([], False)]),
    ("Gunmen kidnapped two Red Cross workers on Monday. Hours later, a video circulated on social media in which "
     "four men in balaclavas denied any part in the kidnapping.", [(["Gunmen"], False), (["four men"], True)]),
], ids=["taken-part-said-in-a-video", "was-responsible", "responsible-for-a-decision", "men-in-a-video"])
def test_a_part_in_an_attack_denied_is_a_negated_attack_by_those_denying_it(extract, text, expected):
    assert [(texts(e.actors), e.negated) for e in of_type(extract(text), "ASSAULT")] == expected


def test_a_ministry_owned_by_a_country_is_that_countrys(extract):
    events = extract("Mortar rounds hit a UN post near Quneitra in Syria on Monday. Russia's Defence Ministry blamed "
                     "militants for the shelling.")
    accusation = of_type(events, "ACCUSE")[0]
    assert (texts(accusation.actors), names(accusation.actors)) == (["Russia's Defence Ministry"],
                                                                   ["Ministry of Defense of Russia"])


def test_a_claim_by_a_foreign_ministry_is_its_own_and_lies_where_the_attack_was(extract):
    events = extract("KYIV, May 3 (Agency) - Russian missiles hit a building in Kyiv on Friday. Russia's defence "
                     "ministry said its forces had carried out a massive strike on military targets.")
    claim = of_type(events, "CLAIM")[0]
    assert (names(claim.actors), claim.location.country) == (["Ministry of Defense of Russia"], "UKR")


def test_a_participle_after_a_relative_clause_is_the_attackers_second_act(extract):
    events = extract("Gunmen stormed a granite quarry on Sunday, killing four police officers who guarded the site "
                     "and abducting three Chinese nationals and their supervisor, police said.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ASSAULT")] == [
        (["Gunmen"], ["four police officers"]), (["Gunmen"], ["three Chinese nationals", "their supervisor"])]


@pytest.mark.parametrize("text, expected", [
    ("The kidnappers have since called the company to demand a ransom of 500 million naira.",
     [(["kidnappers"], ["company"], False)]),
    ("The protesters demanded compensation for the damage.", [(["protesters"], [], False)]),
    ("The minister called on the army to demand a ceasefire.", [(["minister"], ["army"], False)]),
], ids=["called-to-demand", "demanded-a-thing", "called-on"])
def test_a_demand_made_in_a_call_is_the_callers_and_is_made_of_the_one_called(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients), e.hypothetical)
            for e in of_type(extract(text), "REQUEST")] == expected


def test_a_demand_is_not_dated_by_the_thing_it_names(extract):
    events = extract("EFF leader Julius Malema demanded that the United States withdraw an executive order signed by "
                     "President Donald Trump last Friday.")  # published on a Wednesday (2024-03-06)
    demand = of_type(events, "REQUEST")[0]
    assert (demand.date.start[:10], demand.date.end[:10]) == ("2024-02-28", "2024-03-06")


@pytest.mark.parametrize("text, expected", [
    ("Israel denied carrying out the strike.", [(["Israel"], True)]),
    ("The army said it had conducted a strike on a militant hideout.", [(["army"], False)]),
    ("Dock workers carried out a strike on Monday.", []),
], ids=["denied-carrying-out", "conducted", "a-walk-out"])
def test_a_strike_carried_out_by_a_state_or_a_force_is_an_attack(extract, text, expected):
    assert [(texts(e.actors), e.negated) for e in of_type(extract(text), "ASSAULT")] == expected


def test_those_detained_in_a_passive_without_its_had_been_are_not_the_ones_detaining(extract):
    events = extract("Interior Minister Ali Yerlikaya said on Wednesday that more than 40 police officers had been "
                     "injured and 21 people detained.")
    assert [texts(e.actors) for e in of_type(events, "COERCE")] == [[]]


@pytest.mark.parametrize("text, expected", [
    ("The wounded officer was flown to Aden for surgery and is out of danger.", []),
    ("The army flew 200 troops to Aden on Monday.", [["army"]]),
], ids=["flown-for-surgery", "troops-flown"])
def test_a_wounded_man_flown_for_surgery_is_no_deployment(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "MOBILIZE")] == expected


def test_the_next_day_after_a_day_a_statement_was_made_is_the_day_after_it(extract):
    events = extract("Senegal's foreign ministry said on Sunday it had set up a crisis cell. The foreign minister "
                     "discussed the case by telephone with his Malian counterpart the next day.")  # (2024-03-06)
    call = of_type(events, "CONSULT")[0]
    assert (call.date.start[:10], call.date.end[:10]) == ("2024-03-04", "2024-03-04")


@pytest.mark.parametrize("text, expected", [
    ("Two guards have been charged with murder.", []),
    ("The man was convicted of murder on Monday.", []),
    ("Gunmen committed a murder in the town on Monday.", [["Gunmen"]]),
], ids=["charged-with", "convicted-of", "a-murder-told"])
def test_what_someone_is_charged_with_is_a_charge_not_an_attack_told(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT")] == expected


def test_the_one_charged_after_shooting_is_the_one_who_shot(extract):
    events = extract("Villagers have long complained about Chinese quarrying firms. In June 2020, a Chinese mine "
                     "manager in Gweru was charged with attempted murder after shooting two employees.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "ASSAULT")] == [
        (["Chinese mine manager"], ["two employees"])]


def test_a_crowds_demand_after_its_relative_clause_is_the_crowds(extract):
    events = extract("Syrian security forces fired into the air to disperse several hundred protesters who gathered "
                     "at the gate of Russia's naval facility in Tartus on Sunday, demanding that Moscow hand over "
                     "former officials and leave the country, witnesses said.")
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(events, "REQUEST")] == [
        (["several hundred protesters"], ["Moscow"])]


@pytest.mark.parametrize("text, expected", [
    ('Malema said the party would "shut down this embassy" if the order stayed.', [(["Malema"], ["embassy"])]),
    ("The union's president said GUTA would close foreign-owned shops in Kumasi next week unless the government "
     "acted.", [(["union's president"], ["foreign-owned shops"])]),
    ("The embassy said it would stay closed unless security improved.", []),
], ids=["shut-down-the-embassy", "close-shops", "stay-closed"])
def test_shutting_or_closing_what_others_run_unless_a_demand_is_met_threatens(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in of_type(extract(text), "THREATEN")] == expected


BETWEEN = ("The vehicle was carrying food to a shelter. The agency has worked in the area since 2019. About 2,000 "
           "people live at the shelter. Most of them arrived last year. ")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen fired on a UN vehicle near the border on Monday. " + BETWEEN + "A lawmaker said on Wednesday the "
     "shooting showed the government had lost control of the roads.", 1),
    ("Gunmen ambushed a UN convoy near the border on Monday. " + BETWEEN + "The group's spokesman said on Wednesday "
     "the ambush was the work of criminal gangs.", 1),
    (BETWEEN + "A lawmaker said on Wednesday the shooting showed the government had lost control of the roads.", 1),
    ("Gunmen fired on a UN vehicle near the border on Monday. " + BETWEEN + "A lawmaker said on Wednesday the "
     "shooting would show the government had lost control of the roads.", 2),
], ids=["showed", "the-work-of", "none-told-before", "a-shooting-to-come"])
def test_an_attack_told_before_and_judged_in_speech_is_one_attack(extract, text, expected):
    assert len(of_type(extract(text), "ASSAULT")) == expected


def test_an_attack_judged_abroad_stays_where_it_happened(extract):
    events = extract("JUBA, Jan 22 (Wire) - Gunmen fired on a UN vehicle on Monday, wounding a driver. " + BETWEEN
                     + "In London, a Foreign Office minister said on Wednesday the shooting was the work of criminal "
                       "gangs.")
    assert [e.location.country for e in of_type(events, "ASSAULT")] == ["SSD"]


@pytest.mark.parametrize("text, expected", [
    ("Police said on Monday they had arrested a 30-year-old man who allegedly posted a video on Facebook threatening "
     "to burn down the French embassy in Dakar unless the ambassador apologised.", [["30-year-old man"]]),
    ("Police said on Monday they had arrested a 19-year-old student who allegedly posted a message on Telegram "
     "threatening to bomb the Israeli embassy in Astana unless the ambassador left.", [["19-year-old student"]]),
], ids=["on-facebook", "a-message-on-telegram"])
def test_a_threat_posted_on_a_platform_is_the_posters(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "THREATEN")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Its secretary said farmers would begin a sit-in outside the district secretariat next week if the government "
     "did not raise its compensation offer.", [("THREATEN", ["Its secretary"], False), ("PROTEST", ["farmers"], True)]),
    ("The union said drivers would block the highways from Monday unless the fuel price rise was reversed.",
     [("THREATEN", ["union"], False), ("PROTEST", ["drivers"], True)]),
    ("Speaking in parliament on Tuesday, Khan warned that the move would fuel more unrest in Kashmir.", []),
    ("The Houthis said their fighters would march on Marib unless the government stepped down.",
     [("THREATEN", ["Houthis"], False), ("ASSAULT", ["Houthis"], True)]),
], ids=["sit-in", "blockade", "unrest-foreseen", "rebels-march"])
def test_a_protest_threatened_unless_a_demand_is_met_is_a_threat_and_what_may_come(extract, text, expected):
    events = [e for e in extract(text) if e.type in ("THREATEN", "PROTEST", "ASSAULT")]
    assert [(e.type, texts(e.actors), e.hypothetical) for e in events] == expected


@pytest.mark.parametrize("text, kind, expected", [
    ("Two men on a motorcycle tried to force the white pickup to stop on the highway on Monday afternoon and opened "
     "fire when the driver sped away, the agency said in a statement.", "ASSAULT", ["Two men"]),
    ("Police in the canton said officers used tear gas to restore order and detained 14 men on suspicion of damaging "
     "property.", "COERCE", ["officers"]),
    ("Its foreign ministry denied that they had tried to seize anyone and accused Benin of arresting them.", "ACCUSE",
     ["Its foreign ministry"]),
], ids=["tried-to-force-and-opened-fire", "used-to-restore-and-detained", "had-tried-and-accused"])
def test_a_past_act_joined_to_an_infinitive_is_the_one_who_tried(extract, text, kind, expected):
    assert [texts(e.actors) for e in of_type(extract(text), kind) if not e.negated][:1] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The interior minister told reporters on Tuesday that police would escort aid convoys on the route and that 150 "
     "soldiers had been sent to reinforce patrols along the border.", ["interior minister"]),
    ("The gendarmerie said it had sent more than 150 men, backed by a helicopter, to search the area.",
     ["gendarmerie"]),
    ("The army said it had sent troops by sea to reinforce posts on the peninsula.", ["army"]),
    ("Marines were sent to reinforce security at the embassy, the Pentagon said.", []),  # its guard (PROTECT)
    ("The company said it had sent 20 men to repair the pipeline.", []),  # no force
], ids=["told-sent-to-reinforce-patrols", "sent-men", "reinforce-posts", "reinforce-embassy", "workers-sent"])
def test_forces_sent_to_add_to_forces_are_a_deployment_by_whoever_tells_of_it(extract, text, expected):
    assert [a for e in of_type(extract(text), "MOBILIZE") for a in texts(e.actors)][:1] == expected[:1]


@pytest.mark.parametrize("text, expected", [
    ("A refugee leader, who asked not to be named, denied that anyone had thrown stones.", [["refugee leader"]]),
    ("The spokesman denied that anyone had fired at the convoy.", [["spokesman"]]),
    ("Police said that anyone who throws stones at the embassy will be arrested.", []),
], ids=["denied-anyone-threw", "denied-anyone-fired", "anyone-who-throws"])
def test_denying_that_anyone_did_it_denies_an_attack_for_the_side_blamed(extract, text, expected):
    assert [texts(e.actors) for e in of_type(extract(text), "ASSAULT") if e.negated] == expected


@pytest.mark.parametrize("text, expected", [
    ('The man said the embassy would "burn to the ground before the end of the month" if the ambassador did not '
     'apologise.', [["embassy"]]),
    ("The group said it would burn the embassy if the ambassador stayed.", [["embassy"]]),
], ids=["would-burn-to-the-ground", "would-burn-the-embassy"])
def test_what_a_threat_says_would_burn_is_what_it_threatens(extract, text, expected):
    assert [texts(e.recipients) for e in of_type(extract(text), "THREATEN")] == expected
