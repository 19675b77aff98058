"""Protective and institutional acts (issue 16, pattern 3): short texts through the whole extractor."""

from __future__ import annotations

import pytest

from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2023-12-10")


def protections(events):
    return [e for e in events if e.type == "PROTECT"]


def texts(parties):
    return [p.text for p in parties]


def test_a_prime_minister_ordering_a_brigade_replaced_at_a_protected_zone_protects_the_zone(extract):
    events = extract("BAGHDAD - Iraqi Prime Minister Mohammed Shia al-Sudani on Saturday ordered that the army "
                     "brigade responsible for security in Baghdad's Green Zone be replaced by a unit of the "
                     "Counter-Terrorism Service.")
    [order] = protections(events)
    assert texts(order.actors) == ["Mohammed Shia al-Sudani"]
    assert texts(order.recipients) == ["Green Zone"]
    assert (order.mode, order.negated, order.hypothetical) == (["order"], False, False)
    assert order.location.country == "IRQ"
    assert order.date.start[:10] == "2023-12-09"


def test_a_commander_replaced_is_no_protective_act(extract):
    assert not protections(extract("The commander of the brigade was replaced on Saturday."))


def test_reinforcements_deployed_around_an_embassy_guard_it_and_the_missions(extract):
    events = extract("BEIRUT - The Lebanese army said on Tuesday it had deployed reinforcements around the embassy "
                     "and other diplomatic missions.")
    [guard] = protections(events)
    assert texts(guard.actors) == ["Lebanese army"]
    assert texts(guard.recipients) == ["embassy", "other diplomatic missions"]
    assert guard.mode == ["guard"]
    assert (guard.location.text, guard.location.country) == ("embassy", "LBN")


def test_troops_sent_to_an_embassy_as_reinforcements_guard_it_there(extract):
    events = extract("The government sent troops to the French embassy as reinforcements on Sunday.")
    [guard] = protections(events)
    assert (texts(guard.actors), texts(guard.recipients)) == (["government"], ["French embassy"])
    assert guard.location.text == "French embassy"


def test_units_deployed_to_guard_embassies_guard_them_it_is_no_plan(extract):
    events = extract("The interior ministry said on Tuesday it had deployed additional police units to guard "
                     "foreign embassies.")
    [guard] = protections(events)
    assert (texts(guard.actors), texts(guard.recipients)) == (["interior ministry"], ["foreign embassies"])
    assert not guard.hypothetical


def test_tightened_security_around_embassies_protects_the_embassies(extract):
    events = extract("Police tightened security around embassies in Baghdad on Monday.")
    [measure] = protections(events)
    assert (texts(measure.actors), texts(measure.recipients)) == (["Police"], ["embassies"])
    assert measure.location.country == "IRQ"


def test_an_order_to_protect_the_missions_is_the_orderers_and_the_ordered_receive_it(extract):
    events = extract("The prime minister ordered the interior ministry to protect diplomatic missions.")
    [order] = protections(events)
    assert (texts(order.actors), texts(order.recipients), order.mode) == (
        ["prime minister"], ["interior ministry"], ["order"])


def test_roads_closed_around_an_embassy_cordon_it_and_a_closed_embassy_is_no_cordon(extract):
    [cordon] = protections(extract("Police closed the roads around the US embassy on Friday."))
    assert (texts(cordon.actors), texts(cordon.recipients), cordon.mode) == (["Police"], ["US embassy"], ["cordon"])
    assert not protections(extract("The government closed its embassy in Kabul."))


def test_staff_flown_out_or_moved_for_their_safety_are_evacuated(extract):
    flown = protections(extract("US special forces flew American diplomats out of Khartoum on Saturday night."))
    moved = protections(extract("The Netherlands said it had moved its embassy staff to another location for their "
                                "safety."))
    assert [(texts(e.actors), e.mode) for e in flown + moved] == [
        (["US special forces"], ["evacuate"]), (["Netherlands"], ["evacuate"])]
    assert not protections(extract("The company moved its staff to a new office."))


def test_a_cordon_placed_around_an_embassy_is_a_cordon(extract):
    [cordon] = protections(extract("Iraqi forces have placed a cordon around the embassy building."))
    assert (texts(cordon.actors), cordon.mode) == (["Iraqi forces"], ["cordon"])


def test_units_taking_over_from_those_guarding_a_site_protect_the_site(extract):
    [swap] = protections(extract("Army units replaced the police guarding the embassy on Thursday."))
    assert (texts(swap.actors), texts(swap.recipients)) == (["Army units"], ["embassy"])
    [handover] = protections(extract("The army took over security of the Green Zone from the federal police on "
                                     "Thursday."))
    assert (texts(handover.actors), texts(handover.recipients)) == (["army"], ["Green Zone"])
    for text in ("The new coach replaced the old coach on Thursday.", "The company took over the factory on Monday.",
                 "The brigade was replaced on Saturday."):
        assert protections(extract(text)) == [], text


@pytest.mark.parametrize("text, defender", [
    ("U.S. forces downed two of them, but a third crashed into the base.", ["U.S. forces"]),
    ("Air defences had shot down or electronically suppressed most of them.", ["Air defences"]),
    ("U.S. Patriot batteries at the base launched interceptors at the incoming missiles.", ["U.S. Patriot batteries"]),
], ids=["forces-downed-them", "air-defences-shot-down", "launched-interceptors"])
def test_defences_bringing_down_what_was_fired_protect_and_attack_no_one(extract, text, defender):
    events = extract(text)
    assert [(e.type, texts(e.actors), e.mode) for e in events] == [("PROTECT", defender, ["counter-drone"])]


def test_shooting_down_an_aircraft_or_people_stays_an_attack(extract):
    for text in ("Rebels shot down a government helicopter.", "Gunmen shot down two policemen in the street."):
        assert [e.type for e in extract(text)] == ["ASSAULT"], text


def test_staff_moved_into_a_shelter_are_protected(extract):
    [moved] = protections(extract("The embassy had moved its staff into a basement shelter."))
    assert (texts(moved.actors), moved.mode) == (["embassy"], ["evacuate"])


def test_a_protective_measure_no_one_takes_is_no_event_but_a_downed_drone_is(extract):
    assert protections(extract("Sudani said his government was committed to protecting foreign missions.")) == []
    [downed] = protections(extract("A drone was shot down before it reached the base."))
    assert (downed.actors, downed.mode) == ([], ["counter-drone"])


def test_staff_flown_out_and_forces_brought_in_to_guard_are_two_measures(extract):
    events = protections(extract("The U.S. military flew non-essential staff out of the American embassy and brought "
                                 "in additional forces to guard the compound."))
    assert sorted((e.mode, texts(e.recipients), e.hypothetical) for e in events) == [
        (["evacuate"], ["non-essential staff"], False), (["guard"], ["compound"], False)]
    [flown] = protections(extract("U.S. special forces flew the embassy's staff to safety by helicopter."))
    assert flown.mode == ["evacuate"]


def test_guards_posted_around_embassies_protect_the_embassies(extract):
    [guard] = protections(extract("Taliban police posted additional guards and armoured vehicles around embassies in "
                                  "the diplomatic quarter."))
    assert (texts(guard.actors), texts(guard.recipients)) == (["Taliban police"], ["embassies"])  # "posted" is
    # no social-media post the embassies were named in


@pytest.mark.parametrize("text, protected", [
    ("US special forces flew American diplomats out of Khartoum on Saturday night.", ["American diplomats"]),
    ("The embassy told its staff to shelter in place.", ["its staff"]),
    ("UN staff were ordered to remain in bunkers overnight, a UN official said.", ["UN staff"]),
    ("The world body was relocating about 40 aid staff from Dikwa.", ["about 40 aid staff"]),
])
def test_the_people_flown_out_or_told_to_take_cover_are_the_ones_protected(extract, text, protected):
    [measure] = protections(extract(text))
    assert texts(measure.recipients) == protected


@pytest.mark.parametrize("text, protected", [
    ("The Pentagon said it was sending Marines to reinforce security at the embassy.", ["embassy"]),
    ("Police cordoned off the hotel and the surrounding roads overnight.", ["hotel", "surrounding roads"]),
    ("Iraqi security forces set up extra checkpoints overnight on the bridges.", ["bridges"]),
    ("Police had stepped up patrols in Lamu and along the border with Somalia.", ["Lamu", "border"]),
    ("EUFOR said it had stepped up patrols around Sarajevo as a precaution.", ["Sarajevo"]),
    ("KFOR said it had stepped up patrols across the north.", ["north"]),
])
def test_the_site_or_place_a_measure_covers_is_what_it_protects(extract, text, protected):
    [measure] = protections(extract(text))
    assert texts(measure.recipients) == protected


@pytest.mark.parametrize("text, actors, protected", [
    ("Police have since posted additional officers and an armoured vehicle outside the embassy.", ["Police"],
     ["embassy"]),
    ("Security was stepped up around embassies on Wednesday, with additional police checkpoints.", ["police"],
     ["embassies"]),
    ("The ministry said it had ordered round-the-clock police guards at a dozen embassies.", ["ministry"],
     ["dozen embassies"]),
    ("Pakistan flew about 150 of its medical students home on Wednesday.", ["Pakistan"], ["its medical students"]),
    ("Armoured vehicles and extra units of the National Guard stood outside the French embassy.",
     ["extra units of the National Guard"], ["French embassy"]),
    ("UNMISS started daily patrols on the Bor-Pibor road on Monday.", ["UNMISS"], ["Bor-Pibor road"]),
    ("Armed troops now stand guard outside churches and the main hotels.", ["Armed troops"],
     ["churches", "main hotels"]),
    ("The governor said troops had been sent to secure the road between Bamenda and Batibo.", ["troops"], ["road"]),
    ("Police placed a unit of riot officers outside the consulate on Tuesday.", ["Police"], ["consulate"]),
    ("Riot police set up metal barriers in front of the embassy gate.", ["Riot police"], ["embassy gate"]),
    ("Police have since placed concrete blocks at the embassy entrance.", ["Police"], ["embassy entrance"]),
])
def test_guards_posted_ordered_or_standing_at_missions_and_people_flown_home_are_protected(extract, text, actors,
                                                                                            protected):
    [measure] = protections(extract(text))
    assert (texts(measure.actors), texts(measure.recipients)) == (actors, protected)


def test_protesters_standing_outside_an_embassy_protect_nothing(extract):
    assert not protections(extract("Protesters stood outside the embassy."))


@pytest.mark.parametrize("text, guards", [
    ("Police have been posted outside the high commission around the clock since Tuesday night.", ["Police"]),
    ("Officers were later posted at the immigration office where the refugees spent the night.", ["Officers"]),
    ("Troops were posted at the checkpoint.", ["Troops"]),
], ids=["high-commission", "immigration-office", "checkpoint"])
def test_forces_posted_at_or_outside_a_site_guard_it(extract, text, guards):
    [guard] = protections(extract(text))
    assert texts(guard.actors) == guards and "guard" in guard.mode


@pytest.mark.parametrize("text, expected", [
    ("WFP said it had moved some of its international staff from Sittwe to Yangon as a precaution.", ["WFP"]),
    ("The European Union said it had temporarily moved all of its staff out of Port-au-Prince.", ["European Union"]),
    ("Officials said more than 100,000 people had been moved out of villages to temporary shelters.", ["Officials"]),
    ("The company moved its staff to a new office.", None),  # a move, no protection
], ids=["some-of-its-staff", "all-of-its-staff-out", "people-to-shelters", "new-office"])
def test_staff_or_villagers_moved_out_of_danger_are_evacuated(extract, text, expected):
    found = [texts(e.actors) for e in protections(extract(text)) if "evacuate" in e.mode]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize("text, expected", [
    ("About 200 officers were deployed around the building.", [("PROTECT", ["building"])]),
    ("Soldiers had been deployed around the embassy and the homes of Rwandan diplomats.",
     [("PROTECT", ["embassy", "homes"])]),
    ("The army deployed troops to the border.", [("MOBILIZE", [])]),
], ids=["around-the-building", "embassy-and-homes", "to-the-border"])
def test_forces_deployed_around_a_building_guard_it_and_to_a_border_are_mobilised(extract, text, expected):
    found = [(e.type, texts(e.recipients)) for e in extract(text) if e.type in ("PROTECT", "MOBILIZE")]
    assert found == expected


@pytest.mark.parametrize("text, actors, protected", [
    ("The interior ministry said security had been tightened at all Kenyan missions in the country.",
     ["interior ministry"], ["Kenyan missions"]),
    ("Ghana's foreign ministry condemned the break-in and said security had been stepped up around the embassy.",
     ["Ghana's foreign ministry"], ["embassy"]),
    ("Kenya's interior ministry announced three arrests. It said security had been increased around all foreign "
     "missions.", ["Kenya's interior ministry"], ["foreign missions"]),
    ("Kenya's interior ministry announced three arrests, the news agency KNA reported. In a later statement, it said "
     "security had been increased around all foreign missions.", ["Kenya's interior ministry"], ["foreign missions"]),
    ("In a statement, it said the guard at the consulate had been doubled.", None, None),
    ("Witnesses said security had been stepped up around the embassy.", [], ["embassy"]),
], ids=["ministry-said", "joined-said", "it-said", "in-a-statement-it-said", "it-unnamed", "witnesses"])
def test_a_tightening_said_by_a_government_or_force_is_its_own(extract, text, actors, protected):
    # (told by witnesses, security stepped up is still a measure, by no one the story names: not the witnesses')
    found = [(texts(e.actors), texts(e.recipients)) for e in protections(extract(text))]
    assert found == ([(actors, protected)] if actors is not None else [])


@pytest.mark.parametrize("text, actors, protected", [
    ("The ministry said it had ordered tighter security at all Nigerian diplomatic premises.", ["ministry"],
     ["Nigerian diplomatic premises"]),
    ("The ministry said the guard at the embassy had been doubled.", ["ministry"], ["embassy"]),
    ("Extra police patrols were deployed around the embassies on Friday.", ["police"], ["embassies"]),
    ("Police have kept patrols and two armoured vehicles outside the embassy since May.", ["Police"], ["embassy"]),
    ("Riot police took up positions outside the embassy.", ["Riot police"], ["embassy"]),
    ("The base said it had raised its force protection level.", ["base"], []),
], ids=["ordered-tighter", "guard-doubled", "patrols-deployed", "kept-outside", "positions", "force-protection"])
def test_security_ordered_doubled_kept_or_raised_at_a_site_protects_it(extract, text, actors, protected):
    [measure] = protections(extract(text))
    assert (texts(measure.actors), texts(measure.recipients)) == (actors, protected)


@pytest.mark.parametrize("text", [
    "The rebels took up positions around the town.",
    "France keeps around 1,500 troops in the country.",
    "The embassy raised its security alert for the city.",
    "The central bank raised the level of its reserves.",
], ids=["rebels-positions", "keeps-troops", "alert", "reserves"])
def test_positions_troops_kept_and_levels_raised_elsewhere_protect_nothing(extract, text):
    assert not protections(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("The base also confined its personnel to base overnight.", [(["base"], ["its personnel"])]),
    ("He was confined to his home.", []),
], ids=["personnel", "house-arrest"])
def test_personnel_confined_to_base_are_protected(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in protections(extract(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("The army said troops would escort aid convoys from the regional capital from now on.",
     [(["troops", "army"], False)]),
    ("Soldiers will patrol the road and escort convoys until deliveries resume, the ministry said.",
     [(["Soldiers", "ministry"], False)]),
    ("Police would guard the embassy if the protests resumed, the ministry said.", []),
], ids=["would-escort", "will-patrol-and-escort", "on-a-condition"])
def test_a_measure_announced_as_what_will_be_done_is_taken_unless_it_hangs_on_a_condition(extract, text, expected):
    assert [(texts(e.actors), e.hypothetical) for e in protections(extract(text))] == expected


@pytest.mark.parametrize("text", [
    "The U.N. has paused its convoys to the river settlements pending a security review.",
    "The mission said it had suspended all road movements by its staff west of the capital.",
], ids=["convoys-paused", "movements-suspended"])
def test_convoys_paused_or_staff_movements_suspended_protect_those_who_would_travel(extract, text):
    [measure] = protections(extract(text))
    assert measure.mode == ["order"] and measure.actors


@pytest.mark.parametrize("text, actor", [
    ("The WFP said it had suspended road deliveries in the district until further notice.", "WFP"),
    ("The charity suspended all its work in the province after the killing.", "charity"),
    ("The agency had paused food distributions in the city until the safety of its staff was assured.", "agency"),
], ids=["deliveries", "work", "distributions-paused"])
def test_an_agency_suspending_its_deliveries_or_work_withdraws_from_the_area(extract, text, actor):
    events = extract(text)
    assert not protections(events)
    assert [(e.type, texts(e.actors)) for e in events] == [("RETREAT", [actor])]


@pytest.mark.parametrize("text, actors", [
    ("City police said a reinforced guard would remain outside the embassy for the rest of the week.",
     ["reinforced guard", "City police"]),
    ("Riot police formed a line in front of the embassy gate.", ["Riot police"]),
    ("The military administration said it had assigned anti-drone teams to accompany aid convoys.",
     ["military administration"]),
    ("The air base wing told its personnel to stay on base until further notice.", ["air base wing"]),
    ("The governor sent soldiers and police to take up positions around the base.", ["governor"]),
], ids=["guard-remains", "line-formed", "teams-assigned", "stay-on-base", "sent-to-positions"])
def test_guards_that_remain_lines_formed_escorts_assigned_and_staff_kept_on_base_protect(extract, text, actors):
    assert [texts(e.actors) for e in protections(extract(text))] == [actors]


@pytest.mark.parametrize("text, actors, mode", [
    ("Officers have kept watch outside the High Commission around the clock since Monday.", ["Officers"], "guard"),
    ("The government said police officers would now travel with every vaccination team.",
     ["police officers", "government"], "escort"),
    ("El Salvador will put soldiers on every humanitarian convoy heading to the coast.", ["El Salvador"], "escort"),
], ids=["kept-watch", "travel-with-teams", "will-put-soldiers-on-convoys"])
def test_forces_keeping_watch_travelling_with_teams_or_put_on_convoys_protect(extract, text, actors, mode):
    assert [(texts(e.actors), e.mode, e.hypothetical) for e in protections(extract(text))] == [(actors, [mode], False)]


@pytest.mark.parametrize("text", [
    "The tourists will travel with a guide to the border.",
    "The students kept watch over the camp.",
    "The singer will put on a show at the embassy.",
], ids=["tourists-travel", "students-watch", "put-on-a-show"])
def test_travelling_with_keeping_watch_or_putting_on_by_others_protects_nothing(extract, text):
    assert not protections(extract(text))


@pytest.mark.parametrize("text", [
    "The minister would remain at the embassy until Friday.",
    "The students formed a line outside the embassy.",
], ids=["minister-remains", "students-line"])
def test_a_minister_remaining_or_students_in_line_protect_nothing(extract, text):
    assert not protections(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Police sealed off the roads around the site and set up additional checkpoints near the embassies.",
     [(["Police"], ["roads", "site", "embassies"])]),
    ("Police have placed barriers outside the embassy and stepped up patrols in the area.",
     [(["Police"], ["embassy", "area"])]),
], ids=["sealed-and-checkpoints", "barriers-and-patrols"])
def test_one_forces_measures_in_one_sentence_are_one_record(extract, text, expected):
    assert [(texts(e.actors), texts(e.recipients)) for e in protections(extract(text))] == expected


@pytest.mark.parametrize("text", [
    "Police put up metal fences around the embassy on Saturday night.",
    "Police erected barricades outside the embassy.",
])
def test_fences_and_barricades_put_up_around_a_mission_guard_it(extract, text):
    assert [(e.type, e.mode, [a.text for a in e.actors]) for e in extract(text)] == [
        ("PROTECT", ["cordon"], ["Police"])]


@pytest.mark.parametrize("text", [
    "The officer, a corporal from the police unit that protects diplomatic missions, was stabbed twice.",
    "Around 10,000 peacekeepers serve with UNIFIL, which patrols the strip between the Litani river and the border.",
    "The Secret Service, whose Uniformed Division protects foreign missions in the capital, said it was investigating.",
], ids=["unit-that-protects", "which-patrols", "whose-division-protects"])
def test_what_a_unit_does_as_a_rule_protects_nothing_today(extract, text):
    assert not protections(extract(text))


@pytest.mark.parametrize("text", [
    'The European Union, which funds the programme, said on Sunday that attacks on aid workers were "unacceptable".',
    "The air base near Azraq, which hosts U.S. and other coalition forces, was not hit.",
    "Egypt hosts about half a million Sudanese who have crossed the border since the war began.",
], ids=["which-funds", "which-hosts", "hosts-refugees"])
def test_funding_or_hosting_as_a_rule_is_no_aid_and_no_meeting(extract, text):
    assert [e.type for e in extract(text) if e.type in ("AID", "SUPPORT", "CONSULT")] == []


def test_a_party_that_funds_aid_on_a_given_day_still_aids(extract):
    assert [e.type for e in extract("The European Union on Sunday funded a new programme for the camp.")
            if e.type == "AID"] == ["AID"]


def test_a_second_act_joined_to_a_participle_is_the_subjects_not_the_nouns(extract):
    measures = protections(extract("Police have since closed the street leading to the embassy to pedestrians and set "
                                   "up checkpoints at both ends, residents said."))
    assert {a for m in measures for a in texts(m.actors)} == {"Police"}


@pytest.mark.parametrize("text, actors", [
    ("The defence ministry said soldiers would escort humanitarian convoys in the province.",
     ["soldiers", "defence ministry"]),
    ("Officers were posted outside the embassy, a police spokesman said.", ["police", "Officers"]),  # (his force,
    # not the spokesman)
    ("Indian soldiers at the camp brought the drone down with a jammer, police said.", ["Indian soldiers"]),
], ids=["ministry-says-soldiers", "spokesman-is-no-force", "force-named"])
def test_the_body_that_says_its_unnamed_forces_guard_is_an_actor_too(extract, text, actors):
    assert [texts(e.actors) for e in protections(extract(text))] == [actors]


@pytest.mark.parametrize("text, actor, mode", [
    ("Police kept several riot police units stationed around the embassy.", "Police", ["guard"]),
    ("The police agency said it would keep riot police units stationed around the embassy.", "police agency",
     ["guard"]),
    ("Police reinforced the cordon around the embassy overnight.", "Police", ["cordon"]),
], ids=["units-kept-stationed", "said-it-would-keep", "cordon-reinforced"])
def test_forces_kept_stationed_and_a_cordon_reinforced_guard_the_mission(extract, text, actor, mode):
    [measure] = protections(extract(text))
    assert (texts(measure.actors), measure.mode, measure.hypothetical) == ([actor], mode, False)


@pytest.mark.parametrize("text, actor", [
    ("The Guinean Red Cross suspended safe burials in part of the region on Friday.", "Guinean Red Cross"),
    ("UNHCR has put the repatriation movements on hold.", "UNHCR"),
    ("The charity said it had closed its six clinics in Kandahar and Helmand provinces.", "charity"),
], ids=["red-cross-burials", "put-on-hold", "clinics-closed"])
def test_an_aid_body_halting_or_closing_its_work_withdraws(extract, text, actor):
    assert [(e.type, e.mode, texts(e.actors)) for e in extract(text)] == [("RETREAT", ["withdraw"], [actor])]


def test_a_consulate_closing_its_doors_is_no_withdrawal_of_aid(extract):
    assert not [e for e in extract("The consulate closed its visa office on Friday.") if e.type == "RETREAT"]


@pytest.mark.parametrize("text, actor", [
    ("Bahraini bomb disposal experts defused a homemade explosive device left in a rubbish bin on Sunday.",
     "Bahraini bomb disposal experts"),
    ("The bomb was defused by the army.", "army"),
], ids=["experts-defused", "defused-by"])
def test_a_bomb_defused_is_a_protective_act_of_whoever_defused_it(extract, text, actor):
    assert [(e.type, texts(e.actors)) for e in protections(extract(text))] == [("PROTECT", [actor])]


@pytest.mark.parametrize("text, expected", [
    ("The interior ministry said it had sent extra units of the General Security service to escort humanitarian "
     "convoys on the highway.", ["PROTECT"]),
    ("The army sent reinforcements to the area on Sunday.", ["MOBILIZE"]),
], ids=["sent-to-escort", "sent-to-the-area"])
def test_forces_sent_to_escort_protect_and_forces_sent_to_an_area_deploy(extract, text, expected):
    assert [e.type for e in extract(text) if e.type in ("PROTECT", "MOBILIZE")] == expected


@pytest.mark.parametrize("text, expected", [
    ("The charity suspended all of its work in Gaza on Monday.", [("RETREAT", ["charity"])]),
    ("The European Union Mission in Armenia suspended patrols along that stretch of the border on Thursday.",
     [("RETREAT", ["European Union Mission"])]),
    ("The Syrian Arab Red Crescent said it had suspended its field missions in the area.",
     [("RETREAT", ["Syrian Arab Red Crescent"])]),
    ("UNHCR said on Tuesday it was appalled by the attack and had suspended visits to shelters in the city.",
     [("RETREAT", ["UNHCR"])]),
    ("The WFP said the trucks had been hired from a private company. It has suspended deliveries along the route.",
     [("RETREAT", ["WFP"])]),
    ("UNICEF suspended all staff movements in the province.", [("PROTECT", ["UNICEF"])]),
    ("The French forces suspended off-duty trips into the city until further notice.",
     [("PROTECT", ["French forces"])]),
], ids=["all-of-its-work", "monitors-patrols", "red-crescent-missions", "it-of-a-passive-said", "it-told-before",
        "staff-movements", "troops-trips"])
def test_an_aid_body_or_mission_halting_its_missions_withdraws_and_halting_staff_movements_protects(
        extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type in ("RETREAT", "PROTECT")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Honduras sent 150 police officers to the northern city of Choloma on Wednesday.",
     [("MOBILIZE", ["Honduras"])]),
    ("Argentina's security ministry said it would send 300 more federal police and gendarmes to Rosario.",
     [("MOBILIZE", ["Argentina's security ministry"])]),
    ("Police sent 50 officers to the embassy on Friday.", [("PROTECT", ["Police"])]),
], ids=["police-to-a-city", "announced", "officers-to-the-embassy"])
def test_police_sent_to_a_city_are_a_deployment_and_to_an_embassy_guard_it(extract, text, expected):
    assert [(e.type, texts(e.actors)) for e in extract(text) if e.type in ("MOBILIZE", "PROTECT")] == expected
    assert not [e for e in extract(text) if e.hypothetical]


@pytest.mark.parametrize("text, actors, recipients", [
    ("The interior minister said on Tuesday that the number of police guarding the embassy had been doubled.",
     ["interior minister"], ["embassy"]),
    ("The prime minister replaced the police unit guarding foreign missions in Basra with an army detachment.",
     ["prime minister"], None),
    ("The security ministry said the 150 officers would set up checkpoints at the entrances to the district and "
     "escort the staff of the charity.", ["150 officers", "security ministry"], None),
], ids=["guard-doubled", "unit-replaced-with-detachment", "ministry-saying-its-officers-escort"])
def test_a_guard_doubled_or_replaced_protects_and_the_ministry_telling_of_its_officers_is_their_actor(
        extract, text, actors, recipients):
    measures = protections(extract(text))
    assert measures and texts(measures[-1].actors) == actors
    if recipients is not None:
        assert texts(measures[-1].recipients) == recipients


@pytest.mark.parametrize("text, expected", [
    ("Colombia closed its consulate in the Venezuelan city of Maracaibo on Monday.", ("RETREAT", ["withdraw"])),
    ("China closed its embassy in Quito to the public on Wednesday.", ("ADVISORY", ["raise"])),
    ("The embassy closed its consular section on Thursday.", ("ADVISORY", ["raise"])),
], ids=["state-closes-its-consulate", "closed-to-the-public", "section-closed"])
def test_a_state_closing_its_consulate_withdraws_and_one_closed_to_the_public_is_a_posture(extract, text, expected):
    assert [(e.type, e.mode) for e in extract(text) if e.type in ("RETREAT", "ADVISORY")] == [expected]


def test_a_consul_general_recalled_is_a_diplomatic_withdrawal(extract):
    [recall] = [e for e in extract("Kuwait recalled its consul general in Basra for consultations on Saturday.")
                if e.type == "SANCTION"]
    assert (texts(recall.actors), recall.mode) == (["Kuwait"], ["withdraw"])


@pytest.mark.parametrize("text, modes", [
    ("Officers cordoned off several blocks around the consulate and evacuated nearby offices for six hours.",
     {"cordon", "evacuate"}),
    ("Police said armed officers had been posted at the embassies and that checkpoints had been set up on the roads "
     "leading to them.", {"guard", "checkpoint"}),
], ids=["cordon-and-evacuate", "posted-and-checkpoints"])
def test_police_sealing_off_an_area_and_clearing_it_take_one_measure(extract, text, modes):
    [measure] = protections(extract(text))
    assert set(measure.mode) == modes


def test_staff_flown_out_and_forces_brought_in_stay_two_measures(extract):
    events = protections(extract("The embassy flew its staff out of the capital on Friday and the army deployed "
                                 "troops around the compound."))
    assert len(events) == 2


def test_a_team_called_in_that_defused_the_bomb_protects_and_a_prefect_announcing_escorts_is_their_actor(extract):
    events = protections(extract("Police closed the road and called in an army bomb disposal team, which defused "
                                 "the bomb about two hours later."))
    assert [texts(e.actors) for e in events] == [["Police"], ["army bomb disposal team"]]
    [escort] = protections(extract("The prefect sent two extra companies of riot police to the area on Wednesday "
                                   "night and said officers would escort aid groups' vehicles into the camp."))
    assert texts(escort.actors) == ["officers", "prefect"]


@pytest.mark.parametrize("text, actors", [
    ("An army spokesman said troops had been deployed along the road and would escort aid convoys from now on.",
     ["troops", "army spokesman"]),
    ("The minister said 400 police officers had been sent to clear the road and would escort aid convoys.",
     ["400 police officers", "minister"]),
], ids=["spokesman", "minister"])
def test_the_one_announcing_that_forces_sent_will_escort_takes_the_measure(extract, text, actors):
    assert [texts(e.actors) for e in protections(extract(text)) if e.mode == ["escort"]] == [actors]
