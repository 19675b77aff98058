"""The entity ruler by lookup (model.ExactEntityRuler) finds what spaCy's own entity ruler finds, ids included."""

from __future__ import annotations

from pathlib import Path

from spacy.pipeline import EntityRuler

from legation.extract.model import ExactEntityRuler, load_nlp, read_entity_patterns

GOLDEN = Path(__file__).parent / "golden"


def entities(doc):
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def test_lookup_ruler_gives_spacys_matches_and_entities_on_every_golden_article():
    nlp = load_nlp()
    mine = nlp.get_pipe("legation_entities")
    assert isinstance(mine, ExactEntityRuler)
    theirs = EntityRuler(nlp, "reference", overwrite_ents=True, phrase_matcher_attr="ORTH")
    theirs.add_patterns(read_entity_patterns())
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))]
    texts.append("Kataib Hezbollah and KATAIB HEZBOLLAH; the Islamic Resistance in Iraq said the Islamic Resistance.")
    found = 0
    with nlp.select_pipes(disable=["legation_entities"]):
        for doc in nlp.pipe(texts):
            assert mine.match(doc) == theirs.match(doc)
            assert entities(mine(doc.copy())) == entities(theirs(doc.copy()))
            found += len(mine.match(doc))
    assert found > 20


def test_a_pattern_the_lookup_cannot_read_goes_through_spacys_matcher():
    nlp = load_nlp()
    ruler = ExactEntityRuler(nlp, "other", overwrite_ents=True)
    ruler.add_patterns([{"label": "ORG", "pattern": [{"LOWER": "red"}, {"LOWER": "cross", "OP": "?"}]}])
    doc = nlp.make_doc("The Red Cross came, then the red team.")
    assert [(doc[s:e].text) for _, s, e in ruler.match(doc)] == ["Red Cross", "Red", "red"]
    assert ruler._exact is False
