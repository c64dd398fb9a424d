"""Commit messages name people only by role or a neutral label; ids never come from names.

Every path that makes a commit is walked (an import whose workbook file, register rows and
RACI headers carry names; register, RACI and plan edits; a new month; undo; restore), then
every commit message of the repository is searched for the names, whatever the case and
spacing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.io.xlsx_import import apply_import, plan_import
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.personal import message_names, reads_as_role
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.timetravel import restore

from .conftest import git

NAMES = ("Jane Whitfield", "Terence King", "Wayne Anderson", "Priya Raman")


def name_pattern(name: str) -> re.Pattern[str]:
    """A name whatever its case, spacing, punctuation or order ("Whitfield, Jane")."""
    first, last = name.split()
    return re.compile(rf"{first}\W*{last}|{last}\W*{first}|\b{last}\b|\b{first}\b", re.IGNORECASE)


def leaks(root: Path) -> list[str]:
    messages = git(root, "log", "--format=%B%x00").split("\x00")
    return [
        f"{name}: {message.strip()[:200]}"
        for message in messages
        for name in NAMES
        if name_pattern(name).search(message)
    ]


def _sheet(book: Workbook, title: str, rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    assert isinstance(sheet, Worksheet)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(r, c, value)


def workbook(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    header = ["Strategy", "Name", "Job role", "Authority", "Interest", "Support", "Notes"]
    _sheet(
        book,
        "Month 1",
        [
            header,
            ["A", "Jane Whitfield", None, 8, 9, 7, "Call Jane Whitfield weekly"],
            ["A", "Terence King, Wayne Anderson", None, 5, 6, 5, ""],
            ["B", "Priya Raman", "CFO", 9, 4, 5, ""],
        ],
    )
    _sheet(
        book,
        "RACI",
        [
            ["#", "Task", "Whitfield, Jane", "CFO", "Terence King"],
            [1, "Funding approval", "R", "A", "I"],
            [2, "Kick-off", "A", "R", "C"],
        ],
    )
    book.save(path)
    return path


def test_no_commit_message_names_a_person(repo: Repository, tmp_path: Path) -> None:
    root = repo.root
    space = Workspace(root)
    base = "engagements/acme"
    path = workbook(tmp_path / "Jane Whitfield - stakeholders.xlsx")
    for tool in ("stakeholder-plan", "raci"):
        plan = plan_import(repo, path, "acme", tool=tool)
        assert not plan.report.errors, plan.report_lines()
        apply_import(repo, plan)
    register = space.load(f"{base}/stakeholders.toml").model
    ids = [s.id for s in register.stakeholders]  # type: ignore[attr-defined]
    assert not any(name_pattern(n).search(i) for n in NAMES for i in ids), ids
    raci = space.load(f"{base}/raci.toml").model
    columns = raci.matrices[0].columns  # type: ignore[attr-defined]
    assert not any(name_pattern(n).search(c.id) for n in NAMES for c in columns), columns
    jane = next(s.id for s in register.stakeholders if s.name == "Jane Whitfield")  # type: ignore[attr-defined]
    free = next(c.id for c in columns if c.title == "Whitfield, Jane")

    # Edits of every kind: a cell under a name-titled column, its title, the register row.
    matrix = raci.matrices[0].id  # type: ignore[attr-defined]
    activity = raci.matrices[0].activities[0].id  # type: ignore[attr-defined]
    cell = ("matrices", matrix, "activities", activity, "cells", free)
    space.change(f"{base}/raci.toml", lambda d: set_value(d, cell, "R/A"))
    title = ("matrices", matrix, "columns", free, "title")
    space.change(f"{base}/raci.toml", lambda d: set_value(d, title, "Jane W. (Whitfield)"))

    def add_column(data: dict[str, Any]) -> dict[str, Any]:
        columns = data["matrices"][0]["columns"]
        column = {"id": "c-9", "stakeholder": jane, "title": "Priya Raman"}
        data["matrices"][0]["columns"] = [*columns, column]
        data["matrices"][0]["activities"][1]["cells"]["c-9"] = "C"
        return data

    space.change(f"{base}/raci.toml", add_column)
    row = ("stakeholders", jane, "notes")
    space.change(f"{base}/stakeholders.toml", lambda d: set_value(d, row, "Jane Whitfield's own"))
    name = ("stakeholders", jane, "name")
    space.change(f"{base}/stakeholders.toml", lambda d: set_value(d, name, "Jane  WHITFIELD"))
    space.start_next_month("acme")
    space.undo(confirm=git(root, "rev-parse", "HEAD").strip())  # it deletes the new month
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    restore(repo, f"{base}/stakeholders.toml", git(root, "rev-parse", "HEAD~4").strip())
    del first

    # deleting her takes every reference with it, as one commit (store/cascade.py)
    space.remove_rows(f"{base}/stakeholders.toml", ("stakeholders",), [jane])
    assert leaks(root) == []
    subjects = git(root, "log", "--format=%s")
    assert "imported a workbook" in subjects
    assert "RACI column" in subjects or "stakeholder" in subjects


def test_message_names_use_roles_groups_and_neutral_labels() -> None:
    register: list[dict[str, Any]] = [
        {"id": "cfo", "name": "Priya Raman", "job_role": "CFO"},
        {"id": "jane-whitfield", "name": "Jane Whitfield"},
        {"id": "ops", "name": "Terence King, Wayne Anderson", "kind": "group"},
        {"id": "store", "name": "Store Managers", "kind": "group", "personal_data": False},
    ]
    matrices = [
        {
            "columns": [
                {"id": "a", "stakeholder": "cfo", "title": "Priya Raman"},
                {"id": "b", "stakeholder": "jane-whitfield"},
                {"id": "c", "title": "Whitfield, Jane"},
                {"id": "d", "title": "Customer Support Team"},
                {"id": "e", "title": "store managers"},
            ]
        }
    ]
    assert message_names(register, matrices) == {
        "cfo": "CFO",
        "jane-whitfield": "stakeholder 2",
        "ops": "stakeholder group 3",
        "store": "Store Managers",
        "a": "CFO",
        "b": "stakeholder 2",
        "c": "RACI column 3",
        "d": "Customer Support Team",
        "e": "store managers",
    }
    assert not reads_as_role("Jane Whitfield")
    assert not reads_as_role("Whitfield, Jane")
    assert reads_as_role("EMEA Director of R&D")


async def test_an_accepted_suggestion_names_the_stakeholder_by_role(tmp_path: Path) -> None:
    from pcsm_tui.ui.editors.charted import MatrixEditor

    from .apphelp import WIDE, make_app, settle
    from .hostile import build_hostile

    root = build_hostile(tmp_path / "central")
    space = Workspace(root)
    month = space.months("acme")[-1]
    space.change(
        f"engagements/acme/stakeholder-plan/{month}.toml",
        lambda d: {**d, "rows": [], "strategies": []},
    )
    app = make_app(root)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.open_engagement("acme", tool="stakeholder-matrix")
        await settle(pilot)
        editor = app.screen.query_one(MatrixEditor)
        assert editor.suggestions, "the hostile stakeholder's figures call for a strategy"
        editor.query_one("#suggestions").focus()
        await pilot.press("y")
        await settle(pilot)
    subject = git(root, "log", "-1", "--format=%s")
    assert "suggestion" in subject and "CFO" in subject, subject
    assert "Jane" not in subject


def test_a_person_row_unknown_to_the_names_is_never_labelled_by_its_id() -> None:
    """An id made from a name before pcsm stopped doing so (or typed by hand), in a commit
    the current register no longer knows (the history): labelled neutrally."""
    from pcsm_tui.models.engagement import Register
    from pcsm_tui.store.changes import diff_models

    old = Register(stakeholders=[])
    new = Register.model_validate({"stakeholders": [{"id": "jane-whitfield", "name": "J W"}]})
    (change,) = diff_models(old, new, names={})
    assert change.describe() == "stakeholders[a stakeholder]: added"
