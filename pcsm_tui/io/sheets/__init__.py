"""The templates' sheets of each tool, declared as data: one module per group of tools.

A registry entry (framework/catalogue.py) names its adapter as `module:function`; the
function takes the entry (id, title, file and model come from it, never restated here) and
the repository's framework, and returns the adapter with the template's headers and order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...framework import Framework
from ...framework.catalogue import Tool
from ...models.base import Row
from ..bundle import EngagementData
from ..columns import Col
from ..nested import NestedTool
from ..rules import normalize
from ..tables import Sheet, Table, TableTool

Factory = Callable[[Tool, Framework], Any]
"""What a registry entry's `adapter` names: (entry, framework) -> the entry's Adapter."""


def standard(items: str) -> Any:
    """Standard items of the framework (`research_questions`) by their normalized text:
    a sheet row with the same text is the same item."""

    def lookup(data: EngagementData) -> dict[str, str]:
        return {normalize(i.text): i.id for i in getattr(data.framework, items)}

    return lookup


def table_tool(entry: Tool, sheets: list[Sheet]) -> TableTool:
    """A tool of forms and tables over the entry's file."""
    return TableTool(entry.id, entry.title, entry.file, entry.model, sheets)


def one_table(
    entry: Tool,
    sheet: str,
    field: str,
    row: type[Row],
    cols: tuple[Col, ...],
    label: str | None,
    **extra: Any,
) -> TableTool:
    """A tool of one sheet holding one table, headed with the tool's title."""
    return table_tool(
        entry, [Sheet(sheet, (Table(field, row, cols, label, **extra),), heading=entry.title)]
    )


def nested_tool(entry: Tool, *args: Any) -> NestedTool:
    """A tool of one sheet per outer row (checklist copies, onboarding phases)."""
    return NestedTool(entry.id, entry.title, entry.file, entry.model, *args)


__all__ = ["Factory", "nested_tool", "one_table", "standard", "table_tool"]
