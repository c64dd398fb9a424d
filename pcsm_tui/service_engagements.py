"""The steps that used to need the shell, for the app: a new engagement, the team's members,
and committing or discarding changes made outside pcsm (issue 13). Also what the live
portfolio watches: the files' change stamps and which of them do not read.

A mixin of `Workspace` (service.py): every write goes through the repository lock and
becomes one commit, or (discard) keeps the discarded bytes under `.git/pcsm/rescued/`
first, so nothing a person wrote is ever lost. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PcsmError
from .store.atomic import write_atomic
from .store.fieldview import render
from .store.layout import DEVICE_NAMES, check_new_folder
from .textfold import slug_text

if TYPE_CHECKING:
    from .models.repository import Member
    from .store.repository import CommitResult, Repository


class ChangedSinceShown(PcsmError):
    """A file changed again after its diff was shown: nothing was committed or discarded."""


@dataclass(frozen=True)
class Uncommitted:
    """One file changed in the working tree but not committed, as the person is shown it."""

    rel: str
    diff: str
    """The field-level difference (store/fieldview) from the last commit, as unified lines."""
    digest: str
    """Of the file's bytes when shown (or "deleted"): commit and discard act on exactly
    that, and refuse if the file changed since."""


def slug_for(customer: str, taken: set[str] | list[str]) -> str:
    """An engagement folder name made from a customer's name: lower-case ASCII letters,
    digits and dashes (accents dropped, "ø" as "o": `textfold.slug_text`), at most 63
    characters, unique among `taken`."""
    base = slug_text(customer, 56) or "engagement"
    slug, number = base, 2
    while slug in taken or slug in DEVICE_NAMES:
        slug = f"{base}-{number}"
        number += 1
    return slug


def member_id_for(name: str, taken: set[str]) -> str:
    """A member id (also their folder under people/) from their name: like a slug."""
    return slug_for(name, taken)


def _digest(data: bytes | None) -> str:

    return "deleted" if data is None else hashlib.sha256(data).hexdigest()


def _view(data: bytes | None, rel: str) -> list[str]:

    if data is None:
        return []
    return render(data, Path(rel).name).splitlines()


class EngagementSteps:
    """New engagement, team members, uncommitted changes and the watch (see module doc)."""

    root: Path
    today: dt.date
    _lock: threading.Lock

    if TYPE_CHECKING:  # provided by Workspace (service.py) and SessionUndo (undo.py)

        @property
        def repo(self) -> Repository: ...

        def _remember(self, result: CommitResult) -> CommitResult: ...

        def engagement_slugs(self) -> list[str]: ...

        def change(self, rel: str, edit: Any, headline: str | None = None) -> CommitResult: ...

    # --- a new engagement ---------------------------------------------------------------

    def suggest_slug(self, customer: str) -> str:
        return slug_for(customer, set(self.engagement_slugs()))

    def check_new_slug(self, slug: str) -> None:
        """Refuse (PcsmError, in words) a folder name that is not allowed or is taken."""

        check_new_folder(slug, "folder name")
        if slug in self.engagement_slugs():
            raise PcsmError(f"there is an engagement {slug!r} already: choose another name")

    def start_engagement(
        self,
        slug: str,
        customer: str,
        initiative: str = "",
        csm: str = "",
        start: dt.date | None = None,
        raci_activities: bool = True,
    ) -> CommitResult:
        """`pcsm new` from the app: every tool file pre-filled, as one commit. The CSM must
        be a current team member (when the team lists any)."""
        if not customer.strip():
            raise PcsmError("the customer's name is empty: type the organization's name")
        if csm:
            team = self.team()
            if team and csm not in {m.id for m in team if m.retired is None}:
                raise PcsmError(f"{csm!r} is not a current team member of this repository")
        with self._lock:
            return self._remember(
                self.repo.new_engagement(
                    slug,
                    customer.strip(),
                    initiative.strip(),
                    csm,
                    start,
                    today=self.today,
                    raci_activities=raci_activities,
                )
            )

    # --- team members (pcsm.toml [[members]]) -------------------------------------------

    def team(self) -> list[Member]:
        """Every member pcsm.toml lists, retired ones too (their names still resolve)."""
        self.repo._settings = None  # pcsm.toml may have changed (another clone, a sync)
        return list(self.repo.settings.members)

    def add_member(self, name: str, role: str = "", email: str = "") -> CommitResult:
        name = name.strip()
        if not name:
            raise PcsmError("the member's name is empty: type their name")
        taken = {m.id for m in self.team()}
        member = {"id": member_id_for(name, taken), "name": name, "role": role.strip()}
        if email.strip():
            member["email"] = email.strip()
        return self._members(lambda rows: [*rows, member], f"team member {name} added")

    def rename_member(self, member_id: str, name: str) -> CommitResult:
        """A new name; the id (what engagements and people/ refer to) stays."""
        name = name.strip()
        if not name:
            raise PcsmError("the new name is empty: type the member's name")

        def rename(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**r, "name": name} if r.get("id") == member_id else r for r in rows]

        old = next((m.name for m in self.team() if m.id == member_id), member_id)
        return self._members(rename, f"team member {old} renamed to {name}")

    def retire_member(self, member_id: str, retired: bool = True) -> CommitResult:
        """Mark a member as having left (dated today), or bring them back; never removed."""

        def mark(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            found = []
            for row in rows:
                if row.get("id") == member_id:
                    row = {k: v for k, v in row.items() if k != "retired"}
                    if retired:
                        row["retired"] = self.today
                found.append(row)
            return found

        what = "retired" if retired else "back in the team"
        name = next((m.name for m in self.team() if m.id == member_id), member_id)
        return self._members(mark, f"team member {name} {what}")

    def _members(self, edit: Any, headline: str) -> CommitResult:
        def apply(data: dict[str, Any]) -> dict[str, Any]:
            rows = [dict(r) for r in data.get("members", []) if isinstance(r, dict)]
            return {**data, "members": edit(rows)}

        result = self.change("pcsm.toml", apply, headline=headline)
        self.repo._settings = None
        return result

    # --- changes made outside pcsm: commit or discard ------------------------------------

    def uncommitted(self) -> list[Uncommitted]:
        """Every tracked file that differs from the last commit, with its field-level diff."""

        # start-up: store.sync loads only when this runs
        from .store.sync import dirty_files

        repo = self.repo
        found = []
        for rel in dirty_files(repo.git):
            old = repo.git.show_bytes("HEAD", rel)
            new = self._bytes(rel)
            lines = difflib.unified_diff(
                _view(old, rel), _view(new, rel), "last commit", "now", n=1, lineterm=""
            )
            shown = ["…" if line.startswith("@@") else line for line in list(lines)[2:]]
            diff = "\n".join(shown) or "(the same fields: only the layout changed)"
            if new is None:
                diff = "(the file was deleted)\n" + diff
            found.append(Uncommitted(rel, diff, _digest(new)))
        return found

    def _bytes(self, rel: str) -> bytes | None:
        path = self.root / rel
        if not os.path.lexists(path):
            return None
        if path.is_symlink() or not path.is_file():
            raise PcsmError(f"{rel} is not a plain file: pcsm does not follow links")
        return path.read_bytes()

    def _check_shown(self, shown: list[Uncommitted]) -> None:
        for item in shown:
            if _digest(self._bytes(item.rel)) != item.digest:
                raise ChangedSinceShown(
                    f"{item.rel} changed again after its difference was shown; nothing was "
                    "done: look at the difference again (ctrl+r) and decide then"
                )

    def commit_uncommitted(self, shown: list[Uncommitted], message: str) -> CommitResult:
        """Commit the files exactly as shown, as one commit with the person's message. A
        file that does not read is refused (fix or discard it): the shared history only
        holds files every clone can read."""

        message = message.strip()
        if not message:
            raise PcsmError("the commit message is empty: say what the change is")
        if not shown:
            raise PcsmError("nothing to commit: no file differs from the last commit")
        # start-up: store.repository, store.rescue (tomlkit) load only when this runs
        from .store.repository import CommitResult
        from .store.rescue import problem_of

        repo = self.repo
        with self._lock, repo.lock():
            self._check_shown(shown)
            for item in shown:
                data = self._bytes(item.rel)
                problem = problem_of(data) if data is not None else None
                if problem is not None:
                    raise PcsmError(
                        f"{item.rel} cannot be read ({problem}): fix it, or discard the "
                        "change (its bytes are kept under .git/pcsm/rescued/)"
                    )
            rels = [item.rel for item in shown]
            sha = repo.git.commit(rels, message)
            result = CommitResult(sha, message, [], [], rels if sha else [])
            return self._remember(result) if sha else result

    def discard_uncommitted(self, shown: list[Uncommitted]) -> list[str]:
        """Put the files back as the last commit has them. Each discarded file's bytes are
        first kept under `.git/pcsm/rescued/` (store/rescue); where, is returned."""
        # start-up: store.rescue (tomlkit) loads only when this runs
        from .store.rescue import rescue

        repo = self.repo
        kept: list[str] = []
        with self._lock, repo.lock():
            self._check_shown(shown)
            for item in shown:
                data = self._bytes(item.rel)
                if data is not None:
                    kept.append(rescue(self.root, item.rel, data))
            for item in shown:
                old = repo.git.show_bytes("HEAD", item.rel)
                path = self.root / item.rel
                if old is None:
                    path.unlink(missing_ok=True)  # a file the last commit does not have
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    write_atomic(path, old)
        return kept

    # --- the live portfolio ---------------------------------------------------------------
