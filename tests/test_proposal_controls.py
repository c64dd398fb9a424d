"""The proposal letter with control characters in its data: Word's XML cannot hold them, so
they are shown as their escapes (as the reports do) instead of crashing the export."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pcsm_tui.cli import main

from .helpers import docx_text

SLUG = "contoso-retail"


def _plant(root: Path) -> None:
    """A bell in the addressee, an escape in the customer's name, a NUL-free C1 in a
    specific: committed, as a hand edit or a merge could bring them."""
    folder = root / "engagements" / SLUG
    proposal = folder / "proposal.toml"
    text = proposal.read_text(encoding="utf-8")
    text = text.replace('addressee = "Hannah Cole', 'addressee = "Hannah\\u0007 Cole', 1)
    text = text.replace("- Monthly review", "- Monthly\\u0085 review", 1)
    proposal.write_text(text, encoding="utf-8")
    engagement = folder / "engagement.toml"
    text = engagement.read_text(encoding="utf-8")
    assert 'customer = "Contoso' in text
    engagement.write_text(
        text.replace('customer = "Contoso', 'customer = "\\u001b[31mContoso', 1), encoding="utf-8"
    )
    subprocess.run(["git", "-C", str(root), "commit", "-qam", "controls"], check=True)


@pytest.mark.parametrize("form", ["docx", "md"])
def test_proposal_with_control_characters_exports(
    demo_copy: Path, tmp_path: Path, form: str
) -> None:
    _plant(demo_copy)
    target = tmp_path / f"proposal.{form}"
    argv = ["export", SLUG, "--tool", "proposal", f"--{form}", str(target)]
    assert main([*argv, "--repo", str(demo_copy)]) == 0
    text = docx_text(target) if form == "docx" else target.read_text(encoding="utf-8")
    assert "Hannah\\a Cole" in text or "Hannah\\x07 Cole" in text, text[:400]
    assert "\x07" not in text and "\x1b" not in text and "\x85" not in text
    assert "[31mContoso" in text
