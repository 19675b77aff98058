"""HTML article pages with real-style boilerplate (menus, breaking-news tickers, related links, most-read lists,
comments, footers), each full of headlines that would be events: read with trafilatura, a page gives the events of
its article body and nothing else — the same events as the body alone in a text file."""

from __future__ import annotations

from html import escape

import pytest

from legation.cli.extract import run_files
from tests.ingest.sources.conftest import story

# Headlines that only the boilerplate carries: if one of these words shows in an event, the boilerplate leaked.
LEAKS = ("embassy", "consulate", "convoy", "Green Zone", "Basra", "Mosul", "Nasiriyah", "ambassador", "Karbala")

MENU = ("<nav class='site-nav'><ul><li><a href='/'>Home</a></li><li><a href='/iraq'>Iraq</a></li>"
        "<li><a href='/b1'>Gunmen storm the US embassy in Baghdad</a></li></ul></nav>"
        "<div class='ticker'><span>BREAKING:</span> "
        "<a href='/b2'>Rockets hit the Green Zone near the embassy</a></div>")
RELATED = ("<section class='related'><h2>Related</h2><ul>"
           "<li><a href='/r1'>Militants ambush a UN convoy near Mosul</a></li>"
           "<li><a href='/r2'>Car bomb kills 5 outside the Turkish consulate in Basra</a></li>"
           "<li><a href='/r3'>Drone attack on the ambassador's residence, police say</a></li></ul></section>")
MOST_READ = ("<div class='sidebar'><h3>Most read</h3><ol><li><a href='/m1'>Insurgents shell a base in "
             "Nasiriyah</a></li><li><a href='/m2'>Protesters set fire to the Kuwaiti consulate in Karbala</a></li>"
             "</ol><div class='newsletter'>Sign up for our daily briefing</div></div>")
COMMENTS = ("<section id='comments'><h3>Comments</h3><div class='comment'><p>Reader: militia fighters attacked "
            "the embassy again yesterday, nobody reports it.</p></div></section>")
FOOTER = ("<footer class='site-footer'><p>Gunmen attack the Jordanian embassy: full coverage</p>"
          "<p>&copy; 2023 The Invented Wire</p><a href='/privacy'>Privacy</a> <a href='/cookies'>Cookies</a>"
          "</footer>")


def _layout(style: int, headline: str, body: str) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    article = (f"<article class='story'><h1>{escape(headline)}</h1><div class='byline'>By Staff Writer</div>"
               f"{paragraphs}</article>")
    head = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(headline)} - The "
            "Invented Wire</title><script>window.ads = ['Gunmen attack embassy'];</script>"
            "<style>.nav{color:red}</style></head><body>")
    if style == 0:
        inner = MENU + "<main>" + article + RELATED + "</main>" + FOOTER
    elif style == 1:
        inner = MENU + "<div class='layout'><div class='content'>" + article + COMMENTS + "</div>" + MOST_READ + \
            "</div>" + FOOTER
    elif style == 2:
        inner = ("<div id='wrapper'>" + MENU + "<div id='main'>" + article + "<div class='more'>" + RELATED +
                 MOST_READ + "</div></div>" + FOOTER + "</div>")
    else:
        inner = MENU + MOST_READ + "<main><div class='article-body'>" + article + "</div>" + RELATED + COMMENTS + \
            "</main>" + FOOTER
    return head + inner + "</body></html>"


def _events(paths):
    by_doc = {}
    for outcome in run_files(paths, published="2023-10-18"):
        assert outcome.error is None, outcome.error
        by_doc[outcome.report.doc] = sorted((e.type, e.evidence.sentence) for e in outcome.events)
    return by_doc


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    html_paths, text_paths = [], []
    for n in range(20):
        headline, body = story(n * 3 + 1)
        html_paths.append(folder / f"page-{n}.html")
        html_paths[-1].write_text(_layout(n % 4, headline, body), encoding="utf-8")
        text_paths.append(folder / f"body-{n}.txt")
        text_paths[-1].write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    return _events(html_paths), _events(text_paths)


def test_no_event_comes_from_outside_the_article_body(pages):
    from_pages, _ = pages
    assert len(from_pages) == 20
    leaked = [(doc, sentence) for doc, events in from_pages.items() for _, sentence in events
              if any(word.lower() in sentence.lower() for word in LEAKS)]
    assert leaked == []


def test_a_page_gives_the_events_of_its_body_alone(pages):
    from_pages, from_bodies = pages
    for n in range(20):
        assert from_pages[f"page-{n}"] == from_bodies[f"body-{n}"], n
        assert from_pages[f"page-{n}"], f"page {n} has no event at all"


def test_the_title_and_date_come_from_the_page():
    from legation.ingest.articles import html_to_text

    headline, body = story(2)
    text, title, published = html_to_text(_layout(0, headline, body).replace(
        "<body>", "<body><p class='dateline'>Published 18 October 2023</p>"))
    assert title == f"{headline} - The Invented Wire" or title == headline
    assert published == "2023-10-18"  # found in the page by htmldate: the page has no date metadata
    assert text.startswith(headline) and "Related" not in text and "Invented Wire" not in text
