"""The tool registry is the one place a tool is declared: every entry resolves to a model,
an editor, an Excel adapter, a schema and a sample in the demo, and the live view and the
"view as of" view pick the same editor from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pcsm_tui.framework import default_framework
from pcsm_tui.framework.catalogue import ENTRIES, ENTRY_FOR_KIND, TOOLS, Tool, load_object
from pcsm_tui.io.layouts import adapter_for
from pcsm_tui.models.base import FileModel
from pcsm_tui.ui.editors.registry import editor_class
from pcsm_tui.ui.editors.tool import ToolEditor

SCHEMAS = Path(__file__).parent.parent / "schemas"


def _sample(demo: Path, tool: Tool) -> list[Path]:
    """The demo's files of `tool`: every engagement's (or person's) file, or month."""
    if tool.scope == "person":
        return sorted(demo.glob(f"people/*/{tool.file}"))
    if tool.scope == "monthly":
        return sorted(demo.glob(f"engagements/*/{tool.file}/*.toml"))
    return sorted(demo.glob(f"engagements/*/{tool.file}"))


@pytest.mark.parametrize("tool", ENTRIES, ids=lambda t: t.id)
def test_every_entry_is_complete(tool: Tool, demo_dir: Path) -> None:
    assert issubclass(tool.model, FileModel)
    assert issubclass(editor_class(tool), ToolEditor)
    adapter = adapter_for(default_framework(), tool.id)
    assert (adapter.tool, adapter.title) == (tool.id, tool.title)
    assert getattr(adapter, "filename", tool.file) == tool.file
    assert (SCHEMAS / f"{tool.model.kind}.schema.json").is_file()
    assert _sample(demo_dir, tool), f"the demo has no {tool.file} for {tool.id}"
    assert tool.keys and tool.heading
    if tool.shape == "checklist":  # a new copy of a checklist starts from the entry's list
        copy = load_object(tool.prefill)(default_framework(), 1)
        assert copy.items


def test_ids_are_unique() -> None:
    ids = [tool.id for tool in ENTRIES]
    assert len(ids) == len(set(ids))
    assert sorted(tool.number for tool in TOOLS) == list(range(1, len(TOOLS) + 1))


def _file_of(tool: Tool) -> str:
    if tool.scope == "person":
        return f"people/maria-lopez/{tool.file}"
    if tool.scope == "monthly":
        return f"engagements/e/{tool.file}/2026-09.toml"
    return f"engagements/e/{tool.file}"


@pytest.mark.parametrize("tool", ENTRIES, ids=lambda t: t.id)
def test_view_as_of_shows_the_live_editor(tool: Tool) -> None:
    """The named bug of issue 12: history chose by shape only, so an earlier version of the
    risks, the strategy, a plan month, a personal evaluation or the engagement showed in
    another editor than the live one."""
    from pcsm_tui.ui.screens.history import editor_for

    workspace: Any = None  # the editor is only built here, never mounted
    editor = editor_for(workspace, _file_of(tool), "", "as of", "e")
    shown = ENTRY_FOR_KIND[tool.model.kind]  # a plan month shows as the plan (tool 6)
    assert type(editor) is editor_class(shown)
    assert editor.read_only and editor.tool is shown


def test_references_are_read_from_one_declaration() -> None:
    """The rows' reference fields, the editors' choices and each tool's references all come
    from models/references.py (they were declared three times)."""
    from pcsm_tui.framework.catalogue import TOOLS_BY_ID
    from pcsm_tui.models.adoption import AdoptionActivity
    from pcsm_tui.models.commitment import Assessment, PlanRow, RaciColumn
    from pcsm_tui.models.fields import field_specs
    from pcsm_tui.models.people import DevelopmentActivity
    from pcsm_tui.models.references import choice_source, reference_fields, reference_of

    expected = {
        RaciColumn: {"stakeholder"},
        Assessment: {"stakeholder"},
        PlanRow: {"stakeholder", "strategy"},
        AdoptionActivity: {"group"},
        DevelopmentActivity: {"csf"},
    }
    for row, fields in expected.items():
        assert reference_fields(row) == fields
        assert {s.name for s in field_specs(row) if s.reference} == fields
    strategy = reference_of(PlanRow, "strategy")
    assert strategy is not None and choice_source(strategy) == ("", "strategies")
    group = reference_of(AdoptionActivity, "group")
    assert group is not None and choice_source(group) == ("impacted-groups.toml", "groups")
    assert [r.what for r in TOOLS_BY_ID["raci"].references] == ["stakeholder"]


def _field_names() -> set[str]:
    """Every field name of every model: a field may share a tool's name (a plan row's
    `strategy`, a file's `risks` list) without being a tool id."""
    import inspect

    from pydantic import BaseModel

    names: set[str] = set()
    for module_path in (Path(__file__).parent.parent / "pcsm_tui" / "models").glob("*.py"):
        module = __import__(f"pcsm_tui.models.{module_path.stem}", fromlist=["_"])
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseModel):
                names.update(cls.model_fields)
    return names


ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("ui/screens/export_dialog.py", "proposal"): (
        1,
        "the word in the message after a letter export",
    ),
    ("io/milestone.py", "stakeholder-matrix"): (1, "a picture's name inside a report document"),
    ("ui/screens/portfolio.py", "readiness"): (2, "the portfolio's column key (its rows' field)"),
    ("ui/screens/portfolio_columns.py", "readiness"): (1, "the same column key, named once"),
}
"""(module, literal) -> (how many, why): the few exact matches that are words, not ids."""

COLUMN_KINDS = {"raci"}
"""io/columns.py's column kinds: `raci` is a cell of R/A/C/I letters, not the tool."""


def test_no_tool_id_literals_in_ui_or_io() -> None:
    """ui/ and io/ name a tool through its registry entry, never by writing its id."""
    import ast

    root = Path(__file__).parent.parent / "pcsm_tui"
    ids = {tool.id for tool in TOOLS}
    words = _field_names() | COLUMN_KINDS
    found: dict[tuple[str, str], list[int]] = {}
    for layer in ("ui", "io"):
        for path in sorted((root / layer).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in ids and node.value not in words:
                    found.setdefault((rel, str(node.value)), []).append(node.lineno)
    unexpected = {
        key: lines
        for key, lines in found.items()
        if key not in ALLOWED or len(lines) > ALLOWED[key][0]
    }
    assert not unexpected, f"tool ids written as literals (use the registry entry): {unexpected}"


def test_no_tool_file_names_written_in_ui_or_io() -> None:
    """ui/ and io/ take a tool's file name from its entry (`TOOL_FOR_KIND[Model.kind].file`):
    a file named again elsewhere is a second declaration that nothing keeps in step."""
    import ast

    root = Path(__file__).parent.parent / "pcsm_tui"
    files = {tool.file for tool in TOOLS if tool.file.endswith(".toml")}
    found = [
        f"{path.relative_to(root).as_posix()}:{node.lineno}: {node.value}"
        for layer in ("ui", "io")
        for path in sorted((root / layer).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in files
    ]
    assert found == []
