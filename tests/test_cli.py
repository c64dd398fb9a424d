"""The command line as a user runs it: init, new, schemas, opening a folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pcsm_tui.cli import _epilog, main
from pcsm_tui.commands import COMMANDS
from pcsm_tui.framework import default_framework
from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.schemas import render_schemas

from .conftest import git


def test_init_then_new_creates_every_tool_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    assert main(["init", str(root)]) == 0
    assert "created an empty pcsm repository" in capsys.readouterr().out
    assert (root / ".gitattributes").read_text().count("merge=pcsm") == 2
    assert (
        main(
            [
                "new",
                "acme",
                "--customer",
                "Acme Corp",
                "--initiative",
                "EMEA rollout",
                "--start",
                "2026-05-04",
                "--repo",
                str(root),
            ]
        )
        == 0
    )
    folder = root / "engagements" / "acme"
    for tool in TOOLS:
        if tool.scope == "engagement":
            assert (folder / tool.file).is_file(), tool.file
    assert (folder / "stakeholder-plan" / "2026-05.toml").is_file()
    assert (folder / "stakeholders.toml").is_file()
    framework = default_framework()
    considerations = tomllib.loads((folder / "practical-considerations.toml").read_text())
    assert [c["consideration"] for c in considerations["considerations"]] == [
        "Implementation phases",
        "User availability",
        "External dependencies",
        "Internal dependencies",
        "Financing",
        "Deadlines and timeframes",
        "Milestones and KPIs",
        "Internal and external standards",
    ]
    readiness = tomllib.loads((folder / "readiness.toml").read_text())
    assert [c["title"] for c in readiness["checklists"]] == [
        f"Adoption phase {n}" for n in range(1, 5)
    ]
    assert len(readiness["checklists"][0]["items"]) == len(framework.readiness_questions)
    value = tomllib.loads((folder / "value-checklist.toml").read_text())
    assert len(value["checklists"][0]["items"]) == 11
    proposal = tomllib.loads((folder / "proposal.toml").read_text())
    assert [a["id"] for a in proposal["aspects"]] == [
        "onboarding",
        "adoption",
        "value-creation",
        "reporting",
    ]
    assert git(root, "rev-list", "--count", "HEAD").strip() == "2"
    assert (
        git(root, "log", "-1", "--format=%s").strip()
        == "acme: engagement: engagement started (24 files)"
    )
    assert main(["validate", str(root)]) == 0


@pytest.mark.parametrize(
    "slug",
    ["a/b", "..", "../x", "bad\x07slug", "tab\tslug", "Upper", "", "-lead", "a" * 64, "new\nline"],
)
def test_unsafe_slugs_are_refused(
    tmp_path: Path, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    main(["init", str(root)])
    capsys.readouterr()
    assert main(["new", "--customer", "X", "--repo", str(root), "--", slug]) == 2
    err = capsys.readouterr().err
    assert "is not allowed: use 1-63 lower-case letters, digits and dashes" in err
    assert not (root / "engagements").exists()


def test_new_refuses_an_existing_engagement_and_unknown_csm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    main(["init", str(root)])
    assert main(["new", "acme", "--customer", "X", "--repo", str(root)]) == 0
    assert main(["new", "acme", "--customer", "Y", "--repo", str(root)]) == 1
    assert "already exists" in capsys.readouterr().err
    settings = root / "pcsm.toml"
    settings.write_text(
        settings.read_text().replace("members = []", 'members = [{id = "maria", name = "Maria"}]')
    )
    assert main(["new", "beta", "--customer", "Y", "--csm", "nobody", "--repo", str(root)]) == 2
    assert "--csm 'nobody' is not a team member; pcsm.toml lists: maria" in capsys.readouterr().err


def test_new_outside_a_repository_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "acme", "--customer", "X", "--repo", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not a pcsm repository" in err and "pcsm init" in err and "pcsm demo" in err
    assert main([str(tmp_path)]) == 2


def test_init_refuses_an_existing_repository(tmp_path: Path) -> None:
    root = tmp_path / "central"
    assert main(["init", str(root)]) == 0
    assert main(["init", str(root)]) == 1


def test_schemas_are_current_and_staleness_is_caught(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "schemas"
    assert main(["schemas", "--check", "--dir", str(shipped)]) == 0, (
        "schemas/ is stale: run `pcsm schemas --write`"
    )
    folder = tmp_path / "schemas"
    assert main(["schemas", "--write", "--dir", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(render_schemas())
    raci = folder / "raci.schema.json"
    raci.write_text(raci.read_text().replace('"R/A', '"R/X'))
    (folder / "gone.schema.json").write_text("{}")
    assert main(["schemas", "--check", "--dir", str(folder)]) == 1
    assert main(["schemas", "--dir", str(folder)]) == 2


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("init", "new", "validate", "schemas", "demo"):
        assert f"pcsm {command}" in out


def test_the_command_list_fits_an_80_column_terminal() -> None:
    """Aligned after the longest usage (100 characters), every line of `pcsm --help` wrapped
    in an 80-column terminal; each usage and summary must still be there, whole."""
    text = _epilog(80)
    assert max(len(line) for line in text.splitlines()) <= 80
    flat = " ".join(text.split())
    for command in COMMANDS:
        assert " ".join(command.usage.split()) in flat
        assert " ".join(command.summary.split()) in flat
