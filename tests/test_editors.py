"""Editors (issue 17.5): taplo, set up by pcsm, checks every file against its schema with the
repository's scales, and its formatter leaves what pcsm writes exactly as it is."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from pcsm_tui.cli import main
from pcsm_tui.framework.catalogue import FILE_MODELS
from pcsm_tui.models.scales import Scale
from pcsm_tui.schemas import check_schemas, package_schema_dir, render_schemas
from pcsm_tui.schemas.editor import (
    SCHEMA_DIR,
    TAPLO_CONFIG,
    file_globs,
    stale_editor_files,
)
from pcsm_tui.store.layout import Layout, classify
from pcsm_tui.store.repository import Repository

from .conftest import git
from .taplohelp import errors, needs_taplo, taplo

# --- the demo, as a team would open it -----------------------------------------------------


@needs_taplo
def test_taplo_checks_the_demo_clean_and_formatting_changes_nothing(demo_copy: Path) -> None:
    assert (demo_copy / TAPLO_CONFIG).is_file()
    linted = taplo(demo_copy, "lint")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    owned = len(Layout(demo_copy).owned_files())
    assert f"found files total={owned} " in linted.stderr
    formatted = taplo(demo_copy, "fmt", "--check")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    before = {p: p.read_bytes() for p in Layout(demo_copy).owned_files()}
    assert taplo(demo_copy, "fmt").returncode == 0  # what format-on-save does
    assert {p: p.read_bytes() for p in before} == before
    assert git(demo_copy, "status", "--porcelain") == ""


@needs_taplo
def test_every_file_of_the_demo_is_checked_against_its_schema(demo_copy: Path) -> None:
    """Break `format_version` in every file: taplo must object in each one (no file is
    left without a schema)."""
    files = [Layout(demo_copy).rel(p) for p in Layout(demo_copy).owned_files()]
    for rel in files:
        path = demo_copy / rel
        text = path.read_text()
        assert "format_version = 1\n" in text, rel
        path.write_text(text.replace("format_version = 1\n", 'format_version = "one"\n', 1))
    linted = taplo(demo_copy, "lint")
    found = errors(linted.stdout + linted.stderr)
    assert sorted(Path(p).relative_to(demo_copy).as_posix() for p in found) == sorted(files)
    assert all(messages == ['"one" is not of type "integer"'] for messages in found.values())


def test_the_rules_map_every_file_to_its_own_kind(demo_dir: Path) -> None:
    globs = file_globs()
    assert sorted(globs) == sorted(FILE_MODELS)
    for path in Layout(demo_dir).owned_files():
        rel = PurePosixPath(Layout(demo_dir).rel(path))
        matched = [
            kind
            for kind, patterns in globs.items()
            for pattern in patterns
            if len(PurePosixPath(pattern).parts) == len(rel.parts) and rel.match(pattern)
        ]
        found = classify(rel)
        assert found is not None and matched == [found.kind], rel
    assert not PurePosixPath("engagements/a/stakeholder-plan/notes.toml").match(
        globs["stakeholder-plan"][0]
    )


@needs_taplo
def test_a_new_engagement_is_clean_for_taplo(repo: Repository, tmp_path: Path) -> None:
    """`pcsm new` writes nested tables (readiness, value checklists) in taplo's layout."""
    linted = taplo(repo.root, "lint")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    formatted = taplo(repo.root, "fmt", "--check")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    readiness = (repo.root / "engagements/acme/readiness.toml").read_text()
    assert "\n  [[checklists.items]]\n" in readiness


# --- ranges: the repository's own scales -------------------------------------------------


def _plan_month(support: int) -> str:
    return (
        "format_version = 1\n\n[[assessments]]\n"
        f'id = "cfo"\nstakeholder = "cfo"\nauthority = 5\ninterest = 5\nsupport = {support}\n'
    )


@needs_taplo
def test_taplo_reports_support_outside_a_0_to_10_repository(tmp_path: Path) -> None:
    root = tmp_path / "central"
    assert main(["init", str(root)]) == 0
    month = root / "engagements/acme/stakeholder-plan/2026-05.toml"
    month.parent.mkdir(parents=True)
    month.write_text(_plan_month(10))
    assert taplo(root, "lint").returncode == 0
    month.write_text(_plan_month(11))
    linted = taplo(root, "lint")
    assert linted.returncode == 1
    assert errors(linted.stdout + linted.stderr) == {
        str(month): ["11 is greater than the maximum of 10"]
    }


@needs_taplo
def test_scales_edited_in_pcsm_toml_reach_the_editor_after_a_refresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    Repository.init(root)
    settings_file = root / "pcsm.toml"
    settings_file.write_text(
        settings_file.read_text().replace("[scales]", '[scales]\nsupport = "-5..+5"')
    )
    git(root, "commit", "-qam", "repository: support on -5..+5")
    capsys.readouterr()
    # Stale: validate warns, the check fails, nothing is written by reading.
    assert main(["validate", "--strict", str(root)]) == 1
    assert "pcsm schemas --write --repo" in capsys.readouterr().out
    assert main(["schemas", "--check", "--repo", str(root)]) == 1
    assert git(root, "status", "--porcelain") == ""
    head = git(root, "rev-parse", "HEAD").strip()
    assert main(["schemas", "--write", "--repo", str(root)]) == 0
    assert git(root, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert git(root, "status", "--porcelain") == ""
    subject = git(root, "log", "-1", "--format=%s")
    assert subject == "repository: editor settings for taplo (risk 0..5, support -5..+5)\n"
    assert sorted(git(root, "show", "--name-only", "--format=", "HEAD").split()) == [
        f"{SCHEMA_DIR}/stakeholder-plan.schema.json",
        TAPLO_CONFIG,
    ]
    assert main(["schemas", "--check", "--repo", str(root)]) == 0
    assert main(["validate", "--strict", str(root)]) == 0
    # Up to date: a second refresh commits nothing.
    assert main(["schemas", "--write", "--repo", str(root)]) == 0
    assert git(root, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    month = root / "engagements/acme/stakeholder-plan/2026-05.toml"
    month.parent.mkdir(parents=True)
    month.write_text(_plan_month(-5))
    assert taplo(root, "lint").returncode == 0
    month.write_text(_plan_month(6))
    linted = taplo(root, "lint")
    assert errors(linted.stdout + linted.stderr) == {
        str(month): ["6 is greater than the maximum of 5"]
    }
    assert Repository(root).scales()["support"] == Scale(-5, 5)


@pytest.mark.parametrize("damage", ["edit config", "delete schema", "extra schema"])
def test_validate_notices_a_set_up_that_no_longer_fits(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    Repository.init(root)
    assert main(["validate", "--strict", str(root)]) == 0
    if damage == "edit config":
        config = root / TAPLO_CONFIG
        config.write_text(
            config.read_text().replace("indent_tables = true", "indent_tables = false")
        )
    elif damage == "delete schema":
        (root / SCHEMA_DIR / "risks.schema.json").unlink()
    else:
        (root / SCHEMA_DIR / "old-kind.schema.json").write_text("{}")
    capsys.readouterr()
    assert main(["validate", "--strict", str(root)]) == 1
    assert "refresh it with `pcsm schemas --write --repo" in capsys.readouterr().out
    assert main(["schemas", "--write", "--repo", str(root)]) == 0
    assert main(["validate", "--strict", str(root)]) == 0
    assert git(root, "status", "--porcelain") == ""


def test_an_existing_repository_gets_the_editor_files_as_one_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "central"
    Repository.init(root)
    git(root, "rm", "-rq", TAPLO_CONFIG, ".pcsm")
    git(root, "commit", "-qm", "a repository from before editor support")
    assert main(["schemas", "--check", "--repo", str(root)]) == 1
    assert main(["validate", "--strict", str(root)]) == 0  # no editor set-up: no advice
    monkeypatch.chdir(root)  # inside a repository's folder, --repo . is implied
    assert main(["schemas", "--write"]) == 0
    shown = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert len(shown) == len(FILE_MODELS) + 1 and TAPLO_CONFIG in shown
    assert stale_editor_files(root, Repository(root).scales()) == ([], [])


def test_a_taplo_config_of_the_teams_own_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    root.mkdir()
    own = "# our own taplo settings\n[formatting]\nalign_entries = true\n"
    (root / TAPLO_CONFIG).write_text(own)
    Repository.init(root)
    assert (root / TAPLO_CONFIG).read_text() == own
    assert not (root / SCHEMA_DIR).exists()
    capsys.readouterr()
    assert main(["schemas", "--write", "--repo", str(root)]) == 1
    assert "not written by pcsm" in capsys.readouterr().err
    assert (root / TAPLO_CONFIG).read_text() == own
    assert main(["validate", "--strict", str(root)]) == 0


# --- the schemas themselves ---------------------------------------------------------------


def _nodes(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [n for item in value for n in _nodes(item)]
    if isinstance(value, dict):
        return [value, *(n for item in value.values() for n in _nodes(item))]
    return []


def test_schemas_say_plainly_what_is_wanted() -> None:
    scales = {"support": Scale(-5, 5), "risk": Scale(1, 9)}
    for name, text in render_schemas(scales).items():
        for node in _nodes(json.loads(text)):
            assert {"type": "null"} not in node.get("anyOf", []), name
            assert node.get("default", 0) is not None, name
            assert "x-pcsm-scale" not in node, name
            if "enum" in node:
                docs = node["x-taplo"]["docs"]["enumValues"]
                assert len(docs) == len(node["enum"]) and all(docs), (name, node["enum"])
    plan = json.loads(render_schemas(scales)["stakeholder-plan.schema.json"])
    support = plan["$defs"]["Assessment"]["properties"]["support"]
    assert (support["minimum"], support["maximum"], support["type"]) == (-5, 5, "integer")
    risks = json.loads(render_schemas(scales)["risks.schema.json"])
    for field in ("likelihood", "severity"):
        rated = risks["$defs"]["Risk"]["properties"][field]
        assert (rated["minimum"], rated["maximum"], rated["type"]) == (1, 9, "integer")
        assert "1..9" in rated["description"]
    generic = json.loads(render_schemas()["risks.schema.json"])
    assert "minimum" not in generic["$defs"]["Risk"]["properties"]["likelihood"]


def test_the_package_ships_current_schemas() -> None:
    assert check_schemas(package_schema_dir()) == []
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["setuptools"]["package-data"]["pcsm_tui"]
    assert "schemas/json/*.schema.json" in shipped


def test_pcsm_schemas_lists_the_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]
    assert sorted(Path(p).name for p in listed) == sorted(render_schemas())
    assert all(Path(p).is_file() for p in listed)


def test_the_log_names_the_editor_files_without_printing_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "central"
    Repository.init(root)
    capsys.readouterr()
    assert main(["log", "--repo", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"{SCHEMA_DIR}/risks.schema.json (added)" in out
    assert "$defs" not in out and "indent_tables" not in out
    assert len(out.splitlines()) < 40 + 3 * (len(FILE_MODELS) + 1)  # not the 3,000 lines of JSON
