"""Text normalisation and feature extraction shared by training and prediction.

A ticket becomes a sparse set of binary features:

* ``w:<stem>``: each word, lower-cased and lightly stemmed, minus a short stop-word list
  (one of the public sets had its stop-words stripped, so removing them everywhere keeps the
  two kinds of text alike);
* ``b:<stem>_<stem>``: adjacent pairs of those words;
* ``R:<rule>``: a topic or urgency rule from ``rules.py`` that matched.

Word and pair features are binary, scaled by 1/sqrt(n) so that a long ticket does not get
more confident just by being long. Rule features keep a fixed value (``RULE_VALUE``) so that an
urgency signal weighs the same in a one-line ticket and in a long e-mail.
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import pairwise

from . import languages, rules

# Longer input is cut: the first few thousand characters carry the subject of any ticket, and
# the cap keeps prediction time bounded for pathological input.
MAX_CHARS = 2500

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPED_BREAK = re.compile(r"\\[nrt]|<br\s*/?>")
_SPACE = re.compile(r"\s+")

_STOP_TEXT = """
    a an the and or but if of to in on at by for with from into onto about as is are was were
    be been being am i me my we us our you your he she it its they them their this that these
    those there here so than then too very just also still really please hi hello hey dear
    team thanks thank regards best kind cheers do does did done have has had having will would
    shall should may might must can could get got getting one some any again which who whom
    what when where why how all each more most other such only own same s t d ll m re ve"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Words that look like stop-words but carry signal for triage are kept.
STOP_WORDS = STOP_WORDS - {"all", "can", "could", "how", "what", "when", "where", "why", "any"}

_NUMBER = re.compile(r"^\d+$")

RULE_VALUE = 0.5


def normalise(text: str) -> str:
    """Lower-case, NFKC-fold and clean ``text``; never raises for a ``str``."""
    text = text[: MAX_CHARS * 2]
    text = unicodedata.normalize("NFKC", text)
    text = _ESCAPED_BREAK.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SPACE.sub(" ", text).strip().lower()
    return text[:MAX_CHARS]


def stem(word: str) -> str:
    """A deliberately tiny suffix stripper: enough to join charge/charges/charged."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """Stemmed content words of already normalised ``text``."""
    out = []
    for word in _WORD.findall(text):
        if _NUMBER.match(word):
            out.append("<num>")
            continue
        if word in STOP_WORDS:
            continue
        out.append(stem(word))
    return out


def read(title: str, description: str) -> tuple[str, str | None]:
    """The text the models read, and the ticket's language (ISO 639-1 or None).

    Title and description are joined and normalised; the language is told from that text,
    then accents are folded and, for a language with a glossary, words are glossed into
    English (``languages.gloss``).
    """
    title = normalise(title or "")
    description = normalise(description or "")
    text = f"{title}. {description}"[:MAX_CHARS] if title and description else title or description
    language = languages.detect(text)
    return languages.gloss(languages.fold(text), language), language


def language_of(title: str, description: str) -> str | None:
    """ISO 639-1 code of the ticket's language, None when it cannot be told. Never raises."""
    try:
        return read(title or "", description or "")[1]
    except Exception:
        return None


def ticket_text(title: str, description: str) -> str:
    """The text the models read (see ``read``)."""
    return read(title, description)[0]


def extract(text: str) -> dict[str, float]:
    """Sparse feature vector for normalised ``text`` (see the module docstring)."""
    toks = tokens(text)
    words: set[str] = {"w:" + t for t in toks}
    words.update(f"b:{a}_{b}" for a, b in pairwise(toks))
    out: dict[str, float] = {}
    if words:
        value = 1.0 / math.sqrt(len(words))
        out = {f: value for f in sorted(words)}
    for name in rules.rule_hits(text):
        out["R:" + name] = RULE_VALUE
    return out
