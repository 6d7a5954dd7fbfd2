"""Turn what a user typed into a PostgreSQL full-text query (see CONTRACT §3).

Every word must match. A word matches a word of the text that starts with it as
typed ('simple' configuration, prefix query) or that shares its English stem
('english' configuration). Only letters and digits reach the query: punctuation
and tsquery operators in the input are separators, never syntax.
"""

import re

from django.contrib.postgres.search import SearchQuery

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 16
_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:SEARCH_MAX_WORDS]


def search_query(text: str) -> SearchQuery | None:
    """The tsquery for `text`, or None when it holds no word (then nothing is filtered)."""
    query = None
    for word in search_words(text):
        term = word_query(word)
        query = term if query is None else query & term
    return query


def word_query(word: str) -> SearchQuery:
    """One word of `search_words`: a prefix of a word as typed, or the same English stem."""
    as_typed = SearchQuery(f"{word}:*", search_type="raw", config="simple")
    by_stem = SearchQuery(word, search_type="plain", config="english")
    return as_typed | by_stem
