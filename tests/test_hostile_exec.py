"""Nothing a pushed repository holds runs on a teammate's machine (issue 11.1), real git.

The attack: git runs the merge driver from the repository's top folder, and `python -m`
puts the current folder first on sys.path, so a `pcsm_tui/` folder committed to the central
repository would replace pcsm's own code on every teammate's next merge. Here alice commits
exactly that (and `sitecustomize.py`, `usercustomize.py`), each writing a marker file; bob
receives them, then syncs again (a real merge, with the files in his folder), and also
merges with plain git. The marker never appears and the merge is still
pcsm's structured one (two edits on neighbouring lines, which a line merge would conflict on).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.store.mergeconfig import (
    ISOLATED,
    USER_SITE,
    chosen_flags,
    driver_command,
    ensure_merge_driver,
)
from pcsm_tui.store.repository import Repository

from .conftest import git
from .remotes import Clone, Team, team

PLAN = "engagements/northwind-emea/stakeholder-plan/2026-10.toml"


def payload(marker: Path) -> str:
    return f"import pathlib\npathlib.Path({str(marker)!r}).write_text('attacker code ran')\n"


def plant(attacker: Clone, marker: Path) -> None:
    """The attacker's commit: code where `python -m` would find it, and one real edit."""
    code = payload(marker)
    files = {
        "pcsm_tui/__init__.py": code,
        "pcsm_tui/cli.py": code + "raise SystemExit(0)\n",
        "pcsm_tui/__main__.py": code,
        "sitecustomize.py": code,
        "usercustomize.py": code,
        "pcsm_tui.pth": f"import pathlib; pathlib.Path({str(marker)!r}).write_text('pth')\n",
    }
    for rel, text in files.items():
        (attacker.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (attacker.root / rel).write_text(text)
    attacker.git("add", "--", *files)
    attacker.git("commit", "-q", "-m", "harmless looking tidy-up")
    attacker.git("push", "-q", "origin", "HEAD:main")


def _set(stakeholder: str, **values: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for row in data["assessments"]:
            if row["stakeholder"] == stakeholder:
                row.update(values)

    return change


def cfo(clone: Clone) -> tuple[int, int]:
    for row in clone.read(PLAN)["assessments"]:
        if row["stakeholder"] == "cfo":
            return row["interest"], row["support"]
    raise KeyError("cfo")


@pytest.fixture
def attacked(demo_dir: Path, tmp_path: Path) -> tuple[Team, Path]:
    two = team(demo_dir, tmp_path)
    alice, bob = two.alice, two.bob
    marker = tmp_path / "MARKER"
    plant(alice, marker)
    # git merges in memory before it writes the work tree, so the planted files are in
    # bob's folder from his next sync on; the merge after that is the dangerous one.
    assert bob.sync() == 0
    assert (bob.root / "pcsm_tui" / "__init__.py").is_file()
    assert not marker.exists()
    alice.edit(PLAN, _set("cfo", support=9), "alice: cfo support")
    alice.git("push", "-q", "origin", "HEAD:main")
    # bob's own edit on the line next to alice's: a line merge would conflict here
    bob.edit(PLAN, _set("cfo", interest=2), "bob: cfo interest")
    return two, marker


def test_the_driver_is_registered_in_isolated_mode(repo: Repository) -> None:
    config = repo.git.config_get_regexp(r"^merge\.pcsm\.")["merge.pcsm.driver"]
    assert config == driver_command(flags=chosen_flags())
    assert f"{sys.executable} -I -m pcsm_tui.cli merge-driver" in config  # editable install


def test_pcsm_sync_runs_none_of_the_attackers_code(attacked: tuple[Team, Path]) -> None:
    two, marker = attacked
    bob = two.bob
    assert bob.sync() == 0
    assert not marker.exists()
    assert cfo(bob) == (2, 9)  # both edits: the structured merge ran
    assert bob.git("log", "-1", "--format=%s").startswith("sync: merge origin/main")
    assert bob.errors() == []


def test_a_plain_git_merge_runs_none_of_the_attackers_code(attacked: tuple[Team, Path]) -> None:
    two, marker = attacked
    bob = two.bob
    bob.git("fetch", "-q", "origin")
    merged = subprocess.run(
        ["git", "-C", str(bob.root), "merge", "--no-edit", "-q", "origin/main"],
        capture_output=True,
        text=True,
        env={**os.environ, **bob.env},
    )
    assert merged.returncode == 0, merged.stderr  # clean: pcsm's driver merged the fields
    assert not marker.exists()
    assert cfo(bob) == (2, 9)
    assert "<<<<<<<" not in (bob.root / PLAN).read_text()


def test_a_repository_registered_with_the_old_command_gets_the_new_one(
    attacked: tuple[Team, Path],
) -> None:
    two, marker = attacked
    bob = two.bob
    old = f"{sys.executable} -m pcsm_tui.cli merge-driver %O %A %B %P"
    bob.git("config", "merge.pcsm.driver", old)
    Repository.open(bob.root)  # what the app, the CLI and sync do first
    assert git(bob.root, "config", "merge.pcsm.driver").strip() == driver_command(
        flags=chosen_flags()
    )
    assert bob.sync() == 0
    assert not marker.exists()
    assert cfo(bob) == (2, 9)


def test_without_isolation_the_attack_would_work(attacked: tuple[Team, Path]) -> None:
    """The test above is a real one: the old command does run the attacker's code."""
    two, marker = attacked
    bob = two.bob
    bob.git("config", "merge.pcsm.driver", driver_command(flags=""))
    bob.git("fetch", "-q", "origin")
    bob.git("merge", "--no-edit", "-q", "origin/main", check=False)
    assert marker.read_text() == "attacker code ran"


def test_user_site_installs_keep_the_current_folder_out(tmp_path: Path) -> None:
    """An interpreter that does not find pcsm in isolated mode (pcsm in the user's site
    folder) gets `-E -P`: still no current folder and no PYTHONPATH."""
    wrapper = tmp_path / "python"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-I" ]; then exec {sys.executable} -I -c "print()"; fi\n'
        f'exec {sys.executable} "$@"\n'
    )
    wrapper.chmod(0o755)
    assert chosen_flags(str(wrapper)) == USER_SITE
    assert chosen_flags(sys.executable) == ISOLATED
    command = driver_command(str(wrapper), USER_SITE)
    assert " -E -P -m pcsm_tui.cli merge-driver" in command


def test_ensure_leaves_a_safe_registration_alone(repo: Repository) -> None:
    repo.git.config_set("merge.pcsm.driver", driver_command(flags=USER_SITE))
    ensure_merge_driver(repo.git)
    assert repo.git.config_get_regexp(r"^merge\.pcsm\.")["merge.pcsm.driver"] == driver_command(
        flags=USER_SITE
    )


def test_an_embedded_bare_repository_is_never_used(repo: Repository, tmp_path: Path) -> None:
    """A bare repository committed inside the central one carries its own git config (here
    an upload-pack command git would run on fetch). Even pointed at that folder, pcsm's git
    never uses a repository it was not given explicitly, so never reads that config."""
    from pcsm_tui.cli import main
    from pcsm_tui.store.git import GitService

    marker = tmp_path / "MARKER"
    evil = repo.root / "engagements" / "evil"
    subprocess.run(["git", "init", "-q", "--bare", str(evil)], check=True)
    (evil / "pcsm.toml").write_text('name = "x"\n')
    with (evil / "config").open("a") as config:
        config.write(f'[remote "origin"]\n\turl = {repo.root}\n\tuploadpack = touch {marker}\n')
    plain = git(evil, "config", "remote.origin.uploadpack")  # plain git would use it
    assert plain.strip() == f"touch {marker}"
    pcsm_git = GitService(evil)
    status, out, _ = pcsm_git.run("config", "remote.origin.uploadpack", check=False)
    assert status != 0 and "touch" not in out  # pcsm's git does not even see that config
    assert "cannot use bare repository" in pcsm_git.run("rev-parse", check=False)[2]
    assert main(["sync", "--repo", str(evil)]) != 0  # refused cleanly, nothing fetched
    assert not marker.exists()
