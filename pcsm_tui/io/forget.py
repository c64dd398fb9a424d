"""`pcsm forget`: take a person out of the current files, as one commit that names no one.

A stakeholder who asks to be forgotten (or whose data is past its retention period) must
leave no trace in the repository's files: their register row goes, every reference to it
(RACI columns and letters, plan assessments and rows, ignored suggestions) goes with it
(store/unreference.py), and free text anywhere in the repository that names them (notes,
activity names, other engagements, any tracked text file) has the name replaced by their
role, or "[removed]" when they have none; their contact details too. The commit message
is scrubbed the same way, so even public fields shown in it do not carry the name.

The history still holds them: `purge_instructions` says how to rewrite it with
git filter-repo, with a replacements file written into .git/pcsm/ (never committed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models.engagement import Register
from ..store.atomic import write_atomic
from ..store.layout import REGISTER_FILE, classify, engagement_rel
from ..store.messages import Scope
from ..store.repository import CommitResult, Repository, Write, dump
from ..store.unreference import without_stakeholder
from .masking import name_pattern, replace_names

REMOVED = "[removed]"


class NotInRegister(UsageError, LookupError):
    """The engagement's register has no such stakeholder."""


@dataclass
class Forgotten:
    """What `forget` did: the commit, the files it changed, and what to purge from history."""

    result: CommitResult
    files: list[str] = field(default_factory=list)
    replacements: Path | None = None
    stand_in: str = REMOVED


def _contacts(contact: str) -> list[str]:
    """The e-mail addresses and phone numbers in a register row's contact field."""
    return [c.strip() for c in re.split(r"[;,/]|\s{2,}|\s(?=\S+@)", contact) if c.strip()]


def _scrubber(name: str, contact: str, stand_in: str) -> Callable[[str], str]:
    items = sorted(_contacts(contact), key=len, reverse=True)

    def scrub(text: str) -> str:
        text = replace_names(text, [(name, stand_in)])
        for item in items:
            text = text.replace(item, REMOVED)
        return text

    return scrub


def _walk(value: Any, scrub: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _walk(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, scrub) for v in value]
    return value


def forget(repo: Repository, engagement: str, stakeholder: str) -> Forgotten:
    """Remove `stakeholder` of `engagement` from every current file, as one commit."""
    register_rel = engagement_rel(engagement, REGISTER_FILE)
    register = repo.load(register_rel).model
    assert isinstance(register, Register)
    person = register.by_id().get(stakeholder)
    if person is None:
        known = ", ".join(s.id for s in register.stakeholders) or "none"
        raise NotInRegister(
            f"engagements/{engagement} has no stakeholder {stakeholder!r} (register ids: {known})"
        )
    stand_in = person.job_role.strip() or REMOVED
    scrub = _scrubber(person.name.strip(), person.contact, stand_in)
    context = repo.context()
    writes: list[Write] = []
    others: dict[str, tuple[bytes, str]] = {}
    for rel in repo.git.out("ls-files", "-z").split("\0") if repo.git.head() else []:
        if not rel or not (repo.root / rel).is_file():
            continue
        kind = classify(rel)
        if kind is not None:
            loaded = repo.load(rel)
            data = dump(loaded.model)
            if kind.engagement == engagement:
                data = without_stakeholder(kind, data, stakeholder)
            data = _walk(data, scrub)
            model = type(loaded.model).model_validate(data, context=context)
            if dump(model) != dump(loaded.model):
                writes.append(Write(rel, model, loaded.digest))
            continue
        raw = (repo.root / rel).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\0" not in text and scrub(text) != text:
            others[rel] = (raw, scrub(text))
    for rel, (_raw, text) in others.items():  # tracked files pcsm does not own (notes.md)
        write_atomic(repo.root / rel, text.encode("utf-8"))
    try:
        result = repo.save(
            writes,
            Scope(engagement=engagement),
            headline=f"removed a stakeholder's personal data ({stand_in}, pcsm forget)",
            action="forget",
            extra_paths=list(others),
            message_filter=scrub,
        )
    except BaseException:
        for rel, (raw, _text) in others.items():
            write_atomic(repo.root / rel, raw)
        raise
    files = [w.rel for w in writes] + list(others)
    history = _replacements(repo, stakeholder, person.name, person.contact, stand_in)
    return Forgotten(result, files, history, stand_in)


def _replacements(
    repo: Repository, stakeholder: str, name: str, contact: str, stand_in: str
) -> Path:
    """A git filter-repo `--replace-text` file for the history: the name in any spacing and
    case, surname first too, and the contact details. Kept in .git/pcsm/, never committed."""
    pattern = name_pattern(name.strip())
    lines = [f"literal:{name.strip()}==>{stand_in}"]
    if pattern is not None:
        lines.append(f"regex:(?i){pattern.pattern}==>{stand_in}")
    lines += [f"literal:{item}==>{REMOVED}" for item in _contacts(contact)]
    folder = repo.git.git_dir() / "pcsm"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"forget-{stakeholder}.txt"
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def purge_instructions(done: Forgotten, repo_root: Path) -> str:
    """How to take the person out of the history too, and what it costs everyone."""
    sha = (done.result.sha or "")[:10]
    file = done.replacements
    return f"""\
The current files no longer name this person (commit {sha}, {len(done.files)} file(s)).
The history still does: every earlier commit, in this clone and in every other one.

To purge it from the history as well:
  1. Make sure every teammate has pushed their work, and agree a time: what they push
     afterwards from an old clone brings the old history back.
  2. In a clone of the central repository ({repo_root}):
       python -m pip install git-filter-repo
       git filter-repo --force --replace-text {file} --replace-message {file}
       git update-ref -d refs/notes/textconv/pcsm   (git diff's cached field views)
     (git filter-repo removes the remote `origin` afterwards: add it back with
      git remote add origin <url>)
  3. Check the result (`pcsm validate`, `git log -p | grep -i` for the name), then replace
     the shared history:
       git push --force --all origin
       git push --force --tags origin
  4. Every teammate must then re-clone (git clone <url>) and delete their old clone; they
     must not pull or merge into an old clone.
  5. Delete {file}: it holds the name.

Warnings:
  - Every commit id changes: links to commits, tags and signed commits are rewritten or
    lose their signatures.
  - The hosting service may keep the old commits reachable (pull requests, forks, caches):
    ask it to purge them. Backups and exported workbooks still hold the data.
  - Until this is done the name stays in `git log -p` and in every clone.
"""
