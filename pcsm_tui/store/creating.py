"""Creating a central repository and an engagement in it, each as one commit: the
files a new repository starts with (.gitattributes for the merge driver, .gitignore, the
editor set-up) and the pre-filled files of a new engagement. `Repository.init` and
`Repository.new_engagement` are the way in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..framework.catalogue import TOOLS
from ..framework.prefill import engagement_files
from ..models.base import FileModel
from ..models.commitment import StakeholderPlanMonth
from ..models.repository import RepoSettings
from ..schemas.editor import foreign_config
from .diffconfig import ensure_diff_driver
from .editorfiles import write_editor_files
from .layout import ENGAGEMENT_FILE, check_new_folder, engagement_rel
from .mergeconfig import ensure_merge_driver
from .messages import Scope
from .refusals import AlreadyExists
from .sparse import absent_engagements, include_new_engagement
from .writes import CommitResult, Write

if TYPE_CHECKING:
    from collections.abc import Callable

    from .repository import Repository

GITIGNORE = """\
# pcsm: temporary files of interrupted saves (the saved file itself is always whole)
.*.tmp
"""

GITATTRIBUTES = """\
# pcsm: engagement and people files are merged row by row and field by field
engagements/**/*.toml merge=pcsm
people/**/*.toml merge=pcsm
"""


def create_repository(
    repository: Callable[[Path], Repository],
    path: Path,
    name: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Repository:
    """Create an empty central repository at `path` (and the git repository if there is
    none); `repository` makes the Repository object for a folder."""
    if (path / "pcsm.toml").exists():
        raise AlreadyExists(f"{path} is already a pcsm repository")
    path.mkdir(parents=True, exist_ok=True)
    repo = repository(path)
    if not repo.git.is_repository() or not (path / ".git").exists():
        repo.git.init()
    ensure_merge_driver(repo.git)
    ensure_diff_driver(repo.git)
    repo.git.check_identity(env)
    settings = RepoSettings(name=name or path.resolve().name)
    repo._settings = settings
    repo._write_text(".gitattributes", GITATTRIBUTES)
    repo._write_text(".gitignore", GITIGNORE)
    editor: list[str] = []
    if not foreign_config(repo.root):  # .taplo.toml and schemas, for editors
        editor = write_editor_files(repo.root, repo.scales())
    repo.save(
        [Write("pcsm.toml", settings, header="pcsm repository settings")],
        Scope(tool="repository"),
        headline="repository created",
        action="init",
        env=env,
        extra_paths=[".gitattributes", ".gitignore", *editor],
    )
    return repo


def create_engagement(
    repo: Repository,
    slug: str,
    customer: str,
    initiative: str = "",
    csm: str = "",
    start: dt.date | None = None,
    env: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    first_month: bool = True,
    texts: Mapping[str, str] | None = None,
    raci_activities: bool = False,
    models: Mapping[str, FileModel] | None = None,
    headline: str = "",
) -> CommitResult:
    """Create an engagement folder with every tool file pre-filled, as one commit
    (`Repository.new_engagement` is this function).

    `raci_activities`: the RACI matrix starts with the framework's standard activities.

    `texts` may give the exact text of some files (by file name), for example a team's
    own commented layout; each must hold the same data as the pre-filled file.
    `models` replaces the pre-filled content of some files (by file name): the tools a team
    template starts (io/templates.py), in the same commit.
    """

    check_new_folder(slug)
    folder = repo.layout.engagement_dir(slug)
    if folder.exists():
        raise AlreadyExists(f"engagement {slug!r} already exists ({repo.layout.rel(folder)})")
    if slug in absent_engagements(repo.root):  # a --mine clone: in HEAD, not on disk
        raise AlreadyExists(
            f"engagement {slug!r} already exists in the repository but not in this clone: "
            f"`pcsm sparse add {slug}` adds it"
        )
    include_new_engagement(repo.root, slug)  # else git would not add its files
    files = engagement_files(
        repo.framework, customer, initiative, csm, start, raci_activities=raci_activities
    )
    files.update(models or {})
    month = (start or today or dt.date.today()).strftime("%Y-%m")
    texts = texts or {}
    writes = [
        Write(engagement_rel(slug, name), model, header=_header(name), text=texts.get(name))
        for name, model in files.items()
    ]
    if first_month:
        writes.append(
            Write(
                repo.layout.rel(repo.layout.plan_month(slug, month)),
                StakeholderPlanMonth(),
                header=f"stakeholder plan, {month}",
            )
        )
    return repo.save(
        writes,
        Scope(engagement=slug, tool="engagement"),
        headline=headline or f"engagement started ({len(writes)} files)",
        action="create",
        env=env,
    )


def _header(filename: str) -> str:

    for tool in TOOLS:
        if tool.file == filename:
            return f"{tool.title} (tool {tool.number})"
    return "engagement" if filename == ENGAGEMENT_FILE else "stakeholder register"
