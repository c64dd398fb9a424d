"""Validation in proportion to change (issue 16): engagement by engagement, from a cache
keyed by blob ids, and a sync that checks what its merge brought in.

The cache must never change a result: every test compares with a whole run that reads
every file (store.validate.whole_repository)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.store.validate import whole_repository
from pcsm_tui.store.validate_units import units_of, validate_units

from .conftest import git
from .remotes import Team

ENGAGEMENT = "engagements/northwind-emea"
REGISTER = f"{ENGAGEMENT}/stakeholders.toml"
RISKS = f"{ENGAGEMENT}/risks.toml"
BAD_ROW = '\n[[risks]]\nid = "bad"\nname = "Bad"\nlikelihood = 99\n'
"""A row out of range (or, after `risks = []`, invalid TOML): an error either way."""


def _same(root: Path) -> list[str]:
    """Cached, cold and whole runs agree; the findings as text."""
    cached = validate_units(root)
    assert cached == whole_repository(root)
    assert cached == validate_units(root, cache=False)
    return [str(f) for f in cached]


def _units(root: Path) -> int:
    return sum(1 for _ in (root / "engagements").iterdir()) + sum(
        1 for _ in (root / "people").iterdir()
    )


def test_a_warm_run_reads_no_unit_and_a_change_is_read_again(demo_copy: Path) -> None:
    # A copy of the shared demo may carry its cache (another test validated it first).
    (demo_copy / ".git" / "pcsm" / "validate.json").unlink(missing_ok=True)
    fresh: list[str] = []
    assert validate_units(demo_copy, fresh=fresh) == whole_repository(demo_copy)
    assert len(fresh) == _units(demo_copy)  # cold: every unit read
    fresh.clear()
    validate_units(demo_copy, fresh=fresh)
    assert fresh == []  # warm: nothing read

    # The same size and modification time, other content: git's index notices (ctime,
    # the racy check), so the unit is read again and the error is found.
    path = demo_copy / RISKS
    text = path.read_text(encoding="utf-8")
    info = os.stat(path)
    broken = text.replace("likelihood = ", "likelihood = 9", 1)[: len(text)]
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    fresh.clear()
    found = [str(f) for f in validate_units(demo_copy, fresh=fresh)]
    assert fresh == [ENGAGEMENT]
    assert found == [str(f) for f in whole_repository(demo_copy)]
    assert any(RISKS in f and "error" in f for f in found), found


def test_top_files_reach_every_unit(demo_copy: Path) -> None:
    validate_units(demo_copy)
    settings_path = demo_copy / "pcsm.toml"
    text = settings_path.read_text(encoding="utf-8")
    # the team loses its members: every engagement's CSM now names nobody
    cut = text.split("[[members]]")[0]
    settings_path.write_text(cut + '\n[[members]]\nid = "zed"\nname = "Zed"\n', encoding="utf-8")
    fresh: list[str] = []
    found = _same(demo_copy)
    validate_units(demo_copy, fresh=fresh)
    assert any("team member" in f for f in found), found
    assert units_of(["pcsm.toml"]) is None


@pytest.mark.parametrize("where", ["staged", "committed", "untracked"])
def test_index_and_untracked_files_are_what_is_checked(demo_copy: Path, where: str) -> None:
    validate_units(demo_copy)
    month = f"{ENGAGEMENT}/stakeholder-plan/2031-01.toml"
    source = sorted((demo_copy / ENGAGEMENT / "stakeholder-plan").iterdir())[-1]
    text = source.read_text(encoding="utf-8")
    target = demo_copy / (month if where == "untracked" else RISKS)
    target.write_text(
        "format_version = 1\n[[risks]]\nid = 3\n"
        if where != "untracked"
        else text + "\nthis is not toml\n",
        encoding="utf-8",
    )
    if where != "untracked":
        git(demo_copy, "add", RISKS)
    if where == "committed":
        git(demo_copy, "commit", "-q", "-m", "hand edit", "--no-verify")
    found = _same(demo_copy)
    assert any("error" in f for f in found), found


def test_a_removed_engagement_is_checked_in_the_people_who_name_it(demo_copy: Path) -> None:
    validate_units(demo_copy)
    shutil.rmtree(demo_copy / ENGAGEMENT)
    fresh: list[str] = []
    found = [str(f) for f in validate_units(demo_copy, only=units_of([RISKS]), fresh=fresh)]
    assert all(unit.startswith("people/") for unit in fresh)
    assert any("northwind-emea" in f and "does not exist" in f for f in found), found
    assert found == [str(f) for f in whole_repository(demo_copy)]


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["break", "restore", "stage", "commit", "drop-register", "link"]),
        st.sampled_from(["northwind-emea", "contoso-retail", "fabrikam-health"]),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_any_sequence_of_changes_gives_what_a_whole_run_gives(
    demo_copy: Path, edits: list[tuple[str, str]]
) -> None:
    for action, slug in edits:
        folder = demo_copy / "engagements" / slug
        if not folder.is_dir():
            continue
        risks = folder / "risks.toml"
        if action == "break" and risks.is_file() and not risks.is_symlink():
            risks.write_text(risks.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
        elif action == "restore":
            git(demo_copy, "checkout", "-q", "HEAD", "--", f"engagements/{slug}")
        elif action == "stage":
            git(demo_copy, "add", "-A", f"engagements/{slug}")
        elif action == "commit":
            git(demo_copy, "add", "-A", f"engagements/{slug}")
            git(demo_copy, "commit", "-q", "--allow-empty", "--no-verify", "-m", "step")
        elif action == "drop-register":
            (folder / "stakeholders.toml").unlink(missing_ok=True)
        elif action == "link" and risks.is_file() and not risks.is_symlink():
            risks.unlink()
            risks.symlink_to(demo_copy / "pcsm.toml")
        _same(demo_copy)


def test_sync_checks_what_arrives_not_what_was_there(two: Team) -> None:
    """A file broken by hand in the shared history (not by pcsm) does not block every later
    sync of the team: a sync checks what its merge brings in and what it pushes."""
    alice, bob = two.alice, two.bob
    broken = "engagements/contoso-retail/risks.toml"
    path = alice.root / broken
    path.write_text(path.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    alice.git("commit", "-q", "--no-verify", "-m", "hand edit", "--", broken)
    alice.git("push", "-q")
    bob.git("pull", "-q", "--no-rebase")
    assert bob.errors()  # the broken file is in both clones

    alice.edit(RISKS, lambda data: data["risks"][0].update(name="Alice's title"), "risk")
    assert alice.sync() == 0  # pushes a valid change of another engagement
    bob.edit(REGISTER, lambda data: data["stakeholders"][0].update(notes="Bob's"), "register")
    assert bob.sync() == 0  # merges alice's change, pushes his own
    assert bob.read(RISKS)["risks"][0]["name"] == "Alice's title"

    # what arrives is still checked: a broken file in alice's next push blocks her sync
    path = alice.root / RISKS
    alice.git("pull", "-q", "--no-rebase")
    path.write_text(path.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    alice.git("commit", "-q", "--no-verify", "-m", "hand edit 2", "--", RISKS)
    assert alice.sync() != 0


def test_a_partial_run_keeps_what_it_did_not_see(demo_copy: Path) -> None:
    """A sync checks a few folders: the cache of the others stays for the next whole run."""
    validate_units(demo_copy)
    (demo_copy / RISKS).write_text(
        (demo_copy / RISKS).read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8"
    )
    fresh: list[str] = []
    partial = validate_units(demo_copy, only={ENGAGEMENT}, fresh=fresh)
    assert fresh == [ENGAGEMENT]
    assert any(f.path == RISKS for f in partial)
    fresh.clear()
    assert validate_units(demo_copy, fresh=fresh) == whole_repository(demo_copy)
    assert fresh == []
