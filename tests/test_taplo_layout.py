"""The layout pcsm writes is the one taplo's formatter keeps (docs/editors.md): new files,
merges into them and into the demo's files, for every file kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pcsm_tui.framework.catalogue import FILE_MODELS
from pcsm_tui.models.base import FileModel
from pcsm_tui.schemas.editor import FORMATTING
from pcsm_tui.store.layout import Layout, classify
from pcsm_tui.store.repository import dump
from pcsm_tui.store.toml_codec import dumps_new, merge_into

from .conftest import scaled
from .strategies import model_data
from .taplohelp import needs_taplo, taplo

OPTIONS = [
    arg
    for name, value in FORMATTING
    for arg in ("-o", f"{name}={value if isinstance(value, str) else json.dumps(value)}")
]


def _unchanged_by_taplo(folder: Path, texts: list[str]) -> None:
    for index, text in enumerate(texts):
        (folder / f"{index}.toml").write_text(text)
    checked = taplo(folder, "fmt", "--check", "--no-auto-config", *OPTIONS, "*.toml")
    if checked.returncode != 0:
        shown = taplo(folder, "fmt", "--diff", "--no-auto-config", *OPTIONS, "*.toml")
        pytest.fail(f"taplo would reformat what pcsm wrote:\n{shown.stdout}")


def _valid(model: type[FileModel], data: dict[str, Any]) -> FileModel:
    try:
        return model.model_validate(data)
    except ValidationError:
        reject()


@needs_taplo
@pytest.mark.parametrize("kind", sorted(k for k in FILE_MODELS if k != "framework"))
@settings(
    max_examples=scaled(8),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=st.data())
def test_what_pcsm_writes_taplo_leaves_alone(
    kind: str, data: st.DataObject, demo_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """New files, merges into them, and merges into the demo's (indented) files."""
    model = FILE_MODELS[kind]
    first = _valid(model, data.draw(model_data(model)))
    second = _valid(model, data.draw(model_data(model)))
    new = dumps_new(dump(first), header="a header")
    texts = [new, merge_into(new, dump(second))]
    samples = [p for p in Layout(demo_dir).owned_files() if classify(Layout(demo_dir).rel(p))]
    for path in samples:
        found = classify(Layout(demo_dir).rel(path))
        if found is not None and found.kind == kind:
            texts.append(merge_into(path.read_text(), dump(second)))
            break
    _unchanged_by_taplo(tmp_path_factory.mktemp("fmt"), texts)


def test_new_tables_follow_the_files_own_habit() -> None:
    row = {"id": "n", "subs": [{"id": "s", "cells": {"a": "R"}}]}
    new = dumps_new({"rows": [row]})
    assert new == ('[[rows]]\nid = "n"\n\n  [[rows.subs]]\n  id = "s"\n  cells = { a = "R" }\n')
    flat = '[[rows]]\nid = "b"\n\n[[rows.subs]]\nid = "x"\n'
    merged = merge_into(flat, {"rows": [{"id": "b", "subs": [{"id": "x"}]}, row]})
    assert merged.startswith(flat) and '\n[[rows.subs]]\nid = "s"' in merged
    indented = '[[rows]]\nid = "b"\n\n  [[rows.subs]]\n  id = "x"\n'
    merged = merge_into(indented, {"rows": [{"id": "b", "subs": [{"id": "x"}]}, row]})
    assert merged.startswith(indented) and '\n  [[rows.subs]]\n  id = "s"' in merged


def test_values_pcsm_rewrites_come_out_in_the_shared_layout() -> None:
    text = '[[rows]]\nid = "b"\ncells = {x = "R"}\n\n  [rows.t]\n  tags = ["a"]\n'
    long = [f"tag-number-{n:02}" for n in range(8)]
    data = {"rows": [{"id": "b", "cells": {"x": "R", "y": "I"}, "t": {"tags": long}}]}
    merged = merge_into(text, data)
    assert 'cells = { x = "R", y = "I" }\n' in merged
    assert "  tags = [\n" + "".join(f'    "{t}",\n' for t in long) + "  ]\n" in merged
    # A value pcsm does not change keeps its text, whatever its layout.
    unchanged = {"rows": [{"id": "b", "cells": {"x": "R"}, "t": {"tags": ["a"]}}]}
    assert merge_into(text, unchanged) == text


@needs_taplo
def test_texts_taplo_would_misread_or_reformat_are_written_otherwise(tmp_path: Path) -> None:
    ends_in_backslash = dumps_new({"challenge": "two lines\\\nending in \\"})
    assert '"""' not in ends_in_backslash
    emptied = merge_into(dumps_new({"a": 1, "rows": [{"id": "x"}]}), {"a": 1, "rows": []})
    assert emptied.endswith("rows = []\n")
    _unchanged_by_taplo(tmp_path, [ends_in_backslash, emptied])
