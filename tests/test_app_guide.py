"""The framework as a guide in the app: the guidance panel and its jumps, moving to the next
phase after being shown what is open, the go/no-go decision, the milestone report, the KPI
chart. Keys are pressed; files, commits and what is shown are asserted."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import docx
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, RadioSet, Select

from pcsm_tui.ui.app import PcsmApp
from pcsm_tui.ui.charts.kpi import KpiPlot
from pcsm_tui.ui.editors.kpi import KpiEditor
from pcsm_tui.ui.screens.engagement import EngagementScreen
from pcsm_tui.ui.screens.guidance import GuidancePanel
from pcsm_tui.ui.screens.guide_dialogs import AdvanceDialog, GoDecisionDialog
from pcsm_tui.ui.screens.report_dialog import ReportDialog
from pcsm_tui.ui.widgets import VimTable

from .apphelp import WIDE, make_app, notices, open_tool, settle, text_of, until
from .conftest import git
from .helpers import commits

SLUG = "northwind-emea"
D = TypeVar("D", bound=Screen[Any])


def _engagement(root: Path, slug: str = SLUG) -> dict[str, object]:
    return tomllib.loads((root / "engagements" / slug / "engagement.toml").read_text("utf-8"))


async def _dialog(
    app: PcsmApp, pilot: Pilot[None], key: str, kind: type[D], *, open_first: bool = False
) -> D:
    """The dialog `key` opens on the engagement screen (opened first if `open_first`)."""
    if open_first:
        app.open_engagement(SLUG)
        await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, kind)
    return dialog


async def test_guidance_panel_shows_the_phase_and_jumps_to_a_next_step(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", None)  # type: ignore[arg-type]
        await pilot.press("P")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        panel = screen.query_one(GuidancePanel)
        assert panel.guide is not None and panel.guide.next_steps
        assert "Guidance: phase 2" in text_of(app, "#guide-title")
        steps = panel.query_one("#guide-steps", VimTable)
        assert app.focused is steps and steps.row_count == len(panel.guide.next_steps)
        first = panel.guide.next_steps[0]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current == panel.jumps["s-1"]
        assert screen.current[-1] in (first.target.tool, "engagement", "register")
        # an activity jumps to the first tool it uses
        await pilot.press("P")
        await settle(pilot)
        panel = screen.query_one(GuidancePanel)
        activities = panel.query_one("#guide-activities", VimTable)
        activities.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current == panel.jumps["a-" + panel.guide.phase.activities[0].id]  # type: ignore[union-attr]


async def test_moving_on_shows_what_is_open_and_asks_first(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement("contoso-retail")
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        dialog = await _dialog(app, pilot, "greater_than_sign", AdvanceDialog)
        assert dialog.check.phase == 2 and dialog.check.next_phase == 3
        assert not dialog.check.clear
        listed = "\n".join(str(s.render()) for s in dialog.query("#advance-open Static"))
        assert dialog.check.unticked[0].text in listed or dialog.check.steps[0].reason in listed
        await pilot.press("n")  # stay: nothing written
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert commits(demo_copy) == before
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: commits(demo_copy) == before + 1, "the phase commit")
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        await until(pilot, lambda: "phase 3" in (screen.sub_title or ""), "the new phase shown")
    assert _engagement(demo_copy, "contoso-retail")["current_phase"] == 3
    assert "moved to phase 3" in git(demo_copy, "log", "-1", "--format=%s")
    assert git(demo_copy, "status", "--porcelain") == ""


async def test_go_no_go_decision_is_one_commit_with_the_open_items(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        dialog = await _dialog(app, pilot, "Y", GoDecisionDialog, open_first=True)
        dialog.query_one("#go-checklist", Select).value = "phase-2"
        await settle(pilot)
        opened = list(dialog.states["phase-2"].open)
        assert opened and "Open now" in text_of(app, "#go-open")
        radios = dialog.query_one("#go-decision", RadioSet)
        radios.focus()
        await pilot.press("down", "down", "enter")  # from "not yet" past "go" to "no-go"
        await settle(pilot)
        assert radios.pressed_index == 2
        await pilot.press("ctrl+s")  # nobody chosen yet: refused, said why
        await settle(pilot)
        assert "Choose who decided" in text_of(app, "#go-error")
        who = dialog.query_one("#go-who", Select)
        names = [str(option[1]) for option in who._options if isinstance(option[1], str)]
        assert "Sue Saunders" in " ".join(names)
        who.value = names[0]
        date = dialog.query_one("#go-date", Input)
        date.value = "2026-11-20"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: commits(demo_copy) == before + 1, "the decision's commit")
    readiness = tomllib.loads(
        (demo_copy / "engagements" / SLUG / "readiness.toml").read_text("utf-8")
    )
    copy = next(c for c in readiness["checklists"] if c["id"] == "phase-2")
    last = copy["decisions"][-1]
    assert last["decision"] == "no-go" and str(last["date"]) == "2026-11-20"
    assert last["decided_by"] == names[0] and last["open_items"] == opened
    subject = git(demo_copy, "log", "-1", "--format=%s")
    assert "decided no-go" in subject and names[0] not in subject


async def test_report_dialog_writes_in_the_background_and_says_where(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    word = demo_copy.parent / f"{SLUG}-report-2026-11-22.docx"
    async with app.run_test(size=WIDE) as pilot:
        dialog = await _dialog(app, pilot, "R", ReportDialog, open_first=True)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: word.exists() and not dialog.running, "the Word report")
        assert "✓ wrote the report to" in text_of(app, "#report-result")
        # Markdown, redacted: the path follows the format and the switch
        await pilot.press("down", "enter")
        dialog.query_one("#report-redact").toggle()  # type: ignore[attr-defined]
        await settle(pilot)
        path = dialog.query_one("#report-path", Input).value
        assert path.endswith(f"{SLUG}-report-redacted-2026-11-22.md")
        await pilot.press("ctrl+s")
        markdown = demo_copy.parent / f"{SLUG}-report-redacted-2026-11-22.md"
        await until(pilot, lambda: markdown.exists() and not dialog.running, "the Markdown report")
        assert ".svg" in text_of(app, "#report-result")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert "report" in str(app.screen.query_one("StatusLine").render())
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Northwind" in text
    assert "Sue Saunders" not in markdown.read_text("utf-8")
    assert commits(demo_copy) == before  # writing a report commits nothing


async def test_kpi_chart_shows_each_kpi_against_baseline_and_target(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, SLUG, "value-kpis")
        editor = app.screen.query_one(KpiEditor)
        plot = editor.query_one("#kpi-plot", KpiPlot)
        assert plot.chart is not None and plot.chart.kpi == "orders-in-orderflow"
        assert plot.chart.points and plot.chart.target == 95.0 and plot.chart.baseline == 0.0
        assert plot.position.startswith("1/3")
        editor.query("RecordTable").first().focus()
        await pilot.press("v")
        await settle(pilot)
        assert plot.chart.kpi == "order-to-delivery" and plot.position.startswith("2/3")


async def test_every_guide_action_is_in_the_palette(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(SLUG)
        await settle(pilot)
        engagement = app.screen
        for words, expected in (
            ("Write the milestone report", ReportDialog),
            ("Record a go/no-go decision", GoDecisionDialog),
            ("Move to the next phase", AdvanceDialog),
            ("Go to guidance", None),
        ):
            await pilot.press("ctrl+p", *words)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            if expected is not None:
                assert isinstance(app.screen, expected), words
                await pilot.press("escape")
                await settle(pilot)
            assert app.screen is engagement, words
        assert engagement.query(GuidancePanel)
        # in the last phase there is no next one: said, nothing asked
        app.workspace.advance_phase(SLUG, 7)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.screen is engagement
        assert "last phase" in "\n".join(str(n.message) for n in app._notifications)


def _plant_hostile(root: Path) -> None:
    """A stakeholder and a high risk named with markup and terminal escapes, the risk with
    no one accountable (a next step quotes its name), committed."""
    folder = root / "engagements" / SLUG
    register = folder / "stakeholders.toml"
    text = register.read_text("utf-8")
    first = text.index('name = "')
    end = text.index('"', first + 8)
    register.write_text(
        text[:first] + 'name = "[b]Eve[/b] \\u001b[31m[@click=app.quit]x[/]' + text[end:], "utf-8"
    )
    risks = folder / "risks.toml"
    text = risks.read_text("utf-8")
    text = text.replace('name = "ERP integration late"', 'name = "[red]ERP[/red] \\u0007late"', 1)
    text = text.replace('accountable = "Rajesh Iyer"\n', "", 1)
    risks.write_text(text, "utf-8")
    git(root, "commit", "-qam", "hostile names")


async def test_hostile_names_are_shown_as_text_in_the_panel_and_the_dialog(
    demo_copy: Path,
) -> None:
    _plant_hostile(demo_copy)
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(SLUG)
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        panel = app.screen.query_one(GuidancePanel)
        steps = panel.query_one("#guide-steps", VimTable)
        reasons = [str(steps.get_cell(row, "reason")) for row in steps.rows]
        assert any("[red]ERP[/red] \\x07late" in reason for reason in reasons), reasons
        assert not any("\x07" in reason for reason in reasons)
        dialog = await _dialog(app, pilot, "Y", GoDecisionDialog)
        who = dialog.query_one("#go-who", Select)
        hostile = next(n for n in dialog.names if n.startswith("[b]Eve"))
        who.value = hostile
        await settle(pilot)
        shown = str(who.query_one("SelectCurrent Static#label").render())
        assert shown.startswith("[b]Eve[/b] \\x1b[31m[@click=app.quit]x[/]"), shown
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: "decided not yet" in git(demo_copy, "log", "-1", "--format=%s"), "commit"
        )
    readiness = tomllib.loads(
        (demo_copy / "engagements" / SLUG / "readiness.toml").read_text("utf-8")
    )
    # the dialog opens on the first adoption phase still to decide
    first = next(c for c in readiness["checklists"] if c["id"] == dialog.current)
    assert first["decisions"][-1]["decided_by"] == hostile  # stored as written, shown escaped


async def test_a_file_that_does_not_read_is_said_and_the_panel_stays(demo_copy: Path) -> None:
    risks = demo_copy / "engagements" / SLUG / "risks.toml"
    risks.write_text(risks.read_text("utf-8") + "\n[[risks]\nbroken", "utf-8")
    git(demo_copy, "commit", "-qam", "a broken file")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        app.open_engagement(SLUG)
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        panel = app.screen.query_one(GuidancePanel)
        assert panel.guide is None
        assert "cannot build the guidance" in text_of(app, "#guide-overview")
        assert "risks.toml" in text_of(app, "#guide-overview")
        await pilot.press("greater_than_sign")  # the check reads the same files: said, no dialog
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert "risks.toml:" in notices(app)


async def test_report_and_decision_refuse_bad_input_and_write_nothing(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    before = commits(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        dialog = await _dialog(app, pilot, "R", ReportDialog, open_first=True)
        box = dialog.query_one("#report-path", Input)
        box.value = str(demo_copy / "pcsm.toml" / "r.docx")  # a file where a folder must be
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not dialog.running, "the failed write")
        assert "✗ Not written" in text_of(app, "#report-result")
        box.value = str(demo_copy.parent / "r.html")  # Word chosen: the name must say .docx
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ends in .docx" in text_of(app, "#report-result")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("Y")
        await settle(pilot)
        go = app.screen
        assert isinstance(go, GoDecisionDialog)
        who = go.query_one("#go-who", Select)
        who.value = go.names[0]
        go.query_one("#go-date", Input).value = "2026-13-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "The date is YYYY-MM-DD" in text_of(app, "#go-error")
        assert isinstance(app.screen, GoDecisionDialog)
        await pilot.press("escape")
        await settle(pilot)
    assert not (demo_copy.parent / "r.html").exists()
    assert commits(demo_copy) == before


EDGE_KPIS = """format_version = 1

[[kpis]]
id = "hostile"
kpi = "[b]Orders[/b] \\u001b]0;pwned"
unit = "%\\u0007"
baseline = 10.0
target = 10.0
start = 2026-11-01
due = 2026-11-01

[[kpis]]
id = "no-target"
kpi = "Tickets"

[[kpis]]
id = "unmeasured"
kpi = "Logins"
baseline = 5.0
target = 50.0

[[measurements]]
id = "m1"
kpi = "hostile"
date = 2026-11-02
value = 10.0

[[measurements]]
id = "m2"
kpi = "no-target"
date = 2026-10-02
value = 3.0
"""


async def test_kpi_chart_draws_every_kind_of_kpi_and_shows_names_as_text(
    demo_copy: Path,
) -> None:
    (demo_copy / "engagements" / SLUG / "value-kpis.toml").write_text(EDGE_KPIS, "utf-8")
    git(demo_copy, "commit", "-qam", "edge kpis")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, SLUG, "value-kpis")
        editor = app.screen.query_one(KpiEditor)
        plot = editor.query_one("#kpi-plot", KpiPlot)
        editor.query("RecordTable").first().focus()
        seen = []
        for _ in range(3):
            await settle(pilot)
            assert plot.chart is not None
            painted = plot.render()
            seen.append((plot.chart.kpi, str(painted)))
            await pilot.press("v")
        assert [kpi for kpi, _ in seen] == ["hostile", "no-target", "unmeasured"]
        first = seen[0][1]
        assert "[b]Orders[/b] \\x1b]0;pwned" in first and "\x1b]0;pwned" not in first
        assert "target reached" in first
        assert "no target set" in seen[1][1] and "not measured yet" in seen[2][1]
