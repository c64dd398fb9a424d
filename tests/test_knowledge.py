"""The knowledge base: every engagement's evaluation entries, searched by words and filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pcsm_tui.analysis.knowledge import KnowledgeEntry, KnowledgeQuery, fold, matches, search
from pcsm_tui.cli import main
from pcsm_tui.service import Workspace


def found(root: Path, **query: object) -> list[KnowledgeEntry]:
    entries, _base = Workspace(root).search_knowledge(KnowledgeQuery(**query))  # type: ignore[arg-type]
    return entries


def test_every_engagement_contributes(demo_copy: Path) -> None:
    base = Workspace(demo_copy).knowledge()
    assert {e.engagement for e in base.entries} == {
        "contoso-retail",
        "fabrikam-health",
        "northwind-emea",
    }
    assert base.unreadable == {}


def test_words_match_in_any_case_and_order(demo_copy: Path) -> None:
    hits = found(demo_copy, text="WARD handover")
    assert [(e.engagement, e.entry_id) for e in hits] == [("fabrikam-health", "lessons-learned-1")]
    assert found(demo_copy, text="ward nothing-like-this") == []


@pytest.mark.parametrize(
    ("query", "engagements"),
    [
        ({"category": "Lessons Learned"}, {"contoso-retail", "fabrikam-health", "northwind-emea"}),
        ({"category": "tools-templates"}, {"contoso-retail", "northwind-emea"}),
        ({"engagement": "fabrikam-health"}, {"fabrikam-health"}),
        ({"csm": "Dev Patel"}, {"contoso-retail"}),
        ({"csm": "sam-okafor"}, {"fabrikam-health"}),
        ({"phase": 4}, {"fabrikam-health"}),
        ({"since": dt.date(2026, 11, 1)}, {"contoso-retail", "fabrikam-health"}),
        ({"until": dt.date(2026, 9, 30)}, {"fabrikam-health"}),
    ],
)
def test_each_filter(demo_copy: Path, query: dict[str, object], engagements: set[str]) -> None:
    hits = found(demo_copy, **query)
    assert hits and {e.engagement for e in hits} == engagements


def test_newest_first_and_undated_last(demo_copy: Path) -> None:
    hits = found(demo_copy)
    dates = [e.date for e in hits]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates.index(None) == len(dated)  # every undated entry after the dated ones


def test_an_unreadable_evaluation_is_named_not_skipped(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = demo_copy / "engagements/contoso-retail/evaluation.toml"
    broken.write_text("entries = [", encoding="utf-8")
    base = Workspace(demo_copy).knowledge()
    assert list(base.unreadable) == ["engagements/contoso-retail/evaluation.toml"]
    assert {e.engagement for e in base.entries} == {"fabrikam-health", "northwind-emea"}
    assert main(["knowledge", "search", "--repo", str(demo_copy)]) == 1
    err = capsys.readouterr().err
    assert "engagements/contoso-retail/evaluation.toml was left out" in err


def test_cli_text_and_json(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "search", "shift", "--repo", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert "Lessons Learned · Fabrikam Health (fabrikam-health) · phase 3 · Sam Okafor" in out
    assert out.rstrip().endswith(f"1 of {len(Workspace(demo_copy).knowledge().entries)} entries")
    args = ["knowledge", "search", "--category", "successes-to-celebrate", "--format", "json"]
    assert main([*args, "--repo", str(demo_copy)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {e["category"] for e in data["entries"]} == {"successes-to-celebrate"}
    assert data["unreadable"] == {}
    assert main(["knowledge", "search", "--phase", "9", "--repo", str(demo_copy)]) == 2


def test_hostile_text_is_shown_as_text(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = demo_copy / "engagements/fabrikam-health/evaluation.toml"
    text = path.read_text(encoding="utf-8").replace(
        "Readiness items", "Readiness \\u001b]0;pwned\\u0007 items", 1
    )
    path.write_text(text, encoding="utf-8")
    assert main(["knowledge", "search", "pwned", "--repo", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b]0;pwned" in out


ENTRY = KnowledgeEntry(
    "e", "Café Ölmühle", "p", "Zoë", "x", "lessons-learned", "Lessons", 3, "", None
)


@given(st.text(min_size=1, max_size=40))
@example("㋌")  # decomposes into "Hg": case must be folded after the decomposition
def test_any_text_finds_itself_in_any_case(text: str) -> None:
    entry = KnowledgeEntry(**{**ENTRY.__dict__, "text": text})
    assert matches(entry, KnowledgeQuery(text=text.upper()))
    assert matches(entry, KnowledgeQuery(text=" ".join(reversed(text.split()))))
    assert search([entry], KnowledgeQuery(text=fold(text))) == [entry]


def test_latin_letters_that_do_not_decompose_match_their_plain_letters() -> None:
    entry = KnowledgeEntry(**{**ENTRY.__dict__, "text": "Nørd Æble: Straße in Łódź"})
    assert matches(entry, KnowledgeQuery(text="nord aeble strasse lodz"))


def test_accents_are_ignored() -> None:
    assert matches(ENTRY, KnowledgeQuery(text="cafe olmuhle", csm="zoe"))
    assert not matches(ENTRY, KnowledgeQuery(since=dt.date(2020, 1, 1)))  # undated
