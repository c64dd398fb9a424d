"""Pydantic's JSON Schemas, reshaped for people who meet them in an editor.

Pydantic writes an optional field as `anyOf: [T, {type: null}]`. TOML has no null (an
optional field is simply left out), and a validator reports a wrong value there as "is not
valid under any of the schemas listed in the 'anyOf' keyword"; as plain `T` the message
says what is wanted ("is not of type integer"). Values on a repository scale get the
repository's range; enumerations get a line of help for each value (taplo's `x-taplo`
extension, shown in completion).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..models.scales import SCALE_KEY, Scale

ENUM_DOCS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("person", "group"): (
        "one stakeholder, named by job role",
        "a group of people (e.g. a department or an impacted group)",
    ),
    ("active", "paused", "closed"): (
        "being worked on",
        "on hold; kept as it is",
        "finished; kept for the record and the knowledge base",
    ),
    ("draft", "sent", "signed"): (
        "being written",
        "sent to the customer",
        "signed by the customer",
    ),
    ("proposed", "agreed", "in-progress", "done", "dropped"): (
        "suggested, not yet agreed with the customer",
        "agreed with the customer",
        "being worked on",
        "met",
        "no longer pursued",
    ),
    ("proposed", "planned", "in-progress", "done"): (
        "suggested, waiting for the manager's review",
        "agreed and scheduled",
        "being worked on now",
        "past work (the default)",
    ),
    ("research", "analysis", "planning", "action", "evaluation"): (
        "RAPAE step 1: find out",
        "RAPAE step 2: understand what was found",
        "RAPAE step 3: decide what to do",
        "RAPAE step 4: do it",
        "RAPAE step 5: check how it went",
    ),
    ("customer", "solution", "initiative", "csm-outcomes", "stakeholders", "third-parties"): (
        "research sheet: the customer's organization",
        "research sheet: the solution being adopted",
        "research sheet: the customer's initiative",
        "research sheet: what the CSM must achieve (renewal, usage, ...)",
        "research sheet: the people who matter to the initiative",
        "research sheet: partners, consultants and other vendors involved",
    ),
    ("assumption", "question"): (
        "something believed true, to be confirmed",
        "something to find out",
    ),
    ("name", "role"): (
        "the author's name as git recorded it",
        "the member's role from [[members]] in pcsm.toml",
    ),
    ("A4", "Letter"): (
        "210 x 297 mm, used everywhere but North America (the default)",
        "8.5 x 11 inches, used in the US and Canada",
    ),
    ("open", "mitigated", "closed"): (
        "still a risk: counts in health and next steps",
        "its strategy worked; kept for the record, no longer counted",
        "no longer a risk; kept for the record, no longer counted",
    ),
    ("go", "no-go", "not-yet"): (
        "ready: the adoption phase goes live",
        "not going live: the reasons are in the comments",
        "not ready yet: decide again later",
    ),
    ("up", "down"): (
        "higher is better (e.g. a share of orders)",
        "lower is better (e.g. a lead time or an error rate)",
    ),
}
"""Help for the values of the models' enumerations, by the values in their order."""


def reshape(schema: dict[str, Any], scales: Mapping[str, Scale] | None) -> dict[str, Any]:
    """The schema made plain (see the module's docstring); `scales` None leaves ranges out
    (the package's schemas serve every repository)."""
    shaped = _node(schema, scales)
    assert isinstance(shaped, dict)
    return shaped


def _node(value: Any, scales: Mapping[str, Scale] | None) -> Any:
    if isinstance(value, list):
        return [_node(item, scales) for item in value]
    if not isinstance(value, dict):
        return value
    node = {key: _node(item, scales) for key, item in value.items()}
    _drop_null(node)
    _range(node, scales)
    _enum_docs(node)
    return node


def _drop_null(node: dict[str, Any]) -> None:
    """`anyOf: [T, null]` -> `T`; a `null` default goes (leaving a key out is the default)."""
    branches = node.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches:
        kept = [b for b in branches if b != {"type": "null"}]
        del node["anyOf"]
        if len(kept) == 1 and isinstance(kept[0], dict):
            for key, item in kept[0].items():
                node.setdefault(key, item)
        elif kept:
            node["anyOf"] = kept
    if "default" in node and node["default"] is None:
        del node["default"]


def _range(node: dict[str, Any], scales: Mapping[str, Scale] | None) -> None:
    name = node.pop(SCALE_KEY, None)
    if not isinstance(name, str):
        return
    scale = scales.get(name) if scales is not None else None
    described = str(node.get("description", ""))
    if scale is None:
        if "scale" in described:
            return
        note = f"On the repository's {name} scale ([scales] in pcsm.toml)."
    else:
        node["minimum"], node["maximum"] = scale.low, scale.high
        note = f"This repository's {name} scale: {scale} ([scales] in pcsm.toml)."
    node["description"] = f"{described}\n\n{note}" if described else note


def _enum_docs(node: dict[str, Any]) -> None:
    values = node.get("enum")
    if not isinstance(values, list):
        return
    docs = ENUM_DOCS.get(tuple(str(v) for v in values))
    if docs is not None:
        node["x-taplo"] = {"docs": {"enumValues": list(docs)}}
        listed = "; ".join(f"{v}: {d}" for v, d in zip(values, docs, strict=True))
        described = node.get("description")
        node["description"] = f"{described}\n\n{listed}" if described else listed
