"""Name normalisation shared by the place and actor resolvers.

Mentions arrive in many spellings: "Ain al-Asad", "‘Ayn al Asad", "Irbīl", "Kata’ib Hezbollah". Both the gazetteer
and the knowledge base are indexed under `key(name)`, and a mention is looked up under the same key, so accents,
curly quotes, hyphens and case never decide a match.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’ʼ`]s\b")
_QUOTES = str.maketrans({c: "" for c in "'’‘`ʼʻ´\"“”"})
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az|adh|ath)[ -]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Strip accents and diacritics; keep the characters (NFKD, then drop combining marks)."""
    if text.isascii():  # most names: nothing to strip
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(text: str) -> str:
    """The lookup key of a name: folded, lower case, possessive 's and quotes dropped, punctuation to spaces."""
    folded = _POSSESSIVE.sub("", fold(text or "").lower()).translate(_QUOTES)
    return _NON_WORD.sub(" ", folded).strip()


def variants(text: str) -> list[str]:
    """`key` plus the forms without a leading Arabic article and without "the": "al-Tanf" → "al tanf", "tanf"."""
    base = key(text)
    out = [base]
    for prefix in ("the ",):
        if base.startswith(prefix):
            out.append(base[len(prefix):])
    for form in list(out):
        stripped = _ARTICLE.sub("", form)
        if stripped != form and stripped:
            out.append(stripped)
    return list(dict.fromkeys(out))
