"""Free-text search over cases, on the index migration 0004 built for each database."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import col, func

from deskapp.models import Case

# The same fields migration 0004 indexes, in the same order.
FIELDS = ("who", "company", "which", "what", "why", "how", "phone", "category")
_TRIGRAM = 3  # an index of three-character runs answers words of three characters or more


def matching(query, text: str, dialect: str, in_order: bool = False):
    """`query` narrowed to cases whose 5W1H, phone or category hold every word of `text`.

    `in_order`: the matches are many, so each case is tested as the query walks the index of its
    order, which stops after a page; otherwise every match is fetched and sorted (right for a few)."""
    words = text.split()
    indexed = indexed_words(words, dialect)
    if indexed:
        hits = sa.text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=_match(indexed))
        # id + 0 hides the key from SQLite, which then walks the order's index instead of fetching by id.
        case_id = col(Case.id) + 0 if in_order else col(Case.id)
        query = query.where(case_id.in_(hits.columns(sa.column("rowid", sa.Integer))))
    for word in words:
        if word not in indexed:
            query = query.where(_word(word, dialect))
    return query


def indexed_words(words: list[str], dialect: str) -> list[str]:
    """The words the SQLite search index answers: three characters or more."""
    return [w for w in words if len(w) >= _TRIGRAM] if dialect == "sqlite" else []


def index_count(text: str):
    """The count of cases holding every word, from the search index alone (every word indexed)."""
    return sa.text("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=_match(text.split()))


def _match(words: list[str]) -> str:
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def _word(word: str, dialect: str):
    if dialect == "sqlite":
        # Shorter than a trigram (a two-character Chinese name): read the fields themselves.
        return sa.or_(*(func.lower(getattr(Case, f)).contains(word.lower(), autoescape=True) for f in FIELDS))
    return _haystack().contains(word.lower(), autoescape=True)  # PostgreSQL: the pg_trgm index answers this


def _haystack():
    """lower(who || ' ' || company || ...): the very expression migration 0004 indexed."""
    space = sa.literal_column("' '")
    joined = getattr(Case, FIELDS[0])
    for name in FIELDS[1:]:
        joined = joined.op("||")(space).op("||")(getattr(Case, name))
    return func.lower(joined)

