"""Every input bounded, every algorithm near-linear (issue 11.5, the repository's part).

Scaling is checked loosely: in a child process, with limits many times what the code
needs and far below what the old quadratic code took (never a tight timing). The faster
algorithms are checked against the simple ones they replace, as properties.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.framework import default_framework, load_framework
from pcsm_tui.framework.customize import AddedActivity, FrameworkCustomization, _add_activities
from pcsm_tui.safeio import MAX_DEPTH, TooDeep, parse
from pcsm_tui.store.changes import _moved
from pcsm_tui.store.layout import Layout, UnsafePath
from pcsm_tui.store.merge import _with_leftovers

from .conftest import scaled


def child(code: str, timeout: float) -> str:
    """Run `code` in a fresh interpreter; its output, or a failure if it takes too long."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {timeout} s")
    assert done.returncode == 0, done.stderr
    return done.stdout


MAXRSS = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"


# --- the one-field edit of a 10,000-row table ------------------------------------------------


def test_a_one_field_edit_of_ten_thousand_rows_stays_small(tmp_path: Path) -> None:
    """Was 22 s and 910 MB (a 10,000 x 10,000 table to find moved rows)."""
    out = child(
        f"""
        import os, subprocess
        from pathlib import Path
        os.environ.update(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@e",
                          GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@e")
        from pcsm_tui.store.repository import Repository
        from pcsm_tui.store.toml_codec import dumps_new
        root = Path({str(tmp_path / "central")!r})
        repo = Repository.init(root, name="T")
        repo.new_engagement("acme", "Acme")
        rel = "engagements/acme/risks.toml"
        rows = [dict(id=f"r{{i}}", name=f"Risk {{i}}", likelihood=i % 6, severity=i % 5)
                for i in range(10_000)]
        (root / rel).write_text(dumps_new(dict(format_version=1, risks=rows)))
        subprocess.run(["git", "-C", str(root), "commit", "-qam", "big"], check=True)
        loaded = repo.load(rel)
        risks = list(loaded.model.risks)
        risks[5000] = risks[5000].model_copy(update=dict(likelihood=5))
        risks.insert(0, risks.pop(7000))
        result = repo.edit(loaded, loaded.model.model_copy(update=dict(risks=risks)))
        print(result.subject)
        {MAXRSS}
        """,
        timeout=600,
    )
    subject, megabytes = out.split("\n")[:2]
    assert subject == "acme: risks: 2 changes (Risk 7000, …)"
    assert int(megabytes) < 450


def _moved_by_table(before: list[str], after: list[str]) -> set[str]:
    """The longest-common-subsequence table the old code used (quadratic), as the reference."""
    n, m = len(before), len(after)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1
                if before[i] == after[j]
                else max(table[i + 1][j], table[i][j + 1])
            )
    keep: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if before[i] == after[j]:
            keep.add(before[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return set(after) - keep


@settings(max_examples=scaled(300))
@given(st.permutations([f"r{i}" for i in range(9)]))
def test_moved_rows_are_the_ones_the_table_found(after: list[str]) -> None:
    before = [f"r{i}" for i in range(9)]
    assert _moved(before, after) == _moved_by_table(before, after)


def test_finding_moved_rows_needs_little_memory() -> None:
    before = [f"r{i}" for i in range(3000)]
    after = before[:]
    random.Random(7).shuffle(after)
    tracemalloc.start()
    moved = _moved(before, after)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(moved) > 2800
    assert peak < 5_000_000  # the table took over 70 MB for 3,000 rows


# --- merging rows --------------------------------------------------------------------------------


def _leftovers_by_insert(skeleton: list[str], base: list[str], kept: set[str]) -> list[str]:
    """The old placement (quadratic), as the reference."""
    placed = set(skeleton)
    out = list(skeleton)
    for index, row_id in enumerate(base):
        if row_id in placed or row_id not in kept:
            continue
        position = 0
        for before in reversed(base[:index]):
            if before in placed:
                position = out.index(before) + 1
                break
        out.insert(position, row_id)
        placed.add(row_id)
    return out


@settings(max_examples=scaled(300))
@given(
    st.permutations([f"r{i}" for i in range(8)]),
    st.sets(st.sampled_from([f"r{i}" for i in range(8)])),
    st.sets(st.sampled_from([f"r{i}" for i in range(8)])),
    st.lists(st.sampled_from(["n1", "n2", "n3"]), unique=True),
)
def test_leftover_rows_go_where_they_went(
    base: list[str], in_skeleton: set[str], kept: set[str], new: list[str]
) -> None:
    skeleton = [i for i in base if i in in_skeleton][::-1] + new
    kept = kept | in_skeleton | set(new)
    assert _with_leftovers(skeleton, base, kept) == _leftovers_by_insert(skeleton, base, kept)


def test_placing_many_leftover_rows_is_linear() -> None:
    child(
        """
        from pcsm_tui.store.merge import _with_leftovers
        base = [f"r{i}" for i in range(200_000)]
        out = _with_leftovers(base[::2], base, set(base))
        assert out == base
        """,
        timeout=60,  # the old insertions took minutes
    )


# --- framework.toml ----------------------------------------------------------------------------


def _add_by_insert(phases: list[dict[str, object]], added: list[AddedActivity]) -> None:
    """The old one-by-one insertion (quadratic), as the reference."""
    for item in added:
        phase = next(p for p in phases if p["number"] == item.phase)
        activities: list[dict[str, str]] = phase["activities"]  # type: ignore[assignment]
        positions = [i for i, a in enumerate(activities) if a["id"] == item.after]
        index = positions[0] + 1 if positions else len(activities)
        activities.insert(index, {"id": item.id, "text": item.text})


@settings(max_examples=scaled(200))
@given(st.lists(st.integers(min_value=-1, max_value=12), min_size=1, max_size=12))
def test_added_activities_go_where_one_by_one_insertion_put_them(anchors: list[int]) -> None:
    original = [{"id": f"a{i}", "text": f"A{i}"} for i in range(3)]
    added = []
    for index, anchor in enumerate(anchors):
        known = [a["id"] for a in original] + [f"t{i}" for i in range(index)]
        after = None if anchor < 0 else known[anchor % len(known)]
        added.append(AddedActivity(phase=1, id=f"t{index}", text=f"T{index}", after=after))
    fast = [{"number": 1, "activities": [dict(a) for a in original]}]
    slow = [{"number": 1, "activities": [dict(a) for a in original]}]
    _add_activities(fast, added)
    _add_by_insert(slow, added)
    assert [a["id"] for a in fast[0]["activities"]] == [  # type: ignore[attr-defined]
        a["id"]
        for a in slow[0]["activities"]  # type: ignore[attr-defined]
    ]


def test_fifty_thousand_added_activities_load_at_once() -> None:
    child(
        """
        from pcsm_tui.framework import load_framework
        from pcsm_tui.framework.customize import FrameworkCustomization
        adds = [dict(phase=4, id=f"t{i}", text="x", after=f"t{i-1}" if i else "p4-03")
                for i in range(50_000)]
        custom = FrameworkCustomization.model_validate(dict(activities=dict(add=adds)))
        assert len(load_framework(custom).phase(4).activities) > 50_000
        """,
        timeout=60,  # the one-by-one insertion took minutes
    )


def test_checking_activity_ids_for_duplicates_is_linear() -> None:
    child(
        """
        from pcsm_tui.framework import Framework, default_framework
        data = default_framework().model_dump()
        added = [dict(id=f"t{i}", text="x") for i in range(200_000)]
        data["phases"][3]["activities"] = [*data["phases"][3]["activities"], *added]
        assert len(Framework.model_validate(data).phase(4).activities) > 200_000
        """,
        timeout=60,  # counting each id in the whole list took minutes
    )


def test_the_framework_customization_still_applies() -> None:
    custom = FrameworkCustomization.model_validate(
        {"activities": {"add": [{"phase": 4, "id": "x", "text": "X", "after": "p4-03"}]}}
    )
    ids = [a.id for a in load_framework(custom).phase(4).activities]
    default = [a.id for a in default_framework().phase(4).activities]
    assert ids == [
        *default[: default.index("p4-03") + 1],
        "x",
        *default[default.index("p4-03") + 1 :],
    ]


# --- reading -----------------------------------------------------------------------------------


def test_locating_in_a_long_header_line_is_linear() -> None:
    child(
        """
        from pcsm_tui.store.locate import index_positions
        text = "format_version = 1\\n[" + " " * 200_000 + "risks" + " " * 200_000 + "]\\nx = 1\\n"
        assert index_positions(text)[("risks", "x")] == (3, 1)
        index_positions("[" + " " * 200_000 + "a")
        index_positions("x = {" + "a" * 200_000)
        """,
        timeout=60,  # the old header pattern took 18 s for 2,000 spaces
    )


@settings(max_examples=scaled(60))
@given(st.integers(min_value=1, max_value=200), st.sampled_from(["[", "{a = "]))
def test_nesting_is_read_up_to_the_limit_and_refused_beyond(depth: int, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = f"\n\nx = {opening * depth}1{closing * depth}\n"
    if depth <= MAX_DEPTH:
        assert "x" in parse(text)
        return
    with pytest.raises(TooDeep) as refused:
        parse(text)
    assert refused.value.line == 3


def test_thousands_of_brackets_are_refused_without_a_recursion_error() -> None:
    with pytest.raises(TooDeep) as refused:
        parse("a = 1\nx = " + "[" * 100_000)
    assert (refused.value.line, refused.value.column) == (2, 37)


@settings(max_examples=scaled(80))
@given(
    st.lists(
        st.sampled_from(["engagements", "acme", "stakeholder-plan", "x"]), min_size=1, max_size=4
    ),
    st.integers(min_value=0, max_value=3),
)
def test_no_path_through_a_link_is_ever_resolved(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str], linked: int
) -> None:
    root = tmp_path_factory.mktemp("layout")
    layout = Layout(root)
    rel = "/".join(parts)
    assert layout.path(rel) == root.joinpath(*parts)  # nothing there yet: fine
    if linked >= len(parts):
        return
    (root.joinpath(*parts[:linked])).mkdir(parents=True, exist_ok=True)
    (root.joinpath(*parts[: linked + 1])).symlink_to(tmp_path_factory.getbasetemp())
    with pytest.raises(UnsafePath, match="symbolic link"):
        layout.path(rel)
