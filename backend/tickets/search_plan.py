"""How a multi-word search reaches PostgreSQL fast: the rarest word through the index.

Semantics stay those of search.py (every word must match). Only the shape of the SQL
changes: a GIN bitmap scan intersects the posting lists of *all* the words of
`search_document @@ (w1 & w2)`, so a common word ("please", in a third of the tickets)
costs ~200 ms at a million tickets even when the other word is rare. Here the rarest
word alone is the indexable condition (`search_document @@ term`) and the other words are
checked on its matches with the same operator in function form (`ts_match_vq`), which
PostgreSQL does not use an index for. When every word is common, the planner walks the
newest-first index and checks each row, which finds a page in a few rows.

Which word is rarest comes from the planner's own statistics of the column (pg_stats'
most common lexemes and their frequencies, see migration 0003), read once in a while.
"""

import bisect
import itertools
import time

from django.db import connection
from django.db.models import BooleanField, F, Func, Q

from .search import search_words, word_query

STATS_SECONDS = 600


class _LexemeFrequencies:
    """Frequencies of the most common lexemes of search_document, sorted for prefix sums."""

    def __init__(self) -> None:
        self.read_at = float("-inf")
        self.lexemes: list[str] = []
        self.cumulative: list[float] = [0.0]

    def refresh(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'tickets_ticket' AND attname = 'search_document' "
                "AND schemaname = current_schema()"
            )
            row = cursor.fetchone()
        pairs = sorted(zip(row[0], row[1], strict=False)) if row and row[0] else []
        self.lexemes = [lexeme for lexeme, _ in pairs]
        self.cumulative = [0.0, *itertools.accumulate(freq for _, freq in pairs)]
        self.read_at = time.monotonic()

    def of_prefix(self, prefix: str) -> float:
        """Share of tickets (roughly, summed) having a common lexeme starting with `prefix`."""
        if time.monotonic() - self.read_at > STATS_SECONDS:
            self.refresh()
        start = bisect.bisect_left(self.lexemes, prefix)
        end = bisect.bisect_left(self.lexemes, prefix + "\uffff")
        return self.cumulative[end] - self.cumulative[start]


_frequencies = _LexemeFrequencies()


class _MatchesQuery(Func):
    """`ts_match_vq(vector, query)`: the @@ operator, checked row by row, never indexed."""

    function = "ts_match_vq"
    output_field = BooleanField()


def search_condition(words: list[str]) -> Q:
    """The filter for tickets matching every word of `words` (at least one)."""
    if len(words) == 1:
        return Q(search_document=word_query(words[0]))
    # Rarest first: lowest frequency, then the longest (a longer prefix matches less).
    ranked = sorted(words, key=lambda word: (_frequencies.of_prefix(word), -len(word)))
    rest = word_query(ranked[1])
    for word in ranked[2:]:
        rest &= word_query(word)
    return Q(search_document=word_query(ranked[0])) & Q(_MatchesQuery(F("search_document"), rest))


def search_filter(text: str) -> Q | None:
    """The filter for what a user typed, or None when it holds no word (nothing to filter)."""
    words = search_words(text)
    return search_condition(words) if words else None
