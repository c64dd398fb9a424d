"""The guidance reads a hostile repository safely: health, the support trend and `pcsm guide`
never read through a link, a team's odd framework.toml never crashes the first screen, text
from the data reaches the terminal escaped, and a refused save is reported, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcsm_tui.analysis.health import HEALTH_KINDS
from pcsm_tui.analysis.portfolio import PortfolioRow
from pcsm_tui.analysis.view import read_view
from pcsm_tui.cli import main
from pcsm_tui.framework import default_framework
from pcsm_tui.models.scales import DEFAULT_SCALES
from pcsm_tui.service import Workspace

TODAY = dt.date(2026, 11, 22)
NORTHWIND = "northwind-emea"


def _row(root: Path, slug: str = NORTHWIND) -> PortfolioRow:
    return {row.slug: row for row in Workspace(root, TODAY).portfolio()}[slug]


def test_a_plan_folder_that_is_a_link_is_never_read(demo_copy: Path, tmp_path: Path) -> None:
    """The months behind a linked stakeholder-plan folder (elsewhere on the machine) are not
    read: no support trend from them, in the portfolio row or the lenient view."""
    folder = demo_copy / "engagements" / NORTHWIND
    outside = tmp_path / "elsewhere"
    shutil.move(folder / "stakeholder-plan", outside)
    (folder / "stakeholder-plan").symlink_to(outside, target_is_directory=True)
    row = _row(demo_copy)
    assert row.support_trend == ()
    view = read_view(folder, default_framework(), DEFAULT_SCALES, HEALTH_KINDS, 6)
    assert view.months == {}


def test_a_health_file_that_is_a_link_is_named_and_not_read(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """value-kpis.toml (read for health only) as a link to a file outside: the row says so
    at file:line:col, its KPIs do not count, and `pcsm guide` refuses with the reason."""
    folder = demo_copy / "engagements" / NORTHWIND
    outside = tmp_path / "kpis.toml"
    shutil.move(folder / "value-kpis.toml", outside)
    (folder / "value-kpis.toml").symlink_to(outside)
    row = _row(demo_copy)
    problem = row.problem
    assert problem.startswith("value-kpis.toml:1:1: ") and "symbolic link" in problem
    assert not any("KPI" in reason for reason in row.health_reasons)
    view = read_view(folder, default_framework(), DEFAULT_SCALES, ["value-kpis"])
    assert "value-kpis" not in view.files
    assert view.problems and "symbolic link" in view.problems[0]
    code = main(["guide", NORTHWIND, "--repo", str(demo_copy)])
    out, err = capsys.readouterr()
    assert code == 1 and "value-kpis.toml" in err and "symbolic link" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("health", ["5", '"x"', "[1, 2]"])
def test_a_health_section_of_the_wrong_type_does_not_stop_the_portfolio(
    demo_copy: Path, health: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo_copy / "framework.toml").write_text(f"format_version = 1\nhealth = {health}\n")
    assert _row(demo_copy).health in ("green", "amber", "red")
    assert main([str(demo_copy)]) == 0  # not a terminal: the summary
    out, err = capsys.readouterr()
    assert "northwind-emea" in out and "framework.toml" in out and "Traceback" not in err


def test_text_from_the_data_reaches_the_terminal_escaped(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_copy / "engagements" / NORTHWIND / "engagement.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('customer = "Northwind Manufacturing"', 'customer = "Evil\\u001b]0;x\\u0007"'),
        encoding="utf-8",
    )
    for form in ("text", "json"):
        assert main(["guide", NORTHWIND, "--format", form, "--repo", str(demo_copy)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
        assert ("\\x1b" if form == "text" else "\\u001b") in out


HOLDER = """
import sys
from pathlib import Path
from pcsm_tui.store.lock import hold
with hold(Path(sys.argv[1]).resolve(), "importing a workbook"):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_recording_a_report_while_another_pcsm_saves_is_refused_in_words(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reporting = demo_copy / "engagements" / NORTHWIND / "reporting.toml"
    before = reporting.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_copy)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    os.environ["PCSM_LOCK_TIMEOUT"] = "1"
    try:
        target = tmp_path / "report.md"
        args = ["report", NORTHWIND, "--md", str(target), "--record", "the steering committee"]
        code = main([*args, "--repo", str(demo_copy)])
        out, err = capsys.readouterr()
        assert code == 1, out + err
        assert "has held the repository lock" in err and "nothing was written" in err
        assert "Traceback" not in err and reporting.read_bytes() == before
    finally:
        del os.environ["PCSM_LOCK_TIMEOUT"]
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.parametrize("form", ["docx", "md", "html"])
def test_a_report_shows_control_characters_as_escapes(
    demo_copy: Path, tmp_path: Path, form: str
) -> None:
    """A customer name and a stakeholder's role with ESC and BEL: Word gets a document at
    all (its XML cannot hold them), Markdown, HTML and the SVG picture hold none of them."""
    folder = demo_copy / "engagements" / NORTHWIND
    for name, old, new in (
        ("engagement.toml", '"Northwind Manufacturing"', '"Evil\\u001b]0;x\\u0007 Co"'),
        ("stakeholders.toml", 'role = "CFO"', 'role = "C\\u001b[2JFO"'),
    ):
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    target = tmp_path / f"report.{form}"
    written = Workspace(demo_copy, TODAY).write_report(NORTHWIND, target, form)  # type: ignore[arg-type]
    if form == "docx":
        from docx import Document

        title = Document(str(target)).paragraphs[0].text
        assert title == "Milestone report: Evil\\x1b]0;x\\x07 Co"
        return
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text, path.name
    page = target.read_text(encoding="utf-8")
    assert "Evil" in page and "x1b" in page and "x07 Co" in page  # shown, as escapes
    assert sum("2JFO" in p.read_text(encoding="utf-8") for p in written) >= 1


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("likelihood = 3", 'likelihood = "x"'), "pcsm: risks.toml: risks[0].likelihood: "),
        (("[[risks]]", "[[[risks]]"), "pcsm: engagements/northwind-emea/risks.toml:"),
    ],
    ids=["invalid", "bad-toml"],
)
def test_guide_and_report_name_the_file_that_does_not_read(
    demo_copy: Path,
    tmp_path: Path,
    change: tuple[str, str],
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = demo_copy / "engagements" / NORTHWIND / "risks.toml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    for args in (["guide"], ["report", "--md", str(tmp_path / "r.md")]):
        assert main([args[0], NORTHWIND, *args[1:], "--repo", str(demo_copy)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(said) and "(run pcsm validate)" in err, err
    assert not (tmp_path / "r.md").exists()
