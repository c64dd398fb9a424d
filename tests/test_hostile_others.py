"""The rest of the hostile-input catalogue: slugs and names (issue 11.8), and the scenarios of
issue 11 that other branches fix (11.2 terminal and markup injection, 11.5 workbooks and
import rules, 11.6 personal data in commit messages, 11.7 redaction, forget and privacy).

`pcsm forget` and `pcsm privacy report` are proven in test_privacy_care.py.
All of them hold now that those fixes are in: each test is red without its protection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.store.layout import BadName, Layout, check_slug, month_of
from pcsm_tui.store.repository import Repository

from .apphelp import TODAY, WIDE, make_app, settle
from .conftest import git


@pytest.fixture
def central(tmp_path: Path) -> Path:
    repo = Repository.init(tmp_path / "central", name="T")
    repo.new_engagement("acme", "Acme", today=TODAY)
    return repo.root


# --- 11.8 slugs and names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    [
        "trail\n",
        "trail\n\n",
        "..",
        ".",
        "a/b",
        "../x",
        "",
        "Acme",
        "_x",
        "a" * 64,
        "a\x1b[2J",
        " a",
    ],
)
def test_new_refuses_a_name_that_is_not_a_plain_slug(
    slug: str, central: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", slug, "--customer", "X", "--repo", str(central)]) == 2
    assert "is not allowed" in capsys.readouterr().err
    assert sorted(os.listdir(central / "engagements")) == ["acme"]


def test_a_trailing_newline_is_never_a_slug_a_person_or_a_month(central: Path) -> None:
    for text in ("acme\n", "bob\n"):
        with pytest.raises(BadName):
            check_slug(text)
    assert month_of(Path("2026-01\n.toml")) is None
    with pytest.raises(BadName):
        Layout(central).plan_month("acme", "2026-01\n")
    (central / "engagements" / "acme\n").mkdir()
    (central / "engagements" / "acme\n" / "engagement.toml").write_text('customer = "x"\n')
    assert Layout(central).engagements() == ["acme"]


def test_workbook_ids_with_a_trailing_newline_are_not_ids() -> None:
    from pcsm_tui.io.adapter import new_id, valid_id

    assert valid_id("cfo") and not valid_id("cfo\n")
    assert new_id("cfo\n", set()) == "cfo"


# --- 11.2 terminal and markup injection -----------------------------------------------------------


def test_validate_never_prints_escape_sequences(
    central: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = central / "engagements" / "x\x1b]0;pwned\x07"
    evil.mkdir()
    (evil / "engagement.toml").write_text('customer = "x"\n')
    main(["validate", str(central)])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_log_never_prints_escape_sequences_or_nul(
    central: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = Repository.open(central)
    loaded = repo.load("engagements/acme/engagement.toml")
    evil = loaded.model.model_copy(update={"customer": "Evil\x1b]0;pwned\x07 Corp"})
    repo.edit(loaded, evil)
    main(["log", "--repo", str(central)])
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "\x00" not in out


async def test_a_customer_named_like_markup_does_not_break_the_palette(central: Path) -> None:
    repo = Repository.open(central)
    repo.new_engagement("contoso", "Contoso [/old]", today=TODAY)
    app = make_app(central)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", "c", "o", "n", "t")
        await settle(pilot)
        assert app.is_running


# --- 11.5 workbooks and import rules (the workbook side) ------------------------------------------


def _child(code: str, timeout: float, memory: int = 1_500_000_000) -> None:
    """`code` in a child with at most `memory` bytes of address space and `timeout` s."""
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
    try:
        done = subprocess.run(
            [sys.executable, "-c", limit + textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s")
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_workbook_with_one_cell_at_the_last_column_imports_within_bounds(
    central: Path, tmp_path: Path
) -> None:
    _child(
        f"""
        import openpyxl
        from pathlib import Path
        from pcsm_tui.store.repository import Repository
        from pcsm_tui.io.xlsx_import import plan_import
        book = openpyxl.Workbook()
        book.active.title = "Adoption Risks"
        book.active["XFD1048576"] = "x"
        path = Path({str(tmp_path / "wide.xlsx")!r})
        book.save(path)
        plan_import(Repository.open(Path({str(central)!r})), path, "acme")
        """,
        timeout=15,
    )


def test_a_backtracking_placeholder_pattern_is_refused_or_harmless(central: Path) -> None:
    (central / "import-rules.toml").write_text('placeholders = ["(a|a)+b"]\n')
    _child(
        f"""
        from pathlib import Path
        from pcsm_tui.io.rules import load_rules
        try:
            rules = load_rules(Path({str(central)!r}))
        except Exception:
            raise SystemExit(0)  # refused: fine
        rules.is_placeholder("a" * 40)
        """,
        timeout=5,
    )


# --- 11.6 personal data in commit messages, 11.7 redaction, forget and privacy --------------------


def test_a_raci_column_titled_with_a_name_stays_out_of_commit_messages(central: Path) -> None:
    from pcsm_tui.models.commitment import Raci

    repo = Repository.open(central)
    rel = "engagements/acme/raci.toml"
    loaded = repo.load(rel)
    data = Raci.model_validate(
        {
            "matrices": [
                {
                    "id": "m",
                    "name": "RACI",
                    "columns": [{"id": "c1", "title": "Whitfield, Jane"}],
                    "activities": [{"id": "a", "name": "Funding approval", "cells": {"c1": "R"}}],
                }
            ]
        }
    )
    repo.edit(loaded, data)
    loaded = repo.load(rel)
    changed = loaded.model.model_dump()
    changed["matrices"][0]["activities"][0]["cells"]["c1"] = "A"
    repo.edit(loaded, Raci.model_validate(changed))
    assert "Whitfield" not in git(central, "log", "-1", "--format=%B")


@pytest.mark.parametrize(
    "text", ["07700900123", "(020) 7946 0958", "555-123-4567", "020.7946.0958", "sue@northwind"]
)
def test_redaction_masks_every_way_of_writing_contact_details(text: str) -> None:
    from pcsm_tui.io.redact import Pseudonyms

    assert text not in Pseudonyms().text(f"call {text} today")


def test_redaction_finds_a_name_whatever_its_spacing() -> None:
    from pcsm_tui.io.redact import Pseudonyms

    who = Pseudonyms(names={"John Ashton": "Person 1"})
    assert "Ashton" not in who.text("ask John  Ashton")
