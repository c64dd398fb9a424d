"""Benchmarks of Excel export and import, printed as figures (never asserted in tests).

    .venv/bin/python benchmarks/exchange.py [--runs N]

Builds the demo repository in a temporary folder and measures, on its largest engagement
(the most rows across its files): the whole-engagement export to .xlsx (the issue's target is
under 2 s), the same export redacted, reading that workbook back into an import plan (preview
and report, nothing written), and the proposal as a .docx. Figures are medians over N runs
with min and max, on this machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from timing import IDENTITY, measure

from pcsm_tui.demo import build_demo
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.proposal_doc import export_proposal
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.io.xlsx_import import plan_import
from pcsm_tui.models.base import iter_row_lists
from pcsm_tui.store.repository import Repository


def largest(repo: Repository) -> tuple[str, int]:
    """The engagement with the most rows, and its row count."""
    counts = {}
    for slug in repo.engagements():
        data = load_engagement(repo, slug)
        counts[slug] = sum(
            len(rows) for model in data.models.values() for _loc, rows in iter_row_lists(model)
        )
    slug = max(counts, key=lambda s: counts[s])
    return slug, counts[slug]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    work = Path(tempfile.mkdtemp(prefix="pcsm-bench-exchange-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; runs: {args.runs}")
    build_demo(work / "demo")
    repo = Repository.open(work / "demo")
    slug, rows = largest(repo)
    print(f"largest demo engagement: {slug} ({rows} rows)")
    book = work / "engagement.xlsx"
    measure(
        f"export {slug} to .xlsx (whole engagement)",
        args.runs,
        lambda _i: export_xlsx(repo, slug, book),
    )
    sheets = len(export_xlsx(repo, slug, book).sheets)
    print(f"{'  workbook':<52} {sheets} sheets, {book.stat().st_size // 1024} KiB")
    measure(
        "export redacted (--redact)",
        args.runs,
        lambda _i: export_xlsx(repo, slug, work / "redacted.xlsx", redact=True),
    )
    measure(
        "import plan of that workbook (preview + report)",
        args.runs,
        lambda _i: plan_import(repo, book, slug),
    )
    measure(
        "proposal as .docx",
        args.runs,
        lambda _i: export_proposal(repo, slug, work / "proposal.docx", "docx"),
    )
    print(f"(left in {work}; delete it when done)")


if __name__ == "__main__":
    main()
