"""Chen Jing prints Ms Li's complaint from its case detail (`d`): the forms that apply to the case are
offered, the one chosen is written as PDF and HTML to the desk's prints folder, and the screen says
where in plain words; with no font to print with, or a folder she cannot write, one plain line says
why and nothing crashes. Keys are typed at full speed, straight after the dialog opens."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from textual.widgets import OptionList

from deskapp.app import DeskApp
from deskapp.desk.coordination import add_action
from deskapp.domain.enums import Kind
from deskapp.i18n import CHINESE, use_language
from deskapp.output.case_prints import prints_dir
from deskapp.screens.print_dialog import PrintDialog
from tests.conftest import at, settled, until
from tests.helpers import record, text_of
from tests.test_print_forms import _has_font
from tests.test_who_may_screens import _detail

needs_font = pytest.mark.skipif(not _has_font(), reason="no font with Chinese to print with (fonts-wqy-microhei)")


@pytest.fixture
def prints(tmp_path, monkeypatch):
    folder = tmp_path / "prints"
    monkeypatch.setenv("DESKAPP_PRINTS", str(folder))
    return folder


def _told(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _offered(app) -> list[str]:
    listed = app.screen.query_one(OptionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@needs_font
async def test_d_then_enter_prints_the_complaint_record_and_says_where(desk, prints):
    number = record(desk, "2026-11-23 08:30")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("d", "enter")  # typed ahead of the list of forms
        await until(pilot, lambda: any("written to" in said for said in _told(pilot.app)), "the form to be written")
        pdf, html = prints / f"case-{number}-complaint-record.pdf", prints / f"case-{number}-complaint-record.html"
        [said] = _told(pilot.app)
        assert said == (f"Complaint handling record written to {pdf} (open it to print and sign); "
                        f"for the browser: {html}")
        assert not isinstance(pilot.app.screen, PrintDialog)
    # A customer's complaint, for the desk's account only.
    assert pdf.stat().st_mode & 0o077 == 0 and prints.stat().st_mode & 0o077 == 0
    assert "Ms Li" in html.read_text(encoding="utf-8")
    if shutil.which("pdftotext"):
        assert "water dripping from the ceiling" in _pdf_text(pdf)


@needs_font
async def test_a_repair_with_an_action_offers_its_work_order_and_its_coordination_order(desk, prints):
    number = record(desk, "2026-11-23 08:30", kind=Kind.repair, what="lift 3 stuck between floors")
    add_action(desk, number, "Sun Qiang", "call the lift contractor", at("2026-11-24 17:00"), by="Chen Jing")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("d", "2")
        await until(pilot, lambda: (prints / f"case-{number}-coordination.pdf").exists(), "the coordination order")
        await settled(pilot)
        assert any(f"Internal coordination work order written to {prints}" in said for said in _told(pilot.app))
        await pilot.press("d")
        await settled(pilot)
        assert _offered(pilot.app) == ["1  Service work order", "2  Internal coordination work order"]
        await pilot.press("escape")
        await settled(pilot)
        assert not isinstance(pilot.app.screen, PrintDialog)
    assert "call the lift contractor" in (prints / f"case-{number}-coordination.html").read_text(encoding="utf-8")
    assert not (prints / f"case-{number}-work-order.pdf").exists()


async def test_no_font_to_print_with_is_said_plainly_and_nothing_is_written(desk, prints, monkeypatch):
    monkeypatch.setenv("DESKAPP_FONT", "/nowhere/font.ttc")
    number = record(desk, "2026-11-23 08:30")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("d", "1")
        await until(pilot, lambda: "no such font file" in text_of(pilot.app, "#print-said"), "the refusal")
        assert text_of(pilot.app, "#print-said") == "DESKAPP_FONT=/nowhere/font.ttc: no such font file"
        assert isinstance(pilot.app.screen, PrintDialog)  # still open, to try again once it is put right
    assert not prints.exists()


@needs_font
async def test_a_folder_that_cannot_be_written_is_said_in_chinese(desk, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("DESKAPP_PRINTS", str(blocked / "prints"))
    number = record(desk, "2026-11-23 08:30")
    with use_language(CHINESE):
        async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
            await _detail(pilot, number)
            await pilot.press("d", "enter")
            await until(pilot, lambda: str(blocked) in text_of(pilot.app, "#print-said"), "the refusal")
            said = text_of(pilot.app, "#print-said")
            assert said.startswith(f"无法在 {blocked / 'prints'} 写入表单：") and "\n" not in said
            assert _offered(pilot.app) == ["1  顾客投诉记录"]


def test_the_prints_folder_is_beside_the_database_unless_the_desk_names_one(desk, monkeypatch):
    monkeypatch.delenv("DESKAPP_PRINTS", raising=False)
    folder = prints_dir(desk)
    assert folder.name == "prints"
    monkeypatch.setenv("DESKAPP_PRINTS", "~/deskapp-prints")
    assert str(prints_dir(desk)).endswith("/deskapp-prints") and "~" not in str(prints_dir(desk))


async def test_a_print_taking_more_than_a_second_shows_it_is_working(desk, prints, monkeypatch):
    import time

    from textual.widgets import LoadingIndicator

    from deskapp.output.case_prints import Printed
    from deskapp.screens import print_dialog

    def slow(desk, case_id, form):  # the font of a big CJK family takes this long to read on a busy machine
        time.sleep(1.5)
        return Printed("Complaint handling record", prints / "a.pdf", prints / "a.html")

    monkeypatch.setattr(print_dialog, "print_case", slow)
    number = record(desk, "2026-11-23 08:30")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("d", "enter")
        await until(pilot, lambda: "printing the Complaint handling record" in text_of(pilot.app, "#print-said"),
                    "the line saying it prints")
        spinner = pilot.app.screen.query_one(LoadingIndicator)
        assert not spinner.display  # not in the first second
        await until(pilot, lambda: spinner.display, "the spinner after a second")
        await until(pilot, lambda: _told(pilot.app), "the print to finish")
        assert not isinstance(pilot.app.screen, PrintDialog)
        assert _told(pilot.app) == [f"Complaint handling record written to {prints / 'a.pdf'} (open it to print "
                                    f"and sign); for the browser: {prints / 'a.html'}"]
