"""The proposal as a letter (docx and Markdown), and redacted exports for sharing."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from pcsm_tui.cli import main
from pcsm_tui.framework import default_framework
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.models.commitment import Proposal
from pcsm_tui.store.repository import Repository

from .helpers import docx_text

SLUG = "northwind-emea"


def test_the_proposal_as_a_word_letter(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "proposal.docx"
    assert (
        main(
            ["export", SLUG, "--tool", "proposal", "--docx", str(target), "--repo", str(demo_copy)]
        )
        == 0
    )
    text = docx_text(target)
    framework = default_framework()
    assert "Customer Success Proposal: Northwind Manufacturing" in text
    assert "To: Sue Saunders, EMEA Director of Operations of Northwind Manufacturing" in text
    assert "Date: 2026-05-29" in text
    assert framework.proposal_preamble.split()[0] in text  # the standard preamble (none of its own)
    for aspect in framework.proposal_aspects:
        assert f"{aspect.name}: {aspect.description}" in text
    assert "Weekly onboarding stand-up; sign-off of onboarding by 31 July" in text
    assert "Name | Maria Lopez | Sue Saunders" in text
    assert "Email | maria.lopez@larkspur.example | sue.saunders@northwind.example" in text
    assert "Signature | signed | signed" in text
    assert "Date | 2026-05-29 | 2026-06-03" in text


def test_a_draft_proposal_in_markdown_has_blank_signature_lines(
    repo: Repository, tmp_path: Path
) -> None:
    target = tmp_path / "proposal.md"
    assert (
        main(
            ["export", "acme", "--tool", "proposal", "--md", str(target), "--repo", str(repo.root)]
        )
        == 0
    )
    text = target.read_text()
    assert text.startswith("# Customer Success Proposal: Acme Corp\n")
    assert "*Status: draft*" in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Onboarding",
        "## Adoption",
        "## Value creation",
        "## Reporting",
        "## Contacts",
        "## Signatures",
    ]
    assert text.count("(to be agreed)") == 4
    assert "| Signature | ______________________________ | ______________________________ |" in text


def _personal_strings(repo: Repository) -> list[str]:
    data = load_engagement(repo, SLUG)
    found = []
    for stakeholder in data.register.stakeholders:
        if stakeholder.personal_data:
            found.append(stakeholder.name)
            if stakeholder.contact:
                found.append(stakeholder.contact)
    for member in repo.settings.members:
        found += [member.name, member.email]
    proposal = data.tool("proposal.toml", Proposal)
    for contact in (proposal.csm_contact, proposal.spl_contact):
        found += [contact.name, contact.email, contact.mobile, contact.work_phone]
    return [s for s in found if s]


def test_redacted_workbook_has_no_names_contacts_or_emails(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    target = tmp_path / "shared.xlsx"
    assert main(["export", SLUG, "--xlsx", str(target), "--redact", "--repo", str(demo_copy)]) == 0
    book = load_workbook(target)
    cells = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    text = "\n".join(cells)
    secrets = _personal_strings(repo)
    assert len(secrets) > 20
    leaked = [s for s in secrets if s.lower() in text.lower()]
    assert leaked == []
    assert "@" not in text
    assert "Stakeholder 1 (CFO)" in text
    assert "maria-lopez" not in text  # member ids are names too
    assert "Personal data" in text  # the register sheet is there, pseudonymized
    assert "[redacted]" in text


def test_redacted_proposal_letter(demo_copy: Path, tmp_path: Path) -> None:
    repo = Repository.open(demo_copy)
    target = tmp_path / "proposal.docx"
    assert (
        main(
            [
                "export",
                SLUG,
                "--tool",
                "proposal",
                "--docx",
                str(target),
                "--redact",
                "--repo",
                str(demo_copy),
            ]
        )
        == 0
    )
    text = docx_text(target)
    assert [s for s in _personal_strings(repo) if s in text] == []
    assert "Team member 1 (Senior Customer Success Manager)" in text
