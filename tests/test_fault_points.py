"""Issue 10: every named fault point, in turn, in real child processes (store/faults.py).

Each scenario runs a command (`pcsm set`, `pcsm set` over an outside change, `pcsm new`,
undo, restore, `pcsm import`) in a child that dies (`os._exit`, as if killed) or meets a
full disk at one point. Afterwards: every file parses; `pcsm recover` settles what is left
(finish or clean when it must ask); the repository is exactly as before or exactly as
after an uninterrupted run (files, HEAD's tree and message, status); and the next
`pcsm set` works. Then kill -9 at random moments of a burst of `pcsm set` (seeded).
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.io.xlsx_export import export_xlsx
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.faults import KILLED_STATUS
from pcsm_tui.store.repository import Repository

from .conftest import git
from .helpers import PCSM, wait_until
from .helpers import run_child as run
from .remotes import team

SCORE = "engagements/acme/onboarding-score.toml"
RISKS = "engagements/acme/risks.toml"
SAVE_POINTS = (
    "save.before-write",
    "save.before-rename",
    "save.after-rename",
    "save.before-commit",
    "save.after-commit",
)


def snapshot(root: Path) -> tuple[object, ...]:
    """Everything a person could tell apart: files, HEAD's tree and message, git status."""
    files = {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }
    return (
        files,
        git(root, "rev-parse", "HEAD^{tree}").strip(),
        git(root, "log", "-1", "--format=%B").strip(),
        git(root, "status", "--porcelain", "--untracked-files=all"),
    )


def every_file_parses(root: Path) -> None:
    for path in root.rglob("*.toml"):
        if ".git" not in path.relative_to(root).parts:
            tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path], None]
    args: tuple[str, ...] = ()
    """`pcsm` arguments (`--repo` is added); or"""
    code: str = ""
    """Python run with `root` (the repository's Path) defined."""
    nth: int = 1
    """Which time a per-file point fires (a later file of a multi-file save)."""

    def child(self, root: Path) -> list[str]:
        if self.args:
            return [*PCSM, *self.args, "--repo", str(root)]
        prelude = f"from pathlib import Path; root = Path({str(root)!r}); "
        return [sys.executable, "-c", prelude + self.code]

    def in_process(self, root: Path) -> None:
        if self.args:
            assert main([*self.args, "--repo", str(root)]) == 0
        else:
            exec(self.code, {"root": root})


def _outside_change(root: Path) -> None:
    path = root / SCORE
    path.write_text(path.read_text().replace("adoption_needs = 0", "adoption_needs = 5"))


def _workbook(root: Path) -> None:
    from openpyxl import load_workbook

    export_xlsx(Repository.open(root), "acme", root.parent / "risks.xlsx", tool="risks")
    book = load_workbook(root.parent / "risks.xlsx")
    book["Adoption Risks"]["D5"] = 5  # the first risk's likelihood, 1 -> 5
    book.save(root.parent / "risks.xlsx")


UNDO = "from pcsm_tui.service import Workspace; Workspace(root).repo.undo()"
RESTORE = (
    "import subprocess; from pcsm_tui.service import Workspace; "
    f"shas = subprocess.run(['git', '-C', str(root), 'log', '--format=%H', '--', '{SCORE}'], "
    "capture_output=True, text=True, check=True).stdout.split(); "
    f"Workspace(root).restore('{SCORE}', shas[-1])"
)
SET = ("set", "acme", "onboarding-score", "customization=3")
SCENARIOS = {
    "set": Scenario("set", lambda root: None, SET),
    "set-over-outside-change": Scenario("set-over-outside-change", _outside_change, SET),
    "new": Scenario(
        "new",
        lambda root: None,
        ("new", "beta", "--customer", "Beta", "--start", "2026-05-04"),
        nth=5,
    ),
    "undo": Scenario("undo", lambda root: None, code=UNDO),
    "restore": Scenario("restore", lambda root: None, code=RESTORE),
    "import": Scenario(
        "import",
        _workbook,
        ("import", "{parent}/risks.xlsx", "--engagement", "acme", "--tool", "risks"),
    ),
}
SHARED = ("save.after-rename", "save.before-commit")
"""Undo, restore and import save through the same code: two points each are enough."""
CASES = [
    *(
        (name, point, "exit")
        for name in ("set", "set-over-outside-change", "new")
        for point in SAVE_POINTS
    ),
    *(("set", point, "oserror") for point in SAVE_POINTS),
    *((name, point, "oserror") for name in ("set-over-outside-change", "new") for point in SHARED),
    *((name, point, "exit") for name in ("undo", "restore", "import") for point in SHARED),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """acme with two risks and one edit after `pcsm new`, built once for the module."""
    root = tmp_path_factory.mktemp("base") / "central"
    Repository.init(root, name="Faults").new_engagement("acme", "Acme", start=None)
    workspace = Workspace(root)
    rows = [{"id": f"r-{i}", "name": f"Risk {i}", "likelihood": 1, "severity": 2} for i in (1, 2)]
    workspace.change(RISKS, lambda data: {**data, "risks": rows})
    workspace.change(SCORE, lambda data: set_value(data, ("customization",), 1))
    return root


def fresh(base: Path, where: Path, scenario: Scenario) -> Path:
    root = where / "central"
    shutil.copytree(base, root, symlinks=True)
    scenario.prepare(root)
    return root


def _resolved(scenario: Scenario, root: Path) -> Scenario:
    args = tuple(a.replace("{parent}", str(root.parent)) for a in scenario.args)
    return Scenario(scenario.name, scenario.prepare, args, scenario.code, scenario.nth)


_AFTER: dict[str, tuple[object, ...]] = {}


def after_of(base: Path, where: Path, scenario: Scenario) -> tuple[object, ...]:
    """The repository after the scenario ran without a fault (once per scenario)."""
    if scenario.name not in _AFTER:
        root = fresh(base, where / "reference", scenario)
        _resolved(scenario, root).in_process(root)
        _AFTER[scenario.name] = snapshot(root)
    return _AFTER[scenario.name]


def journal_left(root: Path) -> bool:
    return (root / ".git" / "pcsm" / "journal.json").exists()


@pytest.mark.parametrize(("name", "point", "mode"), CASES)
def test_each_fault_point_leaves_before_or_after_never_half(
    base: Path, tmp_path: Path, name: str, point: str, mode: str
) -> None:
    after = after_of(base, tmp_path, SCENARIOS[name])
    root = fresh(base, tmp_path / "faulted", SCENARIOS[name])
    scenario = _resolved(SCENARIOS[name], root)
    before = snapshot(root)
    assert before != after
    nth = f"@{scenario.nth}" if point in ("save.before-rename", "save.after-rename") else ""
    faulted = run(root, scenario.child(root), fault=f"{point}{nth}:{mode}")
    if mode == "exit":
        assert faulted.returncode == KILLED_STATUS, faulted.stderr
    else:
        assert faulted.returncode == 1 and "No space left on device" in faulted.stderr
    every_file_parses(root)
    expected = [before, after]
    if journal_left(root):
        asked = main(["recover", "--repo", str(root)])
        if asked == 1:  # a decision is needed: finish or clean, one each in turn
            decision = "--finish" if CASES.index((name, point, mode)) % 2 == 0 else "--clean"
            assert main(["recover", decision, "--repo", str(root)]) == 0
            expected = [after] if decision == "--finish" else [before]
        else:
            assert asked == 0
    assert snapshot(root) in expected
    assert not journal_left(root)
    assert not (root / ".git" / "index.lock").exists()
    assert (
        main(["set", "acme", "onboarding-score", "customer_maturity=4", "--repo", str(root)]) == 0
    )


@pytest.mark.parametrize("point", ["sync.during-merge", "sync.before-push"])
def test_a_sync_killed_at_each_point_is_finished_by_the_next_sync(
    base: Path, tmp_path: Path, point: str
) -> None:
    crew = team(base, tmp_path)
    alice, bob = crew.alice, crew.bob
    alice.edit(SCORE, lambda d: d.update(products_services=4), "alice: products")
    assert alice.sync() == 0
    bob.edit(RISKS, lambda d: d["risks"][0].update(severity=5), "bob: severity")
    bob_head = bob.git("rev-parse", "HEAD")
    killed = run(bob.root, [*PCSM, "sync"], fault=f"{point}:exit")
    assert killed.returncode == KILLED_STATUS, killed.stderr
    every_file_parses(bob.root)
    if point == "sync.during-merge":  # the merge is unfinished: offered, and abort is "before"
        assert run(bob.root, [*PCSM, "sync"]).returncode == 1
        assert run(bob.root, [*PCSM, "sync", "--abort"]).returncode == 0
        assert bob.git("rev-parse", "HEAD") == bob_head
        assert bob.git("status", "--porcelain") == ""
    again = run(bob.root, [*PCSM, "sync"])
    assert again.returncode == 0, again.stderr
    assert alice.sync() == 0
    assert alice.git("rev-parse", "HEAD^{tree}") == bob.git("rev-parse", "HEAD^{tree}")
    assert (
        alice.read(SCORE)["products_services"] == 4
        and alice.read(RISKS)["risks"][0]["severity"] == 5
    )
    assert (
        run(bob.root, [*PCSM, "set", "acme", "onboarding-score", "customization=2"]).returncode == 0
    )


BURST = """
import contextlib, io, sys
from pcsm_tui.cli import main
start = int(sys.argv[1])
for k in range(start, start + 10_000):
    said = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
        code = main(["set", "acme", "onboarding-score", f"notes=v{k}"])
    why = " ".join(said.getvalue().split())
    print("ack" if code == 0 else "refused", k, why, flush=True)
"""


def group_gone(group: int) -> bool:
    """No live process (zombies aside) is left in the process group `group` (Linux /proc)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return False
    return True


def test_kill_9_at_random_moments_of_a_burst_of_edits(base: Path, tmp_path: Path) -> None:
    """Seeded: the same moments on every run. Every acknowledged edit is a commit; after each
    kill the repository settles to a clean state and the next edit works."""
    chance = random.Random(20261122)
    root = fresh(base, tmp_path, SCENARIOS["set"])
    acknowledged: set[int] = set()
    start = 1
    for _round in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", BURST, str(start)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert child.stdout is not None
        wanted, seen, last = chance.randint(1, 3), 0, start - 1
        while seen < wanted:  # wait for this many acknowledged edits, then a random moment
            line = child.stdout.readline()
            assert line, "the burst stopped on its own"
            word, number, *_why = line.split()
            assert word == "ack", line
            acknowledged.add(int(number))
            seen, last = seen + 1, int(number)
        time.sleep(chance.uniform(0, 0.06))  # not a wait: the (seeded) moment of the kill
        os.killpg(child.pid, signal.SIGKILL)
        for line in child.stdout.read().splitlines():  # acknowledged just before the kill
            word, number, *_why = line.split()
            if word == "ack":
                acknowledged.add(int(number))
                last = int(number)
        child.wait(timeout=30)
        wait_until(functools.partial(group_gone, child.pid), "the killed group's git to exit")
        every_file_parses(root)
        if journal_left(root) and main(["recover", "--repo", str(root)]) == 1:
            decision = chance.choice(["--finish", "--clean"])  # the edit in flight
            assert main(["recover", decision, "--repo", str(root)]) == 0
        assert git(root, "status", "--porcelain", "--untracked-files=all") == ""
        # The last acknowledged edit, or the one in flight if it was committed or finished.
        notes = tomllib.loads((root / SCORE).read_text())["notes"]
        assert notes in (f"v{last}", f"v{last + 1}")
        history = git(root, "log", "-p", "--format=%H", "--", SCORE)
        for edit in acknowledged:
            assert f'+notes = "v{edit}"' in history, edit
        start = last + 2
    assert main(["set", "acme", "onboarding-score", "customization=5", "--repo", str(root)]) == 0
