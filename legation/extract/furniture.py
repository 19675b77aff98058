"""Page furniture: the parts of a page that are not the report, whose sentences are never read as events.

- Blocks under a furniture heading: a paragraph of a few words without a full stop that names a list of other
  stories or the publisher's recommendations ("Related alerts", "Read more", "See also", "Advice"), up to the next
  heading that is not furniture. Their lines are links to other reports ("SYRIA: Drone attack on Conoco gas field
  base (2 Jan)") or advice, not news.
- Advice: a sentence that opens with a bare verb and has no subject ("Avoid all protests and large gatherings.",
  "Do not travel to the border area.") tells the reader what to do; it reports nothing.
- Contact and by-lines: a sentence holding an e-mail address or opening with "Contact", "Follow", "Copyright",
  "Issued ... by", "Reporting by", "Editing by"; a link to another story under an inline label ("READ MORE:
  Drone attack targets Erbil base", "RELATED: ...", "See also: ..."), to the end of its line.
- A labelled paragraph: a photo caption ("Photo: Security personnel inspect the site of a car bomb blast"), which
  shows what the report tells, and a note on the story itself ("Editor's note: An earlier version of this story
  misstated ..."), to the end of its paragraph.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

FURNITURE_HEADINGS = {
    "related", "related alerts", "related articles", "related stories", "related content", "related coverage",
    "read more", "read also", "see also", "more on this story", "more stories", "most read", "most popular",
    "you may also like", "recommended", "advice", "recommendations", "recommended actions", "what to do",
    "further reading", "external links", "tags", "share this", "share", "more from", "latest news",
    "assessment", "outlook", "forecast", "analyst comment", "our assessment",  # a vendor's own view, no report
}
BYLINE = re.compile(r"^\s*(contact|follow|copyright|©|reporting by|editing by|writing by|additional reporting|"
                    r"issued\b.*\bby\b|by [A-Z][a-z]+ [A-Z][a-z]+\s*$)", re.IGNORECASE)
# A line that is a link to another story, labelled inline ("READ MORE: Drone attack targets Erbil base").
LINK_LINE = re.compile(r"^\s*(related( stories| articles| coverage)?|read more|read also|also read|see also|more|watch|"
                       r"listen|recommended|latest|most read|top stories|in pictures|live)\s*:", re.IGNORECASE)
# A paragraph that a label opens is not the report: a photo caption ("Photo: Riot police stand in front of the
# embassy, Oct. 4."), which shows what the report tells, or a note on the story itself ("Editor's note: An earlier
# version of this story misstated the district where the suspect was arrested.").
PARAGRAPH_LABEL = re.compile(r"^\s*((file |press )?photo|picture|image|(photo |picture |image )?caption|"
                             r"editor['\u2019]?s note|correction|clarification)\s*:", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
# A wire service's note on what a new version of the story changed ("(Updates with UNICEF statement)").
UPDATE_NOTE = re.compile(r"^\s*\((updates|adds|recasts|corrects|changes|rewrites|refiles|fixes|removes|inserts|"
                         r"clarifies)\b", re.IGNORECASE)
MAX_HEADING_WORDS = 5


def _starts_paragraph(sent: Span) -> bool:
    if sent.start == 0:
        return True
    before = sent.doc[sent.start - 1]
    return before.is_space and before.text.count("\n") >= 1


def _words(sent: Span) -> list[Token]:
    return [t for t in sent if not t.is_space and not t.is_punct]


def _heading(sent: Span, words: list[Token] | None = None, text: str | None = None) -> str | None:
    """The words of a sentence that is a heading (a short paragraph of its own, no full stop), else None."""
    words = _words(sent) if words is None else words
    if not words or len(words) > MAX_HEADING_WORDS or (sent.text if text is None else text).rstrip().endswith(
            (".", "?", "!", '"', "”")):
        return None
    after = sent.doc[sent.end] if sent.end < len(sent.doc) else None
    if after is not None and not (after.is_space and "\n" in after.text) and not sent[-1].is_space:
        return None
    return " ".join(t.lower_ for t in words)


def is_advice(sent: Span, words: list[Token] | None = None) -> bool:
    """"Avoid all protests.", "Do not travel to ...": an imperative with no subject."""
    words = _words(sent) if words is None else words
    if not words:
        return False
    first = words[1] if words[0].lower_ == "please" and len(words) > 1 else words[0]
    if first.lower_ in ("do", "don't", "dont") and len(words) > 1:
        return any(t.dep_ == "neg" for t in words[:3]) and not any(t.dep_.startswith("nsubj") for t in words)
    return (first.tag_ == "VB" and first.dep_ == "ROOT" and first.is_title
            and not any(c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in first.children))


def is_byline(sent: Span, text: str | None = None) -> bool:
    """Contact and by-lines, a line linking to another story under an inline label ("RELATED: ..."), and a
    wire service's note on an update ("(Adds U.N. statement, paragraph 5)")."""
    text = sent.text if text is None else text
    return bool(("@" in text and EMAIL.search(text)) or BYLINE.match(text) or LINK_LINE.match(text)
                or UPDATE_NOTE.match(text))


def furniture(doc: Doc) -> set[int]:
    """The start tokens of the sentences of `doc` that are page furniture."""
    skipped: set[int] = set()
    in_block = in_link = in_label = False
    for sent in doc.sents:
        words, text = _words(sent), sent.text  # once per sentence, for the three tests below
        starts = _starts_paragraph(sent)
        in_label = in_label and not starts or bool(PARAGRAPH_LABEL.match(text))
        if in_label:  # (to the paragraph's end: "Photo:" may be split from the caption it labels)
            skipped.add(sent.start)
            continue
        in_link = in_link and not starts and not text.rstrip().endswith((".", "?", "!", '"', "”"))
        # "Related: Timeline: U.S.-Taliban talks ...": the rest of a link's line, a title with no full stop
        heading = _heading(sent, words, text) if starts else None
        if heading is not None:
            in_block = heading.rstrip(":") in FURNITURE_HEADINGS
            if in_block or is_byline(sent, text):  # "By Selin Aydemir" is a line of its own, like a heading
                skipped.add(sent.start)
            continue
        if in_block or in_link or is_advice(sent, words) or is_byline(sent, text):
            skipped.add(sent.start)
            in_link = in_link or bool(LINK_LINE.match(text))
    return skipped
