"""`--redact` finds names however they are spaced, contacts however they are written, and
`pcsm log --redact` hides who made each commit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.masking import mask_contacts, replace_names
from pcsm_tui.io.redact import redact
from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository, dump

PHONES = ("07700900123", "(020) 7946 0958", "555-123-4567", "020.7946.0958", "+44 20 7946 0958")
LIBRARY_PHONES = ("2125550199", "0049 30 1234567", "020 7946 0958 x204", "1-800-555-0199")
"""Forms that only libphonenumber knows: no separators, an 00 prefix, extensions."""
EMAILS = ("sue@northwind", "john.ashton@northwind.example")
NOT_PHONES = ("2026-11-20", "1,250,000", "ticket 123456", "PO 4500012345", "phase 2.3.1")


@pytest.mark.parametrize("phone", PHONES + LIBRARY_PHONES)
def test_phone_numbers_in_every_common_form_are_masked(phone: str) -> None:
    assert mask_contacts(f"call {phone} today") == "call [phone] today"


@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_with_or_without_a_domain_suffix_are_masked(email: str) -> None:
    assert mask_contacts(f"write to {email}.") == "write to [email]."


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_amounts_and_references_are_not_phone_numbers(text: str) -> None:
    assert mask_contacts(text) == text


@pytest.mark.parametrize("written", ["John  Ashton", "JOHN ASHTON", "john\nashton", "Ashton, John"])
def test_known_names_are_found_whatever_their_spacing_case_and_order(written: str) -> None:
    assert replace_names(f"met {written} today", [("John Ashton", "CFO")]) == "met CFO today"
    assert replace_names("Johnny Ashtonian", [("John Ashton", "CFO")]) == "Johnny Ashtonian"


def test_a_redacted_engagement_keeps_no_name_or_contact(demo_copy: Path) -> None:
    repo = Repository.open(demo_copy)
    note = (
        "Ask John  Ashton (or JOHN ASHTON, or Ashton, John) on "
        + ", ".join(PHONES)
        + " or "
        + " / ".join(EMAILS)
    )
    Workspace(demo_copy).change(
        "engagements/northwind-emea/risks.toml",
        lambda d: {**d, "risks": [{**d["risks"][0], "description": note}, *d["risks"][1:]]},
    )
    shown = str([dump(m) for m in redact(load_engagement(repo, "northwind-emea")).models.values()])
    for secret in ("Ashton", "ASHTON", *PHONES, *EMAILS):
        assert secret not in shown, secret
    assert "Stakeholder 1 (CFO)" in shown


def test_log_redact_hides_authors_and_their_addresses(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--redact", "-n", "40", "--repo", str(demo_dir)]) == 0
    out = capsys.readouterr().out
    for secret in ("Maria Lopez", "Dev Patel", "Sam Okafor", "@larkspur.example", "John Ashton"):
        assert secret not in out, secret
    assert "Author: Author 1 <>" in out or "Author: Author 1" in out
    assert main(["log", "--redact", "--format", "json", "-n", "5", "--repo", str(demo_dir)]) == 0
    again = capsys.readouterr().out
    assert "larkspur.example" not in again and '"author": "Author ' in again
    assert main(["log", "-n", "40", "--repo", str(demo_dir)]) == 0
    assert "Maria Lopez" in capsys.readouterr().out  # without --redact: as recorded


def test_phone_number_library_is_imported_only_when_needed() -> None:
    code = (
        "import sys\n"
        "import pcsm_tui.io.redact, pcsm_tui.io.masking as m\n"
        "assert 'phonenumbers' not in sys.modules\n"
        "m.mask_contacts('no digits here')\n"
        "assert 'phonenumbers' not in sys.modules\n"
        "m.mask_contacts('call 020 7946 0958')\n"
        "assert 'phonenumbers' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
