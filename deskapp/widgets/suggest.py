"""Suggestions as the operator types, from the supervisor's lists: the rest of a category's or a
building's name shown dimmed after the cursor, taken with → (Right) or End; ignored by typing on."""

from __future__ import annotations

from textual.suggester import Suggester

from deskapp.config.categories import category_list
from deskapp.config.places import place_register
from deskapp.domain.categories import folded
from deskapp.i18n import chinese


class CategorySuggester(Suggester):
    """The category list's name in the desk's language for what is typed: "air" → "air conditioning"."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        found = category_list().suggest(value, chinese(), limit=1)
        if not found:
            return None
        shown = found[0].shown(chinese())
        # Only a completion of what is typed can be shown after the cursor; an alias ("AC") is not one.
        return shown if shown.lower().startswith(value.lower()) else None


class PlaceSuggester(Suggester):
    """A building's name for the first letters of the Which: "tow" → "Tower A", "B" → "B座"."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip() or any(ch.isdigit() for ch in value):
            return None  # a floor or unit is being typed: the building is said
        for building in place_register().buildings:
            shown = building.name(chinese())
            if folded(shown).startswith(folded(value)) and shown.lower().startswith(value.lower()) and shown.lower() != value.lower():
                return shown + ("" if chinese() else " ")
        return None


def suggester_for(field: str) -> Suggester | None:
    """A new suggester for the form's field, or None: each form its own (the desk's language may change)."""
    if field == "category":
        return CategorySuggester()
    if field == "which":
        return PlaceSuggester()
    return None
