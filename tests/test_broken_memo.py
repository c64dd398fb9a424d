"""Which of an engagement's files do not read is asked at every opening; the answer is kept
per file under its stamps so that an opening does not parse every file again. The memo
must never hide a file broken since: not when the writer puts the old size and
modification time back, not when the break came within the same clock tick."""

from __future__ import annotations

import os

from pcsm_tui.service import Workspace
from pcsm_tui.store.repository import Repository

OLD = 1_700_000_000_000_000_000  # a modification time long past: the memo trusts it


def test_a_file_broken_with_its_old_size_and_time_is_still_seen(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    raci = repo.root / "engagements" / "acme" / "raci.toml"
    text = raci.read_text(encoding="utf-8")
    os.utime(raci, ns=(OLD, OLD))
    assert workspace.engagement_broken("acme") == {}
    assert workspace.engagement_broken("acme") == {}  # from the memo
    # Same length, same modification time: only the change time tells.
    broken = text.replace("[", "{", 1)
    assert len(broken) == len(text)
    raci.write_text(broken, encoding="utf-8")
    os.utime(raci, ns=(OLD, OLD))
    assert list(workspace.engagement_broken("acme")) == ["engagements/acme/raci.toml"]


def test_a_file_broken_and_mended_is_seen_each_time(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    raci = repo.root / "engagements" / "acme" / "raci.toml"
    assert workspace.engagement_broken("acme") == {}
    raci.write_text("not = [toml", encoding="utf-8")
    assert list(workspace.engagement_broken("acme")) == ["engagements/acme/raci.toml"]
    raci.write_text("", encoding="utf-8")
    assert workspace.engagement_broken("acme") == {}
