"""Registering pcsm's git diff driver (store/fieldview.py) in a repository's own git config.

Like the merge driver (mergeconfig.py), every clone needs `diff.pcsm.*` in its local
config, which pcsm sets whenever it creates or opens a repository (cheap when done: files
are read first, git runs only when something must change). The routing of engagement and
people files to `diff=pcsm` goes to `.git/info/attributes`, this clone's own: the
committed `.gitattributes` stays as it was, so repositories made before the driver existed
get it on open without a commit, and a clone without pcsm (whose git would not know the
driver anyway) is not affected. A `.gitattributes` that already says `diff=pcsm` is kept.

The view runs with the same isolation as the merge driver (`python -I`, or `-E -P` when pcsm
lives in the user's site folder): git runs it from the repository's top folder, whose
files must never be importable. `cachetextconv` keeps each blob's view in
`refs/notes/textconv/pcsm` (local, never pushed by pcsm), keyed by the command, which
carries fieldview.VIEW_VERSION, so a changed view is recomputed.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from .fieldview import ROW_MARK, VIEW_VERSION
from .git import GitError, GitService
from .mergeconfig import ISOLATED, USER_SITE, chosen_flags

ROUTING = ("engagements/**/*.toml", "people/**/*.toml")
ATTRIBUTES_NOTE = "# pcsm: engagement and people files diffed field by field (pcsm's diff driver)"
XFUNCNAME = f"^{ROW_MARK}(.*)$"
"""Hunk headers name the row a change is in."""
CACHE_REF = "refs/notes/textconv/pcsm"


def view_command(python: str | None = None, flags: str = ISOLATED) -> str:
    """The `diff.pcsm.textconv` value for this interpreter (git appends the file)."""
    interpreter = shlex.quote(python or sys.executable)
    return f"{interpreter} {flags} -m pcsm_tui.store.fieldview --view {VIEW_VERSION}"


def safe_commands(python: str | None = None) -> tuple[str, ...]:
    return (view_command(python, ISOLATED), view_command(python, USER_SITE))


def wanted(flags: str) -> dict[str, str]:
    return {
        "diff.pcsm.textconv": view_command(flags=flags),
        "diff.pcsm.cachetextconv": "true",
        "diff.pcsm.xfuncname": XFUNCNAME,
    }


def _config_done(dot_git: Path) -> bool:
    try:
        text = (dot_git / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return (
        "cachetextconv = true\n" in text
        and "xfuncname = " in text
        and any(f"textconv = {command}\n" in text for command in safe_commands())
    )


def routed(root: Path, dot_git: Path) -> bool:
    """Whether `.gitattributes` or this clone's info/attributes already says `diff=pcsm`."""
    for path in (root / ".gitattributes", dot_git / "info" / "attributes"):
        try:
            if "diff=pcsm" in path.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            continue
    return False


def _route(dot_git: Path) -> None:
    """Add the routing to `.git/info/attributes` (kept: anything already there)."""
    path = dot_git / "info" / "attributes"
    try:
        before = path.read_text(encoding="utf-8") if path.is_file() else ""
        lines = [ATTRIBUTES_NOTE, *(f"{pattern} diff=pcsm" for pattern in ROUTING)]
        gap = "" if not before or before.endswith("\n") else "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(before + gap + "\n".join(lines) + "\n", encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # a clone pcsm cannot write: plain diffs there, nothing else changes


def ensure_diff_driver(git: GitService) -> None:
    """Set `diff.pcsm.*` locally and route the files, unless already done (no git run then).

    Only a repository whose top folder is `git.root` with its own `.git` folder is touched;
    a config git cannot write is left alone (diffs are then plain TOML, nothing breaks).
    """
    dot_git = git.root / ".git"
    if not dot_git.is_dir():
        return
    if not routed(git.root, dot_git):
        _route(dot_git)
    if _config_done(dot_git):
        return
    try:
        current = git.config_get_regexp(r"^diff\.pcsm\.")
        values = wanted(chosen_flags())
        if current.get("diff.pcsm.textconv") in safe_commands():
            values.pop("diff.pcsm.textconv")
        for key, value in values.items():
            if current.get(key) != value:
                git.config_set(key, value)
    except GitError:
        return


def remove_diff_driver(git: GitService) -> None:
    """Unset the driver (tests: pcsm's own git must not depend on it either way)."""
    for key in ("textconv", "cachetextconv", "xfuncname"):
        git.config_unset(f"diff.pcsm.{key}")
