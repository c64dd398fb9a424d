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
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    precondition,
    rule,
    run_state_machine_as_test,
)

from pcsm_tui.cli import main
from pcsm_tui.models.edit import set_value
from pcsm_tui.service import Workspace
from pcsm_tui.store.faults import KILLED_STATUS
from pcsm_tui.store.repository import CannotUndo, Repository
from pcsm_tui.undo import NothingToUndo, UndoNeedsConfirmation

from .conftest import git as run_git
from .remotes import make_bare
from .stateful_git import (
    Together,
    change_between,
    outside_change,
    outside_note,
    outside_write,
    pcsm,
)
from .stateful_machine import NAMES, SEEN, TwoClones
from .stateful_model import (
    COMMENTED,
    FILES,
    FIRST_ROWS,
    RISKS,
    Key,
    Step,
    cli_assignment,
    data_path,
    first_row,
    merge3,
    of_file,
    row_keys,
    values_for,
)

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


class CloneMachine(TwoClones):
    """The random steps (see the module docstring)."""

    # --- rules --------------------------------------------------------------------------

    @rule(who=WHO, data=st.data(), stale=st.booleans())
    def edit_in_app(self, who: str, data: st.DataObject, stale: bool) -> None:
        """A field edited on the version the app shows (a stale one may show a row that
        is gone from the disk: that edit is refused)."""
        side = self.model[who]
        key: Key = data.draw(st.sampled_from(side.own_keys(self._shown(who, stale))), label="key")
        value = data.draw(st.sampled_from(values_for(key)), label="value")
        rel = key[0]
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
        rows = side.own_rows(self._shown(who, stale))
        if not rows:
            return
        rid = data.draw(st.sampled_from(rows), label="row")
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

    @rule(who=WHO, data=st.data(), add=st.booleans())
    def outside_row(self, who: str, data: st.DataObject, add: bool) -> None:
        """A person adds a risk or deletes one of theirs straight in the file."""
        side = self.model[who]
        rows = side.own_rows()
        if add or not rows:
            side.added += 1
            row = first_row(f"{who[0]}-h{side.added}")
            outside_change(self.clones[who].root, RISKS, lambda d: d["risks"].append(row))
            side.disk.update(row_keys(row))
            return
        rid = data.draw(st.sampled_from(rows), label="row")

        def drop(d: dict[str, Any]) -> None:
            d["risks"] = [r for r in d["risks"] if r["id"] != rid]

        outside_change(self.clones[who].root, RISKS, drop)
        side.disk = {k: v for k, v in side.disk.items() if k[:2] != (RISKS, rid)}

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
        if app_key is not None:  # the app shows its file again once the scripts are done
            self._open(who, app_key[0])

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
            if (leave and applied) or (leave and mode == "exit"):
                side.journal_left = True  # the next save (or the final recover) settles it
            else:
                assert main(["recover", "--repo", root]) == 0
        if applied:
            side.commit_edit(before, after)

    @rule(who=WHO, confirm=st.booleans())
    def undo_in_app(self, who: str, confirm: bool) -> None:
        """`u`: the session's newest change taken back; a sync merge only when confirmed."""
        side = self.model[who]
        step = side.done[-1] if side.done else None
        try:
            with self._in(who):
                result = self.workspaces[who].undo(
                    None, confirm=step.sha if step is not None and confirm else None
                )
        except NothingToUndo:
            assert step is None
            return
        except UndoNeedsConfirmation:
            assert step is not None and step.kind == "merge" and not confirm
            return
        except CannotUndo:
            assert step is not None and not side.can_put_back(step.files, step.after)
            self._seen("undo refused: changed since")
            return
        assert step is not None and (step.kind != "merge" or confirm)
        assert side.can_put_back(step.files, step.after), "undid over a change made since"
        self._settled_journal(who)
        side.done.remove(step)
        if not step.files:  # a merge that changed nothing here: the step is spent
            assert result.sha is None, result.message
            return
        assert result.sha is not None, result.message
        self._seen(f"undo of a {step.kind}")
        old, new = side.put_back(step.files, step.before)
        self._acknowledged(who, result.sha, change_between(old, new))
        side.undone.append((step, result.sha))

    @rule(who=WHO)
    def redo_in_app(self, who: str) -> None:
        """`U`: the session's newest undo taken back."""
        side = self.model[who]
        entry = side.undone[-1] if side.undone else None
        try:
            with self._in(who):
                result = self.workspaces[who].redo(None)
        except NothingToUndo:
            assert entry is None
            return
        except CannotUndo:
            assert entry is not None and not side.can_put_back(entry[0].files, entry[0].before)
            self._seen("redo refused: changed since")
            return
        assert entry is not None
        step = entry[0]
        assert side.can_put_back(step.files, step.before), "redid over a change made since"
        assert result.sha is not None, result.message
        self._settled_journal(who)
        self._seen("redo")
        old, new = side.put_back(step.files, step.after)
        self._acknowledged(who, result.sha, change_between(old, new))
        side.undone.remove(entry)
        side.done.append(Step(result.sha, step.before, step.after))

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
        self._settled_journal(who)
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
            self._synced(who, by_app=False)
            return
        self._synced(who)


def test_two_clones_and_a_remote_lose_nothing(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    class Fresh(CloneMachine):
        """Each example on its own copy of the template."""

        def __init__(self) -> None:
            super().__init__(template, tmp_path_factory.mktemp("example") / "team")

    run_state_machine_as_test(Fresh, settings=budget())
    print(dict(SEEN))  # DEBUG
