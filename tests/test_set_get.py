"""`pcsm set` and `pcsm get`: any field from a script, through the app's own save path."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.framework.catalogue import TOOLS
from pcsm_tui.models.address import BadAddress, parse_address
from pcsm_tui.store.repository import Repository

from .conftest import git, scaled
from .helpers import commits as count
from .helpers import run_cli as pcsm

NORTHWIND = "engagements/northwind-emea"


def test_set_nested_rows_dates_choices_and_clearing_is_one_commit(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = count(demo_copy)
    code, out, err = pcsm(
        capsys,
        *("set", "northwind-emea", "raci"),
        "matrices[main].activities[determine-scope].cells[cfo]=c/i",
        *("--repo", str(demo_copy)),
    )
    assert code == 0, err
    assert out.startswith("committed ") and "CFO: I → C/I" in out
    raci = tomllib.loads((demo_copy / f"{NORTHWIND}/raci.toml").read_text())
    scope = next(a for a in raci["matrices"][0]["activities"] if a["id"] == "determine-scope")
    assert scope["cells"]["cfo"] == "C/I"
    code, out, err = pcsm(
        capsys,
        *("set", "northwind-emea", "engagement", "status=Paused", "end_date=2027-03-31"),
        *("--repo", str(demo_copy)),
    )
    assert code == 0, err
    data = tomllib.loads((demo_copy / f"{NORTHWIND}/engagement.toml").read_text())
    assert data["status"] == "paused" and str(data["end_date"]) == "2027-03-31"
    assert count(demo_copy) == before + 2
    code, _, err = pcsm(
        capsys, "set", "northwind-emea", "engagement", "end_date=", "--repo", str(demo_copy)
    )
    assert code == 0, err
    assert "end_date" not in (demo_copy / f"{NORTHWIND}/engagement.toml").read_text()
    message = git(demo_copy, "log", "-1", "--format=%B")
    assert "end_date: 2027-03-31 → (empty)" in message


def test_refusals_exit_1_and_write_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = git(demo_copy, "rev-parse", "HEAD")
    repo = ("--repo", str(demo_copy))
    cases = [
        (
            ["risks[erp-delay].likelihood=9"],
            "Likelihood: 9 is outside the allowed range; it takes from 0 to 5",
        ),
        (["risks[erp-delay].likelihood=high"], "'high' is not a whole number"),
        (["risks[nope].likelihood=2"], "no row 'nope'"),
    ]
    for assignments, said in cases:
        code, _, err = pcsm(capsys, "set", "northwind-emea", "risks", *assignments, *repo)
        assert code == 1 and said in err, err
    code, _, err = pcsm(capsys, "set", "northwind-emea", "engagement", "customer=", *repo)
    assert code == 1 and "Customer cannot be empty" in err
    assert git(demo_copy, "rev-parse", "HEAD") == head
    assert git(demo_copy, "status", "--porcelain") == ""


def test_usage_errors_exit_2_and_say_what_is_possible(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = ("--repo", str(demo_copy))
    cases = [
        (["set", "nobody", "risks", "x=1"], "there is no engagement 'nobody'"),
        (["set", "northwind-emea", "riskz", "x=1"], "unknown tool 'riskz'; the tools are:"),
        (["set", "northwind-emea", "risks", "risks[erp-delay].likelyhood=1"], "no field"),
        (["set", "northwind-emea", "risks", "likelihood"], "is not PATH=VALUE"),
        (["set", "northwind-emea", "stakeholder-plan", "strategies=1"], "needs --month"),
        (["get", "northwind-emea", "risks", "risks[erp-delay]..x"], "is not a field name"),
    ]
    for args, said in cases:
        code, _, err = pcsm(capsys, *args, *repo)
        assert code == 2 and said in err, (args, err)
    code, _, _ = pcsm(capsys, "set", "northwind-emea", "risks", "--repo", str(demo_copy))
    assert code == 2  # argparse: at least one PATH=VALUE


def test_get_prints_toml_plain_values_and_json(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = ("--repo", str(demo_copy))
    code, out, _ = pcsm(
        capsys, "get", "northwind-emea", "risks", "risks[erp-delay].likelihood", *repo
    )
    assert (code, out) == (0, "3\n")
    code, out, _ = pcsm(capsys, "get", "northwind-emea", "risks", "risks[erp-delay]", *repo)
    assert code == 0 and tomllib.loads(out)["name"] == "ERP integration late"
    code, out, _ = pcsm(capsys, "get", "northwind-emea", "risks", "--format", "json", *repo)
    assert code == 0 and json.loads(out)["risks"][0]["id"] == "erp-delay"
    months = sorted(p.stem for p in (demo_copy / NORTHWIND / "stakeholder-plan").glob("*.toml"))
    code, out, _ = pcsm(
        capsys, "get", "northwind-emea", "stakeholder-plan", "--month", months[-1], *repo
    )
    assert code == 0 and "assessments" in tomllib.loads(out)


def test_every_tool_field_can_be_addressed_and_read_back(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every top-level field of every engagement tool of the demo reads back through `get`."""
    repository = Repository.open(demo_copy)
    months = repository.layout.plan_months("northwind-emea")
    for tool in TOOLS:
        if tool.scope == "person":
            continue
        month = ("--month", months[-1]) if tool.scope == "monthly" else ()
        code, out, err = pcsm(
            capsys,
            "get",
            "northwind-emea",
            tool.id,
            "--format",
            "json",
            *month,
            "--repo",
            str(demo_copy),
        )
        assert code == 0, (tool.id, err)
        for key in json.loads(out):
            if key == "format_version":
                continue
            parse_address(tool.model, key)


@settings(max_examples=scaled(60), suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30))
def test_any_address_text_is_parsed_or_refused_with_a_message(text: str) -> None:
    from pcsm_tui.models.commitment import Raci

    try:
        address = parse_address(Raci, text)
    except BadAddress as error:
        assert str(error)
    else:
        assert address.path and address.path[0] == "matrices"
