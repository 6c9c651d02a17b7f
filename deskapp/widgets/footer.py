"""The footer of keys, in the desk's language."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from deskapp.i18n import _


class DeskFooter(Footer):
    """Textual's footer, with each key's description looked up in the catalogue.

    Bindings are declared on the classes before any language is chosen (and tests run both
    languages in one process), so their descriptions stay the English msgids and are translated
    here, where they are shown.
    """

    def compose(self):
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else widget.description
                if widget.tooltip:
                    widget.tooltip = _(str(widget.tooltip))
            elif isinstance(widget, FooterLabel):
                widget.update(_(str(widget.content)))
            yield widget
