"""The two-clone state machine's shared part (the rules are in tests/test_stateful_clones.py).

It holds the clones, the bare remote, the app session of each clone (a `Workspace`, with
the version of each file the app shows) and the reference model (tests/stateful_model.py),
and checks after every step that the real clones are what the model says. Syncs go
through the app's service; conflicts are decided for the syncing side in its conflict view.
"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import event
from hypothesis.stateful import RuleBasedStateMachine, invariant

from pcsm_tui.cli import main
from pcsm_tui.service import Workspace
from pcsm_tui.store.outside import EditConflict
from pcsm_tui.store.resolve import Pick
from pcsm_tui.store.validate import validate_repository

from .conftest import git as run_git
from .remotes import Clone, _environment
from .stateful_git import at_revision, change_between, delta, dirty, on_disk
from .stateful_model import FILES, RISKS, Key, Side, State, Step, merge3, of_file, with_file

NAMES = ("alice", "bob")
SEEN: Counter[str] = Counter()
"""How often each interesting outcome happened in this process (for tuning the rules)."""


class TwoClones(RuleBasedStateMachine):
    """The clones, the remote and the model; what every rule shares; the invariant."""

    def __init__(self, template: Path, scratch: Path) -> None:
        super().__init__()
        self.where = scratch
        shutil.copytree(template, scratch, symlinks=True)
        self.remote = scratch / "remote.git"
        self.clones = {name: Clone(name, scratch / name) for name in NAMES}
        for clone in self.clones.values():
            clone.git("remote", "set-url", "origin", str(self.remote))
        self.workspaces = {name: Workspace(self.clones[name].root) for name in NAMES}
        self.heads = {n: self.clones[n].git("rev-parse", "HEAD").strip() for n in NAMES}
        start = at_revision(self.remote, "main")
        self.version = 0
        self.remote_state: State = dict(start)
        self.model = {name: Side(name, dict(start), dict(start), dict(start)) for name in NAMES}
        self.loaded: dict[str, dict[str, Any]] = {name: {} for name in NAMES}
        for name in NAMES:
            for rel in FILES:
                self._open(name, rel)

    # --- helpers ------------------------------------------------------------------------

    @staticmethod
    def _seen(what: str) -> None:
        event(what)
        SEEN[what] += 1

    def _open(self, who: str, rel: str) -> None:
        """The app shows the file as it is now (its next edit applies to this version)."""
        self.loaded[who][rel] = self.workspaces[who].load(rel)
        self.model[who].views[rel] = of_file(self.model[who].disk, rel)

    def _acknowledged(self, who: str, sha: str, change: State) -> None:
        """An acknowledged commit holds exactly its change, nothing else."""
        found = delta(self.clones[who].root, sha)
        assert found == change, (sha, found, change)

    def _settled_journal(self, who: str) -> None:
        """Any save settles a journal that needs no decision."""
        self.model[who].journal_left = False

    def _in(self, who: str) -> Any:
        return _environment(self.clones[who].env)

    def _app_edit(self, who: str, rel: str, stale: bool, edit: Any, ours: State) -> None:
        """An edit in the app: `ours` is the model's view of the file after `edit`."""
        side = self.model[who]
        base = side.views[rel] if stale else of_file(side.disk, rel)
        merged, conflicts = merge3(base, ours, of_file(side.disk, rel))
        before_disk = dict(side.disk)
        try:
            with self._in(who):
                result = self.workspaces[who].change(
                    rel, edit, base=self.loaded[who][rel] if stale else None
                )
        except EditConflict:
            assert conflicts, "refused although the model merges it"
            assert stale
            self._seen("app edit refused: changed on disk too")
        else:
            self._settled_journal(who)
            assert not conflicts, f"merged although {conflicts} changed on both sides"
            after_disk = with_file(side.disk, rel, merged)
            if stale and base != of_file(before_disk, rel):
                self._seen("app edit merged over a changed file")
            old, new = side.commit_edit(before_disk, after_disk)
            if old == new:  # nothing changed, or only back to what HEAD holds
                assert result.sha is None, result.message
            else:
                assert result.sha is not None, result.message
                self._acknowledged(who, result.sha, change_between(old, new))
                side.record(self._step(who, result.sha))
        self._open(who, rel)

    def _step(self, who: str, rev: str, kind: str = "change") -> Step:
        """A commit of the session as git has it: the files it changed, before and after
        (while scripts commit at the same time, its parent holds their changes too)."""
        root = self.clones[who].root
        sha = self.clones[who].git("rev-parse", rev).strip()
        before, after = at_revision(root, f"{sha}^1"), at_revision(root, sha)
        changed = {rel for rel in FILES if of_file(before, rel) != of_file(after, rel)}
        return Step(
            sha,
            {k: v for k, v in before.items() if k[0] in changed},
            {k: v for k, v in after.items() if k[0] in changed},
            kind,
        )

    def _shown(self, who: str, stale: bool) -> State:
        """The rows the app shows: its (maybe stale) view, or the file as it is now."""
        side = self.model[who]
        return side.views[RISKS] if stale else side.disk

    def _hand_commit(self, who: str) -> None:
        """A person commits the outside edits with git."""
        side = self.model[who]
        if side.pending():
            self.clones[who].git("commit", "-q", "-a", "-m", "hand edit")
            side.committed = dict(side.disk)
            side.ahead = True

    def _has_work(self, who: str) -> bool:
        side = self.model[who]
        return side.ahead or side.base_version != self.version or bool(side.pending())

    # --- syncing ------------------------------------------------------------------------

    def _sync(self, who: str) -> None:
        side = self.model[who]
        with self._in(who):
            result = self.workspaces[who].sync()
        self._settled_journal(who)  # a sync settles a crashed save's journal first
        if side.pending():
            assert result.outcome == "blocked", result.message
            self._seen("sync blocked by an outside edit")
            return
        behind = side.base_version != self.version
        conflicts = merge3(side.base, side.committed, self.remote_state)[1]
        self._seen(f"sync: behind={behind} ahead={side.ahead} conflicts={bool(conflicts)}")
        if behind and side.ahead and conflicts:
            assert result.outcome == "conflicts", result.message
            self._resolve(who, conflicts)
            with self._in(who):
                result = self.workspaces[who].sync()
        assert result.outcome == "synced", result.message
        self._synced(who)

    def _resolve(self, who: str, conflicts: set[Key]) -> None:
        """Every conflict decided for the local side, through the app's conflict view."""
        workspace = self.workspaces[who]
        files = workspace.conflicts()
        assert {f.rel for f in files} == {key[0] for key in conflicts}
        picks = {f.rel: {c.index: Pick("ours") for c in f.conflicts} for f in files}
        with self._in(who):
            resolved = workspace.resolve(files, picks)
        assert resolved.outcome == "merged", resolved.message

    def _synced(self, who: str, by_app: bool = True) -> None:
        """The model after a whole sync: merged with the remote, pushed if ahead. A merge
        commit the app made (not a `pcsm sync` process) is a step of its session."""
        side = self.model[who]
        behind = side.base_version != self.version
        if behind and side.ahead:
            merged, _ = merge3(side.base, side.committed, self.remote_state)
            if by_app:
                side.record(self._step(who, "HEAD", kind="merge"))
        elif behind:
            merged = dict(self.remote_state)
        else:
            merged = dict(side.committed)
        side.committed, side.disk = dict(merged), dict(merged)
        if side.ahead:
            self.remote_state = dict(merged)
            self.version += 1
        side.base, side.base_version, side.ahead = dict(self.remote_state), self.version, False

    # --- invariants ---------------------------------------------------------------------

    @invariant()
    def every_clone_is_what_the_model_says(self) -> None:
        for who, clone in self.clones.items():
            side = self.model[who]
            root = clone.root
            errors = [str(f) for f in validate_repository(root) if f.severity == "error"]
            assert errors == [], errors
            assert on_disk(root) == side.disk, (who, change_between(side.disk, on_disk(root)))
            assert at_revision(root, "HEAD") == side.committed, who
            assert dirty(clone) == side.pending(), who
            assert not (root / ".git" / "MERGE_HEAD").exists()
            assert not (root / ".git" / "index.lock").exists()
            journal = root / ".git" / "pcsm" / "journal.json"
            assert side.journal_left or not journal.exists(), journal.read_text()
            self._no_empty_commit(who)
        assert at_revision(self.remote, "main") == self.remote_state

    def _no_empty_commit(self, who: str) -> None:
        """Every commit since the last step changes something (a merge may not)."""
        clone = self.clones[who]
        head = clone.git("rev-parse", "HEAD").strip()
        for sha in clone.git("rev-list", "--no-merges", f"{self.heads[who]}..{head}").split():
            files = clone.git("diff-tree", "--no-commit-id", "--name-only", "-r", sha).split()
            assert files, (sha, clone.git("log", "-1", "--format=%B", sha))
        self.heads[who] = head

    def teardown(self) -> None:
        try:
            if sys.exc_info()[0] is None:  # not when a step failed: its report comes first
                self._final_sync()
        finally:
            shutil.rmtree(self.where, ignore_errors=True)

    def _final_sync(self) -> None:
        """Both clones commit what is pending, sync in turn, and equal the model."""
        for who in NAMES:
            root = str(self.clones[who].root)
            assert main(["recover", "--repo", root]) == 0
            self.model[who].journal_left = False
            self._hand_commit(who)
        for who in (*NAMES, NAMES[0]):
            self._sync(who)
        self.every_clone_is_what_the_model_says()
        trees = {c.git("rev-parse", "HEAD^{tree}").strip() for c in self.clones.values()}
        trees.add(run_git(self.remote, "rev-parse", "main^{tree}").strip())
        assert len(trees) == 1, trees
        for who in NAMES:
            assert self.model[who].committed == self.remote_state
