"""A framework the team grows (framework.toml): a phase of its own after phase 7, its own
RAPAE category (and one taken away), phase 1 removed for new engagements, and the note
that pcsm.toml's scale wins over the framework's. Honoured by the app, validate, guidance
and exports; engagement data never rewritten; each protection red without its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pcsm_tui.framework import default_framework, load_framework
from pcsm_tui.framework.customize import CustomizationError, FrameworkCustomization
from pcsm_tui.service import Workspace
from pcsm_tui.store.validate import validate_repository
from pcsm_tui.ui.screens.framework import FrameworkScreen
from pcsm_tui.ui.screens.wheel import Wheel

from .apphelp import TODAY, WIDE, make_app, settle, text_of
from .conftest import git
from .helpers import run_cli, toml_at, toml_digests

GROWN = """format_version = 1

[[phases.add]]
number = 8
name = "Renewal"
output = "A renewal agreed, or the reasons it was not."
overview = "Prepare the renewal with the account manager, from the value the customer saw."

[[activities.add]]
phase = 8
id = "team-p8-01"
text = "Review the value realized with the account manager."
tools = ["value-kpis"]

[[items.rapae.add]]
id = "coaching"
name = "Coaching"
help = "Time spent coaching the customer's own champions."

[items.rapae]
remove = ["evaluation"]
"""

NORTHWIND = "engagements/northwind-emea"
FABRIKAM = "engagements/fabrikam-health"


def _commit(root: Path, text: str, message: str = "our framework") -> Path:
    (root / "framework.toml").write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)
    return root


@pytest.fixture
def grown(demo_copy: Path) -> Path:
    return _commit(demo_copy, GROWN)


def test_a_team_phase_is_in_the_framework_guide_and_advance(grown: Path) -> None:
    workspace = Workspace(grown, today=TODAY)
    framework = workspace.framework
    assert [p.number for p in framework.phases] == [1, 2, 3, 4, 5, 6, 7, 8]
    renewal = framework.phase(8)
    assert (renewal.name, renewal.stage) == ("Renewal", "C")  # the stage of phase 7
    assert framework.stage_of(8) is not None and 8 in framework.stage_of(8).phases  # type: ignore[union-attr]
    workspace.advance_phase("northwind-emea", 7)
    check = workspace.advance_check("northwind-emea")
    assert check.next_phase == 8
    workspace.advance_phase("northwind-emea")
    assert toml_at(grown, f"{NORTHWIND}/engagement.toml")["current_phase"] == 8
    guide = workspace.guide("northwind-emea")
    assert guide.phase.name == "Renewal"
    assert guide.phase.overview.startswith("Prepare the renewal")
    assert [a.text for a in guide.phase.activities] == [
        "Review the value realized with the account manager."
    ]
    assert [t.tool for t in guide.phase.tools] == ["value-kpis"]
    assert workspace.advance_check("northwind-emea").next_phase is None  # the last phase
    findings = [str(f) for f in validate_repository(grown)]
    assert not [f for f in findings if "phase 8" in f], findings
    rows = {row.slug: row for row in workspace.portfolio()}
    assert rows["northwind-emea"].phase_name == "Renewal"


def test_an_engagement_in_a_phase_the_framework_does_not_have(grown: Path) -> None:
    """Phase 9 is no phase of this framework (nor of the default): validate says so at the
    file's line, the file is kept as it is."""
    rel = f"{NORTHWIND}/engagement.toml"
    path = grown / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("current_phase = 6", "current_phase = 9"), encoding="utf-8")
    line = next(
        n for n, t in enumerate(path.read_text().splitlines(), 1) if t.startswith("current_")
    )
    before = toml_digests(grown)
    findings = [str(f) for f in validate_repository(grown)]
    assert (
        f"{rel}:{line}:1: warning: current phase 9 is not a phase of the team's framework "
        "(it has 1, 2, 3, 4, 5, 6, 7, 8): move the engagement to a phase the team uses"
    ) in findings
    assert toml_digests(grown) == before


def test_the_exports_have_the_teams_phase(grown: Path, tmp_path: Path) -> None:
    workspace = Workspace(grown, today=TODAY)
    path = tmp_path / "northwind.xlsx"
    workspace.export_workbook("northwind-emea", path)
    book = load_workbook(path)
    assert "Phase 8 Renewal" in book.sheetnames
    assert book["Phase 8 Renewal"]["A1"].value == "Phase 8: Renewal"


def test_a_milestone_report_keeps_the_evaluation_out_with_a_phase_after_it(
    grown: Path, tmp_path: Path
) -> None:
    """The CSM's own evaluation (phase 7) never goes to the customer, also when a team's
    phase comes after it (it was 'the last phase' before)."""
    workspace = Workspace(grown, today=TODAY)
    workspace.tick("northwind-emea", "p7-01", True)
    workspace.tick("northwind-emea", "team-p8-01", True)
    target = tmp_path / "report.md"
    workspace.write_report("northwind-emea", target, "md")
    text = target.read_text(encoding="utf-8")
    seven = default_framework().phase(7).activities[0].text
    assert seven not in text
    assert "Review the value realized with the account manager." in text


BAD_PHASES = [
    ("[[phases.add]]\nnumber = 7\nname = 'Again'\n", "phases.add: phase 7 already exists"),
    (
        "[[phases.add]]\nnumber = 8\nname = 'Renewal'\nstage = 'D'\n",
        "names stage 'D', which the framework does not have",
    ),
    ("[[phases.add]]\nnumber = 21\nname = 'Far'\n", "less than or equal to 20"),
    ("[[phases.add]]\nnumber = 8\nname = ''\n", "at least 1 character"),
]


@pytest.mark.parametrize(("text", "what"), BAD_PHASES)
def test_a_bad_added_phase_is_named_with_its_line(repo_dir: Path, text: str, what: str) -> None:
    (repo_dir / "framework.toml").write_text(text, encoding="utf-8")
    findings = [str(f) for f in validate_repository(repo_dir)]
    assert len(findings) == 1 and findings[0].startswith("framework.toml:") and what in findings[0]
    assert not findings[0].startswith("framework.toml:1:1"), findings  # at the entry's line


@pytest.fixture
def repo_dir(repo: object) -> Path:
    return Path(repo.root)  # type: ignore[attr-defined]


def test_a_removed_phase_number_may_come_back_as_the_teams_own() -> None:
    custom = FrameworkCustomization.model_validate(
        {"phases": {"remove": [6], "add": [{"number": 6, "name": "Growth"}]}}
    )
    framework = load_framework(custom)
    seven = default_framework().phase(7).name
    assert [(p.number, p.name) for p in framework.phases][5:] == [(6, "Growth"), (7, seven)]
    with pytest.raises(CustomizationError, match="phase 6 already exists"):
        load_framework(
            FrameworkCustomization.model_validate({"phases": {"add": [{"number": 6, "name": "X"}]}})
        )


async def test_the_wheel_shows_the_teams_phase(grown: Path) -> None:
    Workspace(grown, today=TODAY).advance_phase("northwind-emea", 8)
    app = make_app(grown, engagement="northwind-emea")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        wheel = app.screen.query_one(Wheel)
        labels, phases, stack = [], [], [wheel.root]
        while stack:
            node = stack.pop()
            labels.append(str(node.label))
            if node.data and node.data[0] == "phase":
                phases.append(node.data[1])
            stack.extend(node.children)
        assert sorted(phases) == [1, 2, 3, 4, 5, 6, 7, 8]
        assert any("8 Renewal" in label for label in labels)
        assert "Renewal" in str(app.screen.sub_title)


# --- a team's own RAPAE category ----------------------------------------------------------


def test_a_teams_rapae_category_is_accepted_and_a_removed_one_reported(grown: Path) -> None:
    rel = f"{FABRIKAM}/activity-log.toml"
    path = grown / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('rapae = "research"', 'rapae = "coaching"', 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    evaluation_line = next(n for n, t in enumerate(lines, 1) if t == 'rapae = "evaluation"')
    findings = [str(f) for f in validate_repository(grown)]
    about = [f for f in findings if f.startswith(rel)]
    assert about == [
        f"{rel}:{evaluation_line}:1: warning: task 4: RAPAE category 'evaluation' is not one "
        "of the framework's (Research, Analysis, Planning, Action, Coaching): choose one of "
        "them, or add it to framework.toml [items.rapae]"
    ]


def test_a_teams_rapae_category_in_the_export(grown: Path, tmp_path: Path) -> None:
    rel = f"{FABRIKAM}/activity-log.toml"
    path = grown / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('rapae = "research"', 'rapae = "coaching"', 1), encoding="utf-8")
    git(grown, "commit", "-qam", "coaching")
    out = tmp_path / "fabrikam.xlsx"
    Workspace(grown, today=TODAY).export_workbook("fabrikam-health", out)
    sheet = load_workbook(out)["CSM Activity Tracking"]
    values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "Coaching" in values


async def test_the_activity_log_offers_the_teams_category(grown: Path) -> None:
    from pcsm_tui.ui.editors.dialogs import NewRowScreen

    from .apphelp import open_tool, table_at
    from .helpers import commits

    before = commits(grown)
    app = make_app(grown)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "contoso-retail", "activity-log")
        table_at(app, ("tasks",)).focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NewRowScreen)
        await pilot.press(*"2026-11-20", "enter", *"Coached the champions", "enter")
        await pilot.press(*"coach", "enter", *"2", "enter")
        await settle(pilot)
    assert commits(grown) == before + 1
    tasks = toml_at(grown, "engagements/contoso-retail/activity-log.toml")["tasks"]
    (task,) = [t for t in tasks if t["description"] == "Coached the champions"]
    assert task["rapae"] == "coaching"


# --- a new engagement when phase 1 is removed ----------------------------------------------


def test_pcsm_new_starts_in_the_first_phase_the_framework_has(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commit(demo_copy, "[phases]\nremove = [1]\n")
    code, _, err = run_cli(
        capsys, "new", "wingtip", "--customer", "Wingtip Toys", "--repo", str(demo_copy)
    )
    assert code == 0, err
    assert toml_at(demo_copy, "engagements/wingtip/engagement.toml")["current_phase"] == 2
    findings = [str(f) for f in validate_repository(demo_copy)]
    assert not [f for f in findings if f.startswith("engagements/wingtip/") and "error" in f]


async def test_the_wizard_starts_in_the_first_phase_the_framework_has(demo_copy: Path) -> None:
    from .apphelp import open_wizard, until

    _commit(demo_copy, "[phases]\nremove = [1, 2]\n")
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_wizard(pilot)
        await pilot.press(*"Tailspin Toys", "ctrl+s")
        await until(pilot, lambda: getattr(app.screen, "slug", "") == "tailspin-toys", "open")
    assert toml_at(demo_copy, "engagements/tailspin-toys/engagement.toml")["current_phase"] == 3


# --- pcsm.toml's scale wins over the framework's: said once ----------------------------------


def test_framework_show_says_pcsm_toml_wins_for_the_support_scale(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commit(demo_copy, '[scales]\nsupport = "-5..+5"\n')
    note = (
        "support scale: pcsm.toml sets 0..10, which wins over framework.toml's -5..+5; "
        "remove support from pcsm.toml's [scales] to use the framework's"
    )
    code, out, _ = run_cli(capsys, "framework", "show", "--repo", str(demo_copy))
    assert code == 0 and out.count(note) == 1
    code, out, _ = run_cli(
        capsys, "framework", "show", "--format", "json", "--repo", str(demo_copy)
    )
    assert json.loads(out)["overrides"] == [note]
    assert str(Workspace(demo_copy).repo.scales()["support"]) == "0..10"  # what the note says


def test_no_note_when_pcsm_toml_agrees_with_the_framework(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commit(demo_copy, '[scales]\nsupport = "0..10"\n')
    code, out, _ = run_cli(capsys, "framework", "show", "--repo", str(demo_copy))
    assert code == 0 and "wins over" not in out


async def test_the_framework_screen_says_pcsm_toml_wins(demo_copy: Path) -> None:
    _commit(demo_copy, '[scales]\nsupport = "-5..+5"\n')
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.push_screen(FrameworkScreen())
        await settle(pilot)
        shown = text_of(app, "#framework-text")
        assert shown.count("pcsm.toml sets 0..10, which wins over framework.toml's -5..+5") == 1


async def test_e_on_a_rapae_cell_offers_the_teams_categories(grown: Path) -> None:
    """The edit box lists the repository's categories by name: the team's own is there, the
    one it removed is not (it listed the five shipped ids before)."""
    from pcsm_tui.ui.editors.cell import CellEditor

    from .apphelp import open_tool, put_cursor

    app = make_app(grown)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "fabrikam-health", "activity-log")
        put_cursor(app, ("tasks",), "t01", "rapae")
        await pilot.press("e")
        await settle(pilot)
        cell = app.screen.query_one(CellEditor)
        labels = [label for label, _ in cell._choices]
        assert labels == ["(none)", "Research", "Analysis", "Planning", "Action", "Coaching"]
        await pilot.press("end", "enter")
        await settle(pilot)
        table = put_cursor(app, ("tasks",), "t01", "rapae")
        shown = str(table.get_cell_at(table.cursor_coordinate))
        assert shown == "Coaching"  # the category's name, as the list offered it, not its id
    tasks = toml_at(grown, f"{FABRIKAM}/activity-log.toml")["tasks"]
    assert next(t for t in tasks if t["id"] == "t01")["rapae"] == "coaching"


@settings(max_examples=40, deadline=None)
@given(
    added=st.sets(st.integers(8, 20), max_size=5),
    removed=st.sets(st.integers(2, 7), max_size=4),
    reverse=st.booleans(),
)
def test_added_phases_take_their_place_by_number(
    added: set[int], removed: set[int], reverse: bool
) -> None:
    """Whatever a team removes and adds (in any order in the file), the phases run in
    number order, each in exactly one stage, the one its entry names."""
    custom = FrameworkCustomization.model_validate(
        {
            "phases": {
                "remove": sorted(removed),
                "add": [{"number": n, "name": f"Team {n}"} for n in sorted(added, reverse=reverse)],
            }
        }
    )
    framework = load_framework(custom)
    numbers = [p.number for p in framework.phases]
    assert numbers == sorted(({1, 2, 3, 4, 5, 6, 7} - removed) | added)
    assert sorted(n for s in framework.stages for n in s.phases) == numbers
    for phase in framework.phases:
        stage = framework.stage_of(phase.number)
        assert stage is not None and stage.id == phase.stage
    for number in added:
        assert framework.phase(number).name == f"Team {number}"
