"""Every tool's sheets, in the templates' own names, headers and order.

The registry (framework/catalogue.py) is the list: each entry names its adapter as
`module:function`, called with the entry and the repository's framework, so ids, titles,
files and models are never restated here. Table tools are declared as data in io/sheets/
(one module per group of tools); the few shapes that are not a table have their own module.
The order is the registry's, which is the workbook's sheet order and the import order: the
register before the sheets that name stakeholders, the impacted groups before the
activities that name them.
"""

from __future__ import annotations

from ..framework import Framework
from ..framework.catalogue import ENGAGEMENT_ENTRY, ENTRIES, REGISTER_ENTRY, load_object
from .adapter import Adapter

ENGAGEMENT = ENGAGEMENT_ENTRY.id
REGISTER = REGISTER_ENTRY.id


def adapters(framework: Framework) -> tuple[Adapter, ...]:
    """Every adapter, in workbook order, for a repository's framework."""
    made = []
    for entry in ENTRIES:
        if entry.phase and not framework.has_phase(entry.phase):
            continue  # a phase the team removed (framework.toml): its tools are not exported
        adapter = load_object(entry.adapter)(entry, framework)
        if not isinstance(adapter, Adapter):
            raise TypeError(f"{entry.id}: {entry.adapter} did not make an Adapter")
        made.append(adapter)
    return tuple(made)


def adapter_for(framework: Framework, tool: str) -> Adapter:
    for adapter in adapters(framework):
        if adapter.tool == tool:
            return adapter
    raise KeyError(tool)


def tool_ids(framework: Framework) -> list[str]:
    return [a.tool for a in adapters(framework)]


__all__ = ["ENGAGEMENT", "REGISTER", "adapter_for", "adapters", "tool_ids"]
