"""The desk app: a Textual application over the desk's services."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from deskapp.desk.context import Desk
from deskapp.screens.home import HomeScreen


class DeskApp(App):
    TITLE = "deskapp"
    SUB_TITLE = "customer-service desk"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, desk: Desk):
        super().__init__()
        self.desk = desk

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen(self.desk)
