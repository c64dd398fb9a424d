"""Write a repository's editor set-up (schemas/editor.py) and commit it as one change."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PcsmError
from ..models.scales import Scale
from ..schemas.editor import (
    TAPLO_CONFIG,
    editor_files,
    foreign_config,
    stale_editor_files,
)
from .atomic import write_atomic
from .messages import Scope

if TYPE_CHECKING:
    from .repository import CommitResult, Repository


class ForeignTaploConfig(PcsmError):
    """The repository has a `.taplo.toml` of its own; pcsm does not overwrite it."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            f"{root / TAPLO_CONFIG} was not written by pcsm, so pcsm leaves it alone. Move it "
            "away and run this again, or add pcsm's rules to it by hand (docs/editors.md)"
        )


def write_editor_files(root: Path, scales: Mapping[str, Scale]) -> list[str]:
    """Bring the editor files up to date on disk; the paths written or removed."""
    write, remove = stale_editor_files(root, scales)
    wanted = editor_files(scales) if write else {}
    for rel in write:
        write_atomic(root / rel, wanted[rel].encode("utf-8"))
    for rel in remove:
        (root / rel).unlink(missing_ok=True)
    return sorted(write + remove)


def scales_note(scales: Mapping[str, Scale]) -> str:
    return ", ".join(f"{name} {scale}" for name, scale in sorted(scales.items()))


def refresh_editor_files(
    repo: Repository, env: Mapping[str, str] | None = None
) -> CommitResult | None:
    """Write `.taplo.toml` and `.pcsm/schemas/` for the repository's scales and commit
    them; None when they were already up to date (nothing is committed then)."""
    if foreign_config(repo.root):
        raise ForeignTaploConfig(repo.root)
    scales = repo.scales()
    repo.git.check_identity(env)
    changed = write_editor_files(repo.root, scales)
    if changed:  # written back to what is committed (an edit undone): nothing to commit
        changed = [p for p in changed if repo.git.out("status", "--porcelain", "--", p).strip()]
    if not changed:
        return None
    return repo.save(
        [],
        Scope(tool="repository"),
        headline=f"editor settings for taplo ({scales_note(scales)})",
        action="editor",
        env=env,
        extra_paths=changed,
    )
