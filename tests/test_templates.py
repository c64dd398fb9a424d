"""Team templates: saved from one engagement without people and dates, starting another."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pcsm_tui.cli import main
from pcsm_tui.errors import PcsmError
from pcsm_tui.framework import default_framework
from pcsm_tui.framework.catalogue import TOOLS_BY_ID
from pcsm_tui.io.templates import PEOPLE_TARGETS, framework_ids, make_template, template_tools
from pcsm_tui.models.adoption import Risks
from pcsm_tui.models.commitment import Raci
from pcsm_tui.service import Workspace

from .conftest import git, scaled
from .strategies import model_data


def _ids(value: object) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found.add(value["id"])
        for item in value.values():
            found |= _ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _ids(item)
    return found


def _people(root: Path, slug: str) -> list[str]:
    """Every personal name and e-mail the engagement's register and the team hold."""
    register = tomllib.loads((root / "engagements" / slug / "stakeholders.toml").read_text())
    team = tomllib.loads((root / "pcsm.toml").read_text())
    found = [s["name"] for s in register["stakeholders"] if s.get("personal_data", True)]
    found += [s["email"] for s in register["stakeholders"] if s.get("email")]
    found += [m["name"] for m in team["members"]] + [m["email"] for m in team["members"]]
    return [f for f in found if f]


def test_saved_template_starts_another_engagement(demo_copy: Path) -> None:
    """Saved from northwind (risks and RACI), started in a new engagement in one commit:
    its rows are there, no name, e-mail or date of northwind is, its ids are new."""
    work = Workspace(demo_copy)
    before = int(git(demo_copy, "rev-list", "--count", "HEAD"))
    work.save_template("northwind-emea", "raci", "emea-raci")
    assert int(git(demo_copy, "rev-list", "--count", "HEAD")) == before + 1
    source = demo_copy / "engagements" / "northwind-emea"
    result = work.create_from_templates("acme", "Acme", ["adoption-risks", "emea-raci"])
    assert result.sha and int(git(demo_copy, "rev-list", "--count", "HEAD")) == before + 2
    assert set(git(demo_copy, "show", "--name-only", "--format=", "HEAD").split()) >= {
        "engagements/acme/risks.toml",
        "engagements/acme/raci.toml",
    }
    for file, rows in (("risks.toml", "risks"), ("raci.toml", "matrices")):
        old = tomllib.loads((source / file).read_text())
        new_text = (demo_copy / "engagements" / "acme" / file).read_text()
        new = tomllib.loads(new_text)
        assert [r.get("name", r.get("title")) for r in new[rows]] == [
            r.get("name", r.get("title")) for r in old[rows]
        ]
        standard = framework_ids(default_framework(), TOOLS_BY_ID[file.removesuffix(".toml")])
        assert not (_ids(new) & _ids(old)) - standard, "ids are renewed (the framework's kept)"
        for personal in _people(demo_copy, "northwind-emea"):
            assert personal not in new_text
        assert "stakeholder =" not in new_text
    risks = tomllib.loads((demo_copy / "engagements" / "acme" / "risks.toml").read_text())
    assert all("date" not in r and "identified" not in r for r in risks["risks"])
    raci = tomllib.loads((demo_copy / "engagements" / "acme" / "raci.toml").read_text())
    titles = [c["title"] for c in raci["matrices"][0]["columns"]]
    assert titles and all(titles), "a column that named a stakeholder keeps the role"
    assert main(["validate", str(demo_copy)]) == 0


def test_the_demo_history_holds_two_templates(demo_dir: Path) -> None:
    found = Workspace(demo_dir).templates()
    assert {(t.name, t.tool.id) for t in found.found} == {
        ("adoption-risks", "risks"),
        ("retail-onboarding", "onboarding-plan"),
    }
    assert found.unreadable == {}
    log = git(demo_dir, "log", "--format=%s", "--", "knowledge/templates")
    assert len(log.splitlines()) == 2


def test_compare_a_template_with_an_engagement_that_used_it(demo_copy: Path) -> None:
    work = Workspace(demo_copy)
    work.create_from_templates("acme", "Acme", ["adoption-risks"])
    assert work.compare_template("adoption-risks", "acme").changes == []

    def rename(data: dict[str, object]) -> dict[str, object]:
        risks = data["risks"]
        assert isinstance(risks, list)
        risks[0]["name"] = "ERP integration very late"
        return data

    work.change("engagements/acme/risks.toml", rename)
    changes = work.compare_template("adoption-risks", "acme").changes
    assert [c.op for c in changes] == ["set"]
    assert "ERP integration very late" in changes[0].describe(False)


def test_names_are_checked_and_kept(demo_copy: Path) -> None:
    work = Workspace(demo_copy)
    head = git(demo_copy, "rev-parse", "HEAD")
    with pytest.raises(PcsmError, match="not a template name"):
        work.save_template("northwind-emea", "risks", "../escape")
    with pytest.raises(PcsmError, match="exists already"):
        work.save_template("fabrikam-health", "risks", "adoption-risks")
    with pytest.raises(PcsmError, match="exists for Adoption Risks"):
        work.save_template("contoso-retail", "raci", "adoption-risks")
    with pytest.raises(PcsmError, match="not a tool a template"):
        work.save_template("contoso-retail", "stakeholder-plan", "x")
    with pytest.raises(PcsmError, match="no engagement"):
        work.save_template("nowhere", "risks", "x")
    assert git(demo_copy, "rev-parse", "HEAD") == head, "a refusal writes nothing"
    work.save_template("fabrikam-health", "risks", "adoption-risks", force=True)
    text = (demo_copy / "knowledge/templates/risks/adoption-risks.toml").read_text()
    assert "ERP integration late" not in text


def test_the_shell_commands(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = ["--repo", str(demo_copy)]
    assert main(["template", "list", "--format", "json", *repo]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {t["name"] for t in listed["templates"]} == {"adoption-risks", "retail-onboarding"}
    assert main(["template", "save", "contoso-retail", "raci", "retail-raci", *repo]) == 0
    out = capsys.readouterr().out
    assert "retail-raci" in out and "left out: stakeholder references" in out
    assert main(["template", "save", "contoso-retail", "raci", "retail-raci", *repo]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (
        main(["template", "save", "contoso-retail", "raci", "retail-raci", "--force", *repo]) == 0
    )
    assert main(["template", "save", "contoso-retail", "nonsense", "x", *repo]) == 1
    assert "not a tool" in capsys.readouterr().err
    assert main(["template", "save", "contoso-retail", "raci", "Bad Name", *repo]) == 2
    assert main(["template", "save", "contoso-retail", *repo]) == 2
    assert main(["template", "show", "adoption-risks", *repo]) == 0
    assert "ERP integration late" in capsys.readouterr().out
    assert main(["template", "show", "missing", *repo]) == 1
    new = ["new", "acme", "--customer", "Acme", "--from-template", "adoption-risks,retail-raci"]
    assert main([*new, *repo]) == 0
    assert "ERP integration late" in (demo_copy / "engagements/acme/risks.toml").read_text()
    assert main(["new", "acme2", "--customer", "A", "--from-template", "nope", *repo]) == 1
    assert not (demo_copy / "engagements/acme2").exists()
    assert main(["template", "compare", "adoption-risks", "acme", *repo]) == 0
    assert "the same" in capsys.readouterr().out
    (demo_copy / "engagements/acme/risks.toml").write_text(
        (demo_copy / "engagements/acme/risks.toml").read_text().replace("ERP integration", "ERP")
    )
    assert main(["template", "compare", "adoption-risks", "acme", "--format", "json", *repo]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["path"] == "engagements/acme/risks.toml"
    assert [c["op"] for c in compared["changes"]] == ["set"]
    assert main(["validate", str(demo_copy)]) == 0


def test_an_unreadable_template_is_listed_not_used(demo_copy: Path) -> None:
    bad = demo_copy / "knowledge/templates/risks/broken.toml"
    bad.write_text("risks = [[[")
    found = Workspace(demo_copy).templates()
    assert "knowledge/templates/risks/broken.toml" in found.unreadable
    assert {t.name for t in found.found} == {"adoption-risks", "retail-onboarding"}


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
_person = st.sampled_from(["Jane Whitfield", "Omar Haddad", "Li Wei"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "name": st.text("abcdefgh XYZ-", min_size=1, max_size=20).filter(str.strip),
                "strategy": st.tuples(_text, _person).map(lambda p: f"{p[0]} ask {p[1]}"),
                "accountable": _person,
                "owner": _person,
                "likelihood": st.integers(1, 5),
                "severity": st.integers(1, 5),
                "contact": st.just("jane.whitfield@example.com"),
            }
        ),
        max_size=6,
    )
)
def test_no_person_date_or_old_id_survives(rows: list[dict[str, object]]) -> None:
    """Whatever a risk list holds, its template names none of the people known, holds no
    e-mail, and no row keeps its id; every row is still there, in order."""
    data = [{"id": f"risk-{i}", **row} for i, row in enumerate(rows)]
    model = Risks.model_validate({"risks": data})
    draft = make_template(
        TOOLS_BY_ID["risks"],
        model,
        default_framework(),
        ["Jane Whitfield", "Omar Haddad", "Li Wei"],
        {},
    )
    out = draft.model.model_dump(mode="json")
    text = json.dumps(out, ensure_ascii=False)
    for person in ("Jane Whitfield", "Omar Haddad", "Li Wei", "jane.whitfield@example.com"):
        assert person not in text
    assert [r["name"] for r in out["risks"]] == [r["name"] for r in rows]
    assert not {r["id"] for r in out["risks"]} & {r["id"] for r in data}
    assert all(not r.get("owner") for r in out["risks"])


def test_a_raci_column_of_a_person_keeps_only_the_role() -> None:
    raci = Raci.model_validate(
        {
            "matrices": [
                {
                    "id": "main",
                    "title": "Main",
                    "columns": [{"id": "c1", "stakeholder": "jane"}, {"id": "c2", "title": "IT"}],
                    "activities": [
                        {"id": "a1", "name": "Sign off", "cells": {"c1": "A", "c2": "R"}}
                    ],
                }
            ]
        }
    )
    draft = make_template(
        TOOLS_BY_ID["raci"], raci, default_framework(), ["Jane Doe"], {}, roles={"jane": "CFO"}
    )
    matrix = draft.model.model_dump(mode="json")["matrices"][0]
    columns = {c["title"]: c["id"] for c in matrix["columns"]}
    assert set(columns) == {"CFO", "IT"} and "jane" not in json.dumps(matrix)
    assert matrix["activities"][0]["cells"] == {columns["CFO"]: "A", columns["IT"]: "R"}


def test_a_linked_templates_folder_is_neither_read_nor_written(
    demo_copy: Path, tmp_path: Path
) -> None:
    """A template folder or file that is a symbolic link (to anywhere) is named as unreadable
    and never followed; saving through it is refused and writes nothing outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stolen.toml").write_text("format_version = 1\nrisks = []\n")
    raci = demo_copy / "knowledge/templates/raci"
    raci.symlink_to(outside, target_is_directory=True)
    (demo_copy / "knowledge/templates/risks/linked.toml").symlink_to(outside / "stolen.toml")
    work = Workspace(demo_copy)
    found = work.templates()
    assert "knowledge/templates/raci" in found.unreadable
    assert "knowledge/templates/risks/linked.toml" in found.unreadable
    assert {t.name for t in found.found} == {"adoption-risks", "retail-onboarding"}
    with pytest.raises(PcsmError):
        work.save_template("contoso-retail", "raci", "via-link")
    assert sorted(p.name for p in outside.iterdir()) == ["stolen.toml"]


def _dates(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    if isinstance(value, dict):
        return any(_dates(v) for v in value.values())
    if isinstance(value, list):
        return any(_dates(v) for v in value)
    return False


@pytest.mark.parametrize("tool", [t.id for t in template_tools()])
@settings(
    max_examples=scaled(25),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    deadline=None,
)
@given(data=st.data())
def test_any_tool_content_makes_a_valid_template(tool: str, data: st.DataObject) -> None:
    """Whatever a tool's file holds, its template validates against the tool's model, holds
    no date and no reference to a person, and keeps no row id but the framework's."""
    entry = TOOLS_BY_ID[tool]
    try:
        model = entry.model.model_validate(data.draw(model_data(entry.model)))
    except ValidationError:
        reject()
    draft = make_template(entry, model, default_framework(), [], {})
    out = draft.model.model_dump(mode="python", exclude_none=True)
    assert type(draft.model).model_validate(out) == draft.model
    assert not _dates(out)
    standard = framework_ids(default_framework(), entry)
    assert not (_ids(out) & _ids(model.model_dump(mode="python"))) - standard
    for _loc, value in (
        pair
        for ref in entry.references
        if ref.target in PEOPLE_TARGETS
        for pair in ref.values(draft.model)
    ):
        assert not value
