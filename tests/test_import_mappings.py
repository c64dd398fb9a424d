"""Remembered import mappings: a mapping chosen once is committed in `import-mappings/` with
the import, and the next workbook of the same header shape is read with it, without asking;
a broken or hostile mapping file is reported (by validate with its line), never fatal."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.cli import main
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.xlsx_import import WorkbookError, apply_import, plan_import
from pcsm_tui.models.adoption import Risks
from pcsm_tui.store.repository import Repository, dump
from pcsm_tui.store.validate import validate_repository, whole_repository

from .conftest import git, scaled
from .helpers import toml_digests as _files
from .mappinghelp import FIRST, MAP, SECOND, VALUES, team_sheet


def _risks(repo: Repository) -> list[tuple[str, int | None]]:
    data = load_engagement(repo, "acme")
    model = data.get(data.rel("risks.toml"), Risks)
    return [(r.name, r.likelihood) for r in model.risks]


def _mapping_files(repo: Repository) -> list[Path]:
    folder = repo.root / "import-mappings"
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def _commits(repo: Repository) -> int:
    return int(git(repo.root, "rev-list", "--count", "HEAD").strip())


def test_a_mapping_is_committed_with_the_import_and_reads_the_next_workbook(
    repo: Repository, tmp_path: Path
) -> None:
    first = team_sheet(tmp_path / "mai.xlsx", FIRST)
    with pytest.raises(WorkbookError, match="not sure enough"):
        plan_import(repo, first, "acme")
    before = _commits(repo)
    plan = plan_import(repo, first, "acme", mapping=MAP, values=VALUES)
    assert plan.clean, plan.report_lines()
    rel = next(w.rel for w in plan.writes if w.rel.startswith("import-mappings/"))
    assert f"  mapping remembered in {rel} for the next workbook" in plan.preview_lines()
    apply_import(repo, plan)
    assert _commits(repo) == before + 1  # the rows and the mapping: one commit
    shown = git(repo.root, "show", "--name-only", "--format=", "HEAD").split()
    assert rel in shown and "engagements/acme/risks.toml" in shown
    saved = tomllib.loads((repo.root / rel).read_text(encoding="utf-8"))
    assert saved["tool"] == "risks" and saved["headers"] == ["punkt", "stufe", "wer"]
    assert [(c["header"], c["field"]) for c in saved["columns"]] == list(MAP.items())
    pairs = {(v["text"], v["value"]) for v in saved["values"]}
    assert pairs == {("a", "4"), ("m", "3"), ("b", "1")}
    assert [f for f in validate_repository(repo.root) if f.severity == "error"] == []

    second = team_sheet(tmp_path / "juni.xlsx", SECOND, title="Juni")
    plan = plan_import(repo, second, "acme")  # no --map, no --values: remembered
    assert plan.clean, plan.report_lines()
    assert f"  mapping remembered from {rel}" in plan.preview_lines()
    assert not any(w.rel.startswith("import-mappings/") for w in plan.writes)
    apply_import(repo, plan)
    assert ("Umzug", 4) in _risks(repo) and ("Lieferant fällt aus", 3) in _risks(repo)


def test_no_remember_from_the_shell_writes_no_mapping_and_asks_again(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = team_sheet(tmp_path / "mai.xlsx", FIRST)
    args = ["import", str(first), "--engagement", "acme", "--repo", str(repo.root)]
    args += [arg for header, field in MAP.items() for arg in ("--map", f"{header}={field}")]
    args += ["--values", "likelihood:A=4,M=3,B=1"]
    assert main([*args, "--no-remember"]) == 0
    assert _mapping_files(repo) == []
    second = team_sheet(tmp_path / "juni.xlsx", SECOND)
    again = ["import", str(second), "--engagement", "acme", "--repo", str(repo.root)]
    assert main(again) == 2
    assert "not sure enough" in capsys.readouterr().err
    assert main(args) == 0  # remembered by default
    out = capsys.readouterr().out
    assert "mapping remembered in import-mappings/risks-" in out
    assert len(_mapping_files(repo)) == 1
    assert main(again) == 0
    assert "mapping remembered from import-mappings/risks-" in capsys.readouterr().out


HOSTILE = {
    "not toml": ('tool = "risks"\nheaders = [\n', "invalid TOML"),
    "unknown tool shape": ('tool = "Risks!"\nheaders = ["punkt"]\n', "tool"),
    "no headers": ('tool = "risks"\nheaders = []\n', "headers"),
    "bad field": (
        'tool = "risks"\nheaders = ["punkt"]\n\n[[columns]]\nid = "c1"\nheader = "Punkt"\n'
        'field = "DROP TABLE"\n',
        "field",
    ),
    "deep nesting": ("tool = " + "[" * 5000 + "]" * 5000 + "\n", ""),
    "not utf-8": ("\udcff", ""),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_mapping_file_is_reported_with_its_line_and_never_fatal(
    repo: Repository, tmp_path: Path, case: str
) -> None:
    text, word = HOSTILE[case]
    folder = repo.root / "import-mappings"
    folder.mkdir()
    (folder / "risks-bad.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    for findings in (validate_repository(repo.root, cache=False), whole_repository(repo.root)):
        findings = [f for f in findings if f.path == "import-mappings/risks-bad.toml"]
        assert findings and all(f.severity == "error" and f.line >= 1 for f in findings)
        assert word in " ".join(f.message for f in findings)
    findings = [f for f in validate_repository(repo.root) if f.path.startswith("import-")]
    assert findings and all(f.severity == "error" and f.line >= 1 for f in findings), findings
    assert word in " ".join(f.message for f in findings)
    first = team_sheet(tmp_path / "mai.xlsx", FIRST)
    plan = plan_import(repo, first, "acme", mapping=MAP, values=VALUES)
    assert any(
        str(p).startswith("import-mappings/risks-bad.toml: remembered mapping not used")
        for p in plan.report.notes
    ), plan.report_lines()
    before = _files(repo.root)
    apply_import(repo, plan)
    assert _files(repo.root) != before
    assert (folder / "risks-bad.toml").read_bytes() == text.encode("utf-8", "surrogateescape")


TEXTS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda t: t.strip() and not t.strip().startswith(("=", "[", "<", "e.g", "#")))


@settings(
    max_examples=scaled(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(TEXTS, min_size=1, max_size=6, unique_by=lambda t: t.strip().lower()),
    levels=st.lists(st.sampled_from("AMB"), min_size=6, max_size=6),
    scale=st.permutations(["1", "3", "4"]),
)
def test_a_remembered_mapping_reads_a_workbook_as_the_explicit_mapping_does(
    tmp_path_factory: pytest.TempPathFactory,
    names: list[str],
    levels: list[str],
    scale: list[str],
) -> None:
    """The same workbook into two fresh repositories: once with --map/--values, once with
    only the mapping a first import remembered. The files written are the same."""
    folder = tmp_path_factory.mktemp("same")
    rows = [(n, levels[i], "x") for i, n in enumerate(names)]
    values = {"likelihood": dict(zip("AMB", scale, strict=True))}
    explicit, teacher, remembered = (
        Repository.init(folder / name, name="Test team")
        for name in ("explicit", "teacher", "remembered")
    )
    for repo in (explicit, teacher, remembered):
        repo.new_engagement("acme", "Acme Corp", initiative="Rollout", csm="")
    teach = team_sheet(folder / "teach.xlsx", [("Erstes", "A", "y")])
    apply_import(teacher, plan_import(teacher, teach, "acme", mapping=MAP, values=values))
    shutil.copytree(teacher.root / "import-mappings", remembered.root / "import-mappings")
    workbook = team_sheet(folder / "book.xlsx", rows)
    by_hand = plan_import(explicit, workbook, "acme", mapping=MAP, values=values, remember=False)
    by_memory = plan_import(remembered, workbook, "acme")
    assert by_hand.clean and by_memory.clean
    assert [str(p) for p in by_memory.report.problems] == [str(p) for p in by_hand.report.problems]
    got = {w.rel: dump(w.model) for w in by_memory.writes if w.model is not None}
    want = {w.rel: dump(w.model) for w in by_hand.writes if w.model is not None}
    assert got == want and got
