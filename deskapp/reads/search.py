"""Free-text search over cases, on the index migration 0004 built for each database.

A place in the search ("Tower B 12F", "B座12层") is matched on the case's canonical place (migration
0010), not as loose words: "12F" is not looked for in phone numbers, nor "B" in company names.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, func

from deskapp.config.places import place_register
from deskapp.domain.places import Place, read_place, said_name
from deskapp.models import Case

# The same fields migration 0004 indexes, in the same order.
FIELDS = ("who", "company", "which", "what", "why", "how", "phone", "category")
_TRIGRAM = 3
# A place is said in a few words ("Block B floor 12 unit 1203"), looked for in a search of a few more.
_PLACE_WORDS, _PLACE_SEARCH_WORDS = 7, 24  # an index of three-character runs answers words of three characters or more


def matching(query, text: str, dialect: str, in_order: bool = False):
    """`query` narrowed to cases whose 5W1H, phone or category hold every word of `text`.

    `in_order`: the matches are many, so each case is tested as the query walks the index of its
    order, which stops after a page; otherwise every match is fetched and sorted (right for a few)."""
    said = place_in(text)
    if said is not None:
        query = query.where(within_place(said.place.key, dialect))
        text = said.rest
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


@dataclass(frozen=True)
class PlaceSaid:
    place: Place  # a place of the register, as searched for
    rest: str  # the other words, searched as text


def place_in(text: str) -> PlaceSaid | None:
    """The place a search names ("Tower B 12F leak": Tower B floor 12, and "leak"), or None.

    The longest run of words the register reads as a place, each word adding to it (so "leak" is not
    taken as part of it); a building alone only by a name longer than a letter ("B" stays a word)."""
    words, register = text.split(), place_register()
    if not register.buildings or len(words) > _PLACE_SEARCH_WORDS:
        return None  # a pasted paragraph is searched as text
    for start in range(len(words)):
        for end in range(min(len(words), start + _PLACE_WORDS), start, -1):
            place = read_place(" ".join(words[start:end]), register)
            if place.known and _each_word_counts(words[start:end], place, register) and _not_a_letter(place):
                return PlaceSaid(place, " ".join(words[:start] + words[end:]))
    return None


def _each_word_counts(words: list[str], place: Place, register) -> bool:
    # The run less its last word reads as less of a place: the last word was part of it.
    return len(words) == 1 or read_place(" ".join(words[:-1]), register).key != place.key


def _not_a_letter(place: Place) -> bool:
    return bool(place.floor) or len(said_name(place.said_building)) > 1


def within_place(key: str, dialect: str):
    """Cases at the place `key` or within it: "B/12" holds "B/12" and "B/12/1203", not "B/120".

    On SQLite, whose text compares byte by byte, the keys within are the range from "B/12/" up to
    "B/120" ('0' follows '/'), which the index on place_key answers; PostgreSQL's collation may
    ignore the slashes in comparing, so there it is a LIKE."""
    place = col(Case.place_key)
    if dialect == "sqlite":
        return sa.or_(place == key, sa.and_(place > key + "/", place < key + "0"))
    return sa.or_(place == key, place.startswith(key + "/", autoescape=True))


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

