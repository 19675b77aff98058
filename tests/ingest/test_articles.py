import json

import pytest

from legation.domain import InputError
from legation.ingest.articles import read_article


def test_plain_text_is_read_as_is(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Title line\n\nBody text.")
    report = read_article(path, published="2023-10-25")
    assert (report.text, report.doc, report.published, report.format) == ("Title line\n\nBody text.", "wire",
                                                                          "2023-10-25", "text")


def test_html_loses_markup_scripts_and_keeps_the_date_meta(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<html><head><title>Rockets hit base</title>'
                    '<meta property="article:published_time" content="2023-10-21T10:00:00Z">'
                    '<script>var x = "not text";</script></head><body><p>Two rockets &amp; a drone.</p>'
                    '<p>No casualties.</p></body></html>')
    report = read_article(path)
    assert report.text == "Two rockets & a drone.\n\nNo casualties."
    assert (report.title, report.published, report.format) == ("Rockets hit base", "2023-10-21", "html")


def test_json_article_fields(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "text": "Body.", "published": "2023-10-25", "url": "http://x/y"}))
    report = read_article(path)
    assert (report.title, report.text, report.published, report.url) == ("T", "Body.", "2023-10-25", "http://x/y")


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"caf\xe9 society", "not UTF-8"),
    (b'{"title": "no text"}', "needs a non-empty \"text\""),
    (b'{"text": "x", "published": "last week"}', "publication date is not a date"),
])
def test_bad_files_get_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json" if content.startswith(b"{") else tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError, match="too large"):
        read_article(path, max_bytes=100)
