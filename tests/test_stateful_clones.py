"""Issue 10: a hypothesis state machine over two clones (alice, bob) and a bare remote.

Random steps, each with real parts: edits through the app's service (`Workspace`, on the
version the app shows, which may be stale), outside edits written straight into the TOML
file (and committed by hand later), two or three real `pcsm set` processes released at the
same moment (with an app edit while they run), a `pcsm set` or `pcsm sync` process stopped
at a fault point (then `pcsm recover`, or the next save or sync settles it), undo and redo
of the session's changes, and syncs through the remote with conflicts resolved for the
syncing side. The reference model (tests/stateful_model.py) predicts every outcome.

After every step, in both clones: every file parses and validates; the files hold exactly
the model's disk state and HEAD its committed state (so nothing acknowledged is lost unless
a later acknowledged change replaced it); only files with a pending outside edit are
dirty; no journal (unless one a crash left for the next save), no merge in progress, no
index.lock; the remote holds the model's remote state. At the end both clones sync and
equal the model and each other.

Budget: `CI=true` runs a capped number of examples (about a minute on two busy cores);
`PCSM_LONG=1` runs many more and longer ones (see README, Development).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pcsm_tui.cli import main
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.faults import KILLED_STATUS
from pcsm_tui.store.outside import EditConflict
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.resolve import Pick
from pcsm_tui.store.validate import validate_repository

from .remotes import Clone, _environment, make_bare, run_git
from .stateful_git import (
    Together,
    at_revision,
    change_between,
    delta,
    dirty,
    on_disk,
    outside_note,
    outside_write,
    pcsm,
)
from .stateful_model import (
    COMMENTED,
    FILES,
    FIRST_ROWS,
    RISKS,
    SCORE,
    Key,
    Side,
    State,
    Step,
    cli_assignment,
    data_path,
    first_row,
    merge3,
    of_file,
    row_keys,
    values_for,
    with_file,
)

NAMES = ("alice", "bob")
SEEN: Counter[str] = Counter()
"""How often each interesting outcome happened in this process (for tuning the rules)."""
WHO = st.sampled_from(NAMES)
SAVE_POINTS = (
    "save.before-write",
    "save.before-rename",
    "save.after-rename",
    "save.before-commit",
    "save.after-commit",
)
SYNC_POINTS = ("sync.during-merge", "sync.before-push")
DECIDES = {"save.after-rename", "save.before-commit"}
"""Killed here, a save has written its file and not committed: a person decides."""


def budget() -> settings:
    """CI: a capped run; PCSM_LONG=1: a long one; otherwise a short one for development."""
    if os.environ.get("PCSM_LONG"):
        examples, steps = int(os.environ.get("PCSM_LONG_EXAMPLES", "60")), 40
    elif os.environ.get("CI"):
        examples, steps = 4, 14
    else:
        examples, steps = 6, 16
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        print_blob=True,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],  # DEBUG
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """acme with five risks, a bare remote and two clones, built once; copied per example."""
    where = tmp_path_factory.mktemp("stateful")
    source = where / "source"
    Repository.init(source, name="Stateful").new_engagement(
        "acme", "Acme", start=dt.date(2026, 5, 4)
    )
    rows = [first_row(rid) for rid in FIRST_ROWS]
    Workspace(source).change(RISKS, lambda data: {**data, "risks": rows})
    make_bare(source, where / "remote.git")
    for name in NAMES:
        run_git(where, "clone", "-q", str(where / "remote.git"), name)
        Repository.open(where / name)  # installs the merge driver, as pcsm does
    shutil.rmtree(source)
    return where


class CloneMachine(RuleBasedStateMachine):
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
                side.record(Step(result.sha, of_file(old, rel), of_file(new, rel)))
        self._open(who, rel)

    def _stale(self, who: str, rel: str, wanted: bool, keys: tuple[Key, ...]) -> bool:
        """A stale view only where it shows what the edit touches (the app shows rows)."""
        return wanted and all(key in self.model[who].views[rel] for key in keys)

    # --- rules --------------------------------------------------------------------------

    @rule(who=WHO, data=st.data(), stale=st.booleans())
    def edit_in_app(self, who: str, data: st.DataObject, stale: bool) -> None:
        side = self.model[who]
        key: Key = data.draw(st.sampled_from(side.own_keys()), label="key")
        value = data.draw(st.sampled_from(values_for(key)), label="value")
        rel = key[0]
        stale = self._stale(who, rel, stale, (key,))
        view = side.views[rel] if stale else of_file(side.disk, rel)
        self._app_edit(
            who,
            rel,
            stale,
            lambda d: set_value(d, data_path(key), value),
            {**view, key: value},
        )

    @rule(who=WHO, stale=st.booleans(), severity=st.sampled_from(values_for((RISKS, "", "s"))))
    def add_row_in_app(self, who: str, stale: bool, severity: int) -> None:
        side = self.model[who]
        side.added += 1
        row = {**first_row(f"{who[0]}-{side.added}"), "severity": severity}
        view = side.views[RISKS] if stale else of_file(side.disk, RISKS)
        self._app_edit(
            who,
            RISKS,
            stale,
            lambda d: {**d, "risks": [*d.get("risks", []), row]},
            {**view, **row_keys(row)},
        )

    @rule(who=WHO, data=st.data(), stale=st.booleans())
    def delete_row_in_app(self, who: str, data: st.DataObject, stale: bool) -> None:
        side = self.model[who]
        rows = side.own_rows()
        if not rows:
            return
        rid = data.draw(st.sampled_from(rows), label="row")
        stale = self._stale(who, RISKS, stale, ((RISKS, rid),))
        view = side.views[RISKS] if stale else of_file(side.disk, RISKS)
        self._app_edit(
            who,
            RISKS,
            stale,
            lambda d: {**d, "risks": [r for r in d.get("risks", []) if r.get("id") != rid]},
            {key: value for key, value in view.items() if key[1:2] != (rid,)},
        )

    @rule(who=WHO, rel=st.sampled_from(FILES))
    def reopen(self, who: str, rel: str) -> None:
        self._open(who, rel)

    @rule(who=WHO, data=st.data())
    def outside_edit(self, who: str, data: st.DataObject) -> None:
        side = self.model[who]
        key: Key = data.draw(st.sampled_from(side.own_keys()), label="key")
        value = data.draw(st.sampled_from(values_for(key)), label="value")
        outside_write(self.clones[who].root, key, value)
        side.disk[key] = value

    @rule(who=WHO)
    def outside_note(self, who: str) -> None:
        """A hand-written comment at the top of the file (uncommitted until a hand commit)."""
        side = self.model[who]
        side.notes += 1
        note = f"# note {who[0]}-{side.notes}"
        outside_note(self.clones[who].root, COMMENTED[who], note)
        side.disk[(COMMENTED[who], "#", note)] = True

    @precondition(lambda self: any(self.model[n].pending() for n in NAMES))
    @rule(who=WHO)
    def commit_outside_edits(self, who: str) -> None:
        side = self.model[who]
        if not side.pending():
            return
        self.clones[who].git("commit", "-q", "-a", "-m", "hand edit")
        side.committed = dict(side.disk)
        side.ahead = True

    @rule(who=WHO, data=st.data(), app=st.booleans())
    def concurrent_sets(self, who: str, data: st.DataObject, app: bool) -> None:
        """Two or three `pcsm set` processes on different fields of one file, released at
        the same moment, and (maybe) an edit in the app while they run."""
        side = self.model[who]
        rels = [r for r in FILES if len([k for k in side.own_keys() if k[0] == r]) > 1]
        rel = data.draw(st.sampled_from(rels), label="file")
        keys = [k for k in side.own_keys() if k[0] == rel]
        chosen: list[Key] = data.draw(
            st.lists(st.sampled_from(keys), min_size=2, max_size=3, unique=True), label="keys"
        )
        values = [data.draw(st.sampled_from(values_for(k)), label="value") for k in chosen]
        app_keys = [k for k in side.own_keys() if k not in chosen]
        app_key: Key | None = data.draw(st.sampled_from(app_keys), label="app") if app else None
        app_value = data.draw(st.sampled_from(values_for(app_key))) if app_key else None
        commands = []
        for key, value in zip(chosen, values, strict=True):
            tool, assignment = cli_assignment(key, value)
            commands.append(["set", "acme", tool, assignment, "--repo", "."])
        together = Together(self.clones[who], commands)
        together.go()
        if app_key is not None:  # the app saves while the scripts run
            rel2 = app_key[0]
            view = of_file(side.disk, rel2)
            self._app_edit(
                who,
                rel2,
                False,
                lambda d: set_value(d, data_path(app_key), app_value),
                {**view, app_key: app_value},
            )
        finished = together.wait()
        self._settled_journal(who)
        for key, value, done in zip(chosen, values, finished, strict=True):
            assert done.code == 0, (done.out, done.err)
            old, new = side.commit_edit(dict(side.disk), {**side.disk, key: value})
            if old == new:
                assert done.sha() is None, done.out
            else:
                sha = done.sha()
                assert sha is not None, done.out
                self._acknowledged(who, sha, {key: value})

    @rule(
        who=WHO,
        data=st.data(),
        point=st.sampled_from(SAVE_POINTS),
        mode=st.sampled_from(["exit", "exit", "oserror"]),
        finish=st.booleans(),
        leave=st.booleans(),
    )
    def set_killed_at_a_fault_point(
        self, who: str, data: st.DataObject, point: str, mode: str, finish: bool, leave: bool
    ) -> None:
        side = self.model[who]
        key: Key = data.draw(st.sampled_from(side.own_keys()), label="key")
        value = data.draw(st.sampled_from(values_for(key)), label="value")
        tool, assignment = cli_assignment(key, value)
        done = pcsm(self.clones[who], "set", "acme", tool, assignment, fault=f"{point}:{mode}")
        self._settled_journal(who)
        before, after = dict(side.disk), {**side.disk, key: value}
        if before == after:  # nothing to save: no fault point is reached
            assert done.code == 0 and done.sha() is None, (done.out, done.err)
            return
        if merge3(before, after, side.committed)[0] == side.committed:
            self._seen("a set that only takes an outside edit back")
            if point == "save.after-commit":  # no commit to make: the point is not reached
                assert done.code == 0 and done.sha() is None, (done.out, done.err)
                side.disk = after
                return
        assert done.code == (KILLED_STATUS if mode == "exit" else 1), (done.out, done.err)
        root = str(self.clones[who].root)
        self._seen(f"killed at {point}:{mode}")
        if mode == "exit" and point in DECIDES:
            assert main(["recover", "--repo", root]) == 1  # a person decides
            decision = "--finish" if finish else "--clean"
            assert main(["recover", decision, "--repo", root]) == 0
            applied = finish
        else:
            applied = point == "save.after-commit"
            if leave and applied or leave and mode == "exit":
                side.journal_left = True  # the next save (or the final recover) settles it
            else:
                assert main(["recover", "--repo", root]) == 0
        if applied:
            side.commit_edit(before, after)

    def _has_work(self, who: str) -> bool:
        side = self.model[who]
        return side.ahead or side.base_version != self.version or bool(side.pending())

    @precondition(lambda self: any(self._has_work(n) for n in NAMES))
    @rule(data=st.data())
    def sync(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from([n for n in NAMES if self._has_work(n)]), label="who")
        self._sync(who)

    @rule(who=WHO, point=st.sampled_from(SYNC_POINTS), go_on=st.booleans())
    def sync_killed_at_a_fault_point(self, who: str, point: str, go_on: bool) -> None:
        """A `pcsm sync` process killed with its merge made but not committed (then
        `--continue`, or `--abort` and sync again), or with it committed and not pushed
        (the next sync pushes it)."""
        side = self.model[who]
        done = pcsm(self.clones[who], "sync", fault=f"{point}:exit")
        if side.pending():
            assert done.code == 2, (done.out, done.err)
            return
        behind = side.base_version != self.version
        merged, conflicts = merge3(side.base, side.committed, self.remote_state)
        merging = behind and side.ahead
        workspace = self.workspaces[who]
        if merging and conflicts:  # stops for a person before either point
            assert done.code == 1, (done.out, done.err)
            self._resolve(who, conflicts)
            with self._in(who):
                assert workspace.sync().outcome == "synced"
        elif point == "sync.during-merge" and merging:
            assert done.code == KILLED_STATUS, (done.out, done.err)
            self._seen(f"sync killed at {point}, then {'continue' if go_on else 'abort'}")
            with self._in(who):
                if go_on:
                    assert workspace.sync("continue").outcome == "synced"
                else:
                    assert workspace.sync("abort").outcome == "aborted"
                    assert workspace.sync().outcome == "synced"
        elif point == "sync.before-push" and side.ahead:
            assert done.code == KILLED_STATUS, (done.out, done.err)
            self._seen(f"sync killed at {point}")
            if behind:  # the merge is committed here; the next sync pushes it
                side.committed, side.disk = dict(merged), dict(merged)
            side.base, side.base_version = dict(self.remote_state), self.version
            return
        else:
            assert done.code == 0, (done.out, done.err)
        self._synced(who)

    # --- syncing ------------------------------------------------------------------------

    def _sync(self, who: str) -> None:
        side = self.model[who]
        with self._in(who):
            result = self.workspaces[who].sync()
        if side.pending():
            assert result.outcome == "blocked", result.message
            self._seen("sync blocked by an outside edit")
            return
        behind = side.base_version != self.version
        merged, conflicts = merge3(side.base, side.committed, self.remote_state)
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

    def _synced(self, who: str) -> None:
        """The model after a whole sync: merged with the remote, pushed if ahead."""
        side = self.model[who]
        behind = side.base_version != self.version
        if behind and side.ahead:
            merged, _ = merge3(side.base, side.committed, self.remote_state)
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
            assert on_disk(root) == side.disk, who
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
            self.commit_outside_edits(who)
        for who in (*NAMES, NAMES[0]):
            self._sync(who)
        self.every_clone_is_what_the_model_says()
        trees = {c.git("rev-parse", "HEAD^{tree}").strip() for c in self.clones.values()}
        trees.add(run_git(self.remote, "rev-parse", "main^{tree}").strip())
        assert len(trees) == 1, trees
        for who in NAMES:
            assert self.model[who].committed == self.remote_state


def test_two_clones_and_a_remote_lose_nothing(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    def machine() -> CloneMachine:
        return CloneMachine(template, tmp_path_factory.mktemp("example") / "team")

    run_state_machine_as_test(machine, settings=budget())
    print(dict(SEEN))  # DEBUG
