"""A repository's editor set-up: `.taplo.toml` and its schemas in `.pcsm/schemas/`.

taplo is the TOML toolkit behind VS Code's Even Better TOML and the TOML language server
of Neovim and other editors. With `.taplo.toml` at the top of the repository it knows each
file's schema (completion, hover help, errors as you type, ranges of this repository's
scales) and formats files in pcsm's own layout, so format-on-save changes nothing.

Both are committed, so a teammate's clone has them. They are derived from pcsm's models
and the repository's scales: `pcsm init` writes them, `pcsm schemas --write --repo DIR`
writes or refreshes them as one commit, and `pcsm validate` warns when they are stale
(scales edited in pcsm.toml, or a newer pcsm). Opening a repository never writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..framework.catalogue import ENGAGEMENT_FILES, PERSON_FILES
from ..models.scales import Scale
from ..store.layout import (
    ENGAGEMENTS_DIR,
    FRAMEWORK_FILE,
    MAPPINGS_DIR,
    PEOPLE_DIR,
    PLAN_DIR,
    SETTINGS_FILE,
)
from . import render_schemas, shipped_digest

TAPLO_CONFIG = ".taplo.toml"
SCHEMA_DIR = ".pcsm/schemas"
MARK = "# pcsm: editor settings"
"""The first line of a `.taplo.toml` pcsm wrote (and so may rewrite)."""

FORMATTING: tuple[tuple[str, bool | int | str], ...] = (
    ("indent_tables", True),
    ("indent_entries", False),
    ("indent_string", "  "),
    ("reorder_keys", False),
    ("reorder_arrays", False),
    ("array_auto_expand", False),
    ("array_auto_collapse", False),
    ("array_trailing_comma", True),
    ("compact_arrays", True),
    ("compact_inline_tables", False),
    ("inline_table_expand", False),
    ("compact_entries", False),
    ("align_entries", False),
    ("align_comments", False),
    ("trailing_newline", True),
    ("allowed_blank_lines", 2),
    ("crlf", False),
)
"""taplo's formatter set to pcsm's layout (store/toml_layout.py): nested tables two spaces
in per level, arrays and inline tables as pcsm wrote them, keys and comments left where
they are. Every option is spelled out so a taplo with other defaults formats the same."""

PLAN_MONTH = "[0-9][0-9][0-9][0-9]-[0-9][0-9].toml"


def file_globs() -> dict[str, list[str]]:
    """File kind -> the globs of its files (the layout of store/layout.py)."""

    globs: dict[str, list[str]] = {"pcsm": [SETTINGS_FILE], "framework": [FRAMEWORK_FILE]}
    for name, kind in ENGAGEMENT_FILES.items():
        globs.setdefault(kind, []).append(f"{ENGAGEMENTS_DIR}/*/{name}")
    globs.setdefault("stakeholder-plan", []).append(f"{ENGAGEMENTS_DIR}/*/{PLAN_DIR}/{PLAN_MONTH}")
    for name, kind in PERSON_FILES.items():
        globs.setdefault(kind, []).append(f"{PEOPLE_DIR}/*/{name}")
    globs["import-mapping"] = [f"{MAPPINGS_DIR}/*.toml"]
    return globs


def _value(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(items: list[str]) -> str:
    one_line = "[" + ", ".join(_value(i) for i in items) + "]"
    if len(one_line) <= 80:
        return one_line
    return "[\n" + "".join(f"  {_value(i)},\n" for i in items) + "]"


def taplo_config(scales: Mapping[str, Scale]) -> str:
    """The text of `.taplo.toml` (laid out as taplo itself would format it)."""

    globs = file_globs()
    shown = ", ".join(f"{name} {scale}" for name, scale in sorted(scales.items()))
    lines = [
        f"{MARK} for taplo (VS Code's Even Better TOML, Neovim's taplo",
        "# language server), written by pcsm: refresh them with",
        "# `pcsm schemas --write --repo .` rather than edit them (docs/editors.md in pcsm).",
        f"# Each kind of file is checked against its schema in {SCHEMA_DIR}/, made with",
        f"# this repository's scales ({shown}) and pcsm's schemas {shipped_digest()}.",
        "# `pcsm validate` stays the authority: references between files and the",
        "# framework's rules are checked there only.",
        f"include = {_array(sorted(g for kind in globs.values() for g in kind))}",
        "",
        "[formatting]",
        "# pcsm's own layout: formatting a file pcsm wrote changes nothing",
        *(f"{name} = {_value(value)}" for name, value in FORMATTING),
    ]
    for kind, patterns in sorted(globs.items()):
        lines += [
            "",
            "[[rule]]",
            f"include = {_array(patterns)}",
            f'schema = {{ path = "{SCHEMA_DIR}/{kind}.schema.json" }}',
        ]
    return "\n".join(lines) + "\n"


def editor_files(scales: Mapping[str, Scale]) -> dict[str, str]:
    """Repository path -> text of every editor file, for a repository with `scales`."""

    files = {TAPLO_CONFIG: taplo_config(scales)}
    for name, text in render_schemas(scales).items():
        files[f"{SCHEMA_DIR}/{name}"] = text
    return files


def foreign_config(root: Path) -> bool:
    """A `.taplo.toml` that pcsm did not write (pcsm leaves it alone)."""
    path = root / TAPLO_CONFIG
    if not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as handle:
        return not handle.readline().startswith(MARK)


def has_editor_files(root: Path) -> bool:
    """Whether the repository uses pcsm's editor set-up (a `.taplo.toml` pcsm wrote)."""
    return (root / TAPLO_CONFIG).is_file() and not foreign_config(root)


def outdated(root: Path, scales: Mapping[str, Scale]) -> list[str]:
    """A quick look (no schema is rendered, so `pcsm validate` stays fast): the editor
    files whose set-up no longer fits. `.taplo.toml` names the scales and a digest of
    pcsm's schemas, so a change of either shows there; `stale_editor_files` compares all."""
    wanted = {f"{SCHEMA_DIR}/{kind}.schema.json" for kind in file_globs()}
    folder = root / SCHEMA_DIR
    present = {f"{SCHEMA_DIR}/{p.name}" for p in folder.glob("*.schema.json")}
    config = root / TAPLO_CONFIG
    current = config.is_file() and config.read_text(encoding="utf-8") == taplo_config(scales)
    return sorted(([] if current else [TAPLO_CONFIG]) + list(wanted ^ present))


def stale_editor_files(root: Path, scales: Mapping[str, Scale]) -> tuple[list[str], list[str]]:
    """(paths to write, schema paths to remove) to bring the editor files up to date."""
    wanted = editor_files(scales)
    write = [
        rel
        for rel, text in wanted.items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text
    ]
    folder = root / SCHEMA_DIR
    remove = sorted(
        f"{SCHEMA_DIR}/{p.name}"
        for p in (folder.glob("*.schema.json") if folder.is_dir() else [])
        if f"{SCHEMA_DIR}/{p.name}" not in wanted
    )
    return sorted(write), remove
