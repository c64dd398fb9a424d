"""`pcsm sync` near git's own pull and push (issue 16): it builds no Workspace, and the status
it reports after syncing asks git only what it does not know yet, with the same answer."""

from __future__ import annotations

import subprocess
import sys

from pcsm_tui.store.syncstatus import status
from pcsm_tui.store.validate import whole_repository

from .remotes import Clone, Team, _environment

RISKS = "engagements/northwind-emea/risks.toml"
REGISTER = "engagements/northwind-emea/stakeholders.toml"

CHILD = """
import sys
NEVER = {
    "pcsm_tui.service",  # the Workspace
    "git",  # GitPython: git runs as plain child processes (store/gitrun.py)
    "pcsm_tui.store.repository",  # the models: only when a file is validated
    "pcsm_tui.store.mergedriver",  # the driver's models: its sidecars are store/sidecars
    "pcsm_tui.store.summaries",  # the portfolio analysis: only for a team keeping them
    "pcsm_tui.analysis.portfolio",
    "pcsm_tui.store.refusals",  # tomlkit, through the merge: only to say "not a repository"
}
from pcsm_tui.cli import main
code = main(["sync", "--repo", sys.argv[1], *sys.argv[2:]])
loaded = sorted(m for m in sys.modules if m in NEVER or m.startswith(
    ("pcsm_tui.analysis.people", "pcsm_tui.io", "pcsm_tui.service_development", "git.")))
print("loaded:", ",".join(loaded), file=sys.stderr)
models = sorted(m for m in sys.modules if m in ("pydantic", "importlib.metadata") or m.startswith(
    "pcsm_tui.models"))
print("models:", ",".join(models), file=sys.stderr)
sys.exit(code)
"""


def _sync_in_child(clone: Clone, *args: str) -> tuple[int, list[str]]:
    with _environment(clone.env):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(clone.root), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
    return done.returncode, _listed(done.stderr, "loaded:")


def _listed(stderr: str, label: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.startswith(label)]
    assert lines, stderr
    return [m for m in lines[0].removeprefix(label).strip().split(",") if m]


def test_a_sync_with_nothing_to_validate_loads_no_model(two: Team) -> None:
    """Up to date, or only a fetch: the models (pydantic, ~0.4 s) are for validating a file
    that changed, and none did; importlib.metadata (~40 ms) is for `--version` only."""
    assert two.bob.sync() == 0
    with _environment(two.bob.env):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(two.bob.root)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    assert _listed(done.stderr, "loaded:") == []
    assert _listed(done.stderr, "models:") == []


def test_a_sync_imports_no_workspace_and_reports_the_full_status(two: Team) -> None:
    alice, bob = two.alice, two.bob
    alice.edit(RISKS, lambda data: data["risks"][0].update(name="Alice's title"), "risk")
    assert alice.sync() == 0
    bob.edit(REGISTER, lambda data: data["stakeholders"][0].update(notes="Bob's"), "register")
    code, loaded = _sync_in_child(bob)
    assert code == 0
    assert loaded == [], f"pcsm sync imported {loaded}"
    assert bob.read(RISKS)["risks"][0]["name"] == "Alice's title"
    assert not [f for f in whole_repository(bob.root) if f.severity == "error"]
    assert _sync_in_child(bob, "--status") == (0, [])

    # what a sync reports is what a status asked from scratch says
    branch = bob.git("symbolic-ref", "--short", "HEAD").strip()
    assert status(bob.root, "origin", synced=branch) == status(bob.root, "origin")
    bob.edit(REGISTER, lambda data: data["stakeholders"][0].update(notes="Bob 2"), "register")
    assert status(bob.root, "origin", synced=branch) == status(bob.root, "origin")
