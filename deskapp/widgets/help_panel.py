"""The keys panel of ctrl+p → Keys, in the desk's language: apart from the footer because Textual's
HelpPanel brings its Markdown widget (markdown-it and Pygments), which only this panel needs."""

from __future__ import annotations

from textual.widgets import HelpPanel, Markdown

from deskapp.widgets.footer import DeskKeyPanel


class DeskHelpPanel(HelpPanel):
    """The keys panel of ctrl+p → Keys, in the desk's language."""

    def compose(self):
        yield Markdown(id="widget-help")
        yield DeskKeyPanel(id="keys-help")
