"""The repository's paper (`[export] paper` in pcsm.toml): the letter and the sheets' print
set-up are A4 unless the team says Letter; a value pcsm does not know is reported with the
file and line, never printed on a guess without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pcsm_tui.cli import main
from pcsm_tui.io.proposal_doc import export_proposal
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.store.repository import Repository


def _set_paper(repo: Repository, paper: str) -> Repository:
    settings = repo.root / "pcsm.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f'\n[export]\npaper = "{paper}"\n',
        encoding="utf-8",
    )
    return Repository.open(repo.root)


def _letter_cm(path: Path) -> tuple[float, float]:
    section = Document(str(path)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    return round(section.page_width.cm, 2), round(section.page_height.cm, 2)


def _paper_codes(path: Path) -> set[int | None]:
    book = load_workbook(path)
    return {ws.page_setup.paperSize for ws in book.worksheets}


def test_a4_by_default_for_the_letter_and_every_sheet(repo: Repository, tmp_path: Path) -> None:
    export_proposal(repo, "acme", tmp_path / "letter.docx", "docx")
    export_xlsx(repo, "acme", tmp_path / "book.xlsx")
    assert _letter_cm(tmp_path / "letter.docx") == (21.0, 29.7)
    assert _paper_codes(tmp_path / "book.xlsx") == {9}


def test_letter_when_the_repository_says_so(repo: Repository, tmp_path: Path) -> None:
    repo = _set_paper(repo, "Letter")
    export_proposal(repo, "acme", tmp_path / "letter.docx", "docx")
    export_xlsx(repo, "acme", tmp_path / "book.xlsx")
    export_xlsx(repo, "acme", tmp_path / "redacted.xlsx", redact=True)
    assert _letter_cm(tmp_path / "letter.docx") == (21.59, 27.94)
    assert _paper_codes(tmp_path / "book.xlsx") == {1}
    assert _paper_codes(tmp_path / "redacted.xlsx") == {1}


def test_an_unknown_paper_is_reported_with_file_and_line(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_paper(repo, "A5")
    lines = (repo.root / "pcsm.toml").read_text(encoding="utf-8").splitlines()
    line = lines.index('paper = "A5"') + 1
    target = tmp_path / "letter.docx"
    args = ["export", "acme", "--tool", "proposal", "--docx", str(target), "--repo"]
    assert main([*args, str(repo.root)]) == 0
    err = capsys.readouterr().err
    assert f"pcsm.toml:{line}:1: export.paper: Input should be 'A4' or 'Letter'" in err
    assert "A4 paper" in err
    assert main(["validate", str(repo.root)]) == 1
    assert f"pcsm.toml:{line}:1: error: export.paper" in capsys.readouterr().out
