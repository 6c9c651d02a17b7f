"""Free-text search over cases, on the index migration 0004 built for each database."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import col, func

from deskapp.models import Case

# The same fields migration 0004 indexes, in the same order.
FIELDS = ("who", "company", "which", "what", "why", "how", "phone", "category")
_TRIGRAM = 3  # an index of three-character runs answers words of three characters or more


def matching(query, text: str, dialect: str):
    """`query` narrowed to cases whose 5W1H, phone or category hold every word of `text`."""
    for word in text.split():
        query = query.where(_word(word, dialect))
    return query


def _word(word: str, dialect: str):
    if dialect == "sqlite" and len(word) >= _TRIGRAM:
        quoted = '"' + word.replace('"', '""') + '"'
        hits = sa.text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=quoted)
        return col(Case.id).in_(hits.columns(sa.column("rowid", sa.Integer)))
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

