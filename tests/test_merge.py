"""The structured merge: rules by example, properties by hypothesis, and the git driver."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.store.merge import (
    MISSING,
    Conflict,
    merge_data,
    merge_lines,
    merge_texts,
    same,
)
from pcsm_tui.store.mergedriver import model_check, read_sidecars, run_merge_driver
from pcsm_tui.store.repository import Repository
from pcsm_tui.store.toml_codec import dumps_new, loads, merge_into

from .conftest import scaled

# --- the rules, one example each --------------------------------------------------------------

BASE: dict[str, Any] = {
    "title": "Plan",
    "rows": [
        {"id": "cfo", "support": 7, "interest": 5},
        {"id": "cio", "support": 4, "interest": 6},
        {"id": "hr", "support": 2, "interest": 2},
    ],
}


def edited(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy with `row__field=value` changes (value MISSING deletes the row)."""
    out = copy.deepcopy(data)
    for key, value in changes.items():
        row_id, _, name = key.partition("__")
        rows = out["rows"]
        index = next(i for i, r in enumerate(rows) if r["id"] == row_id)
        if value is MISSING:
            del rows[index]
        else:
            rows[index][name] = value
    return out


def test_changes_to_different_rows_and_fields_both_survive() -> None:
    ours = edited(BASE, cfo__support=8, cio__interest=9)
    theirs = edited(BASE, cfo__interest=1, hr__support=3)
    result = merge_data(BASE, ours, theirs)
    assert result.clean
    assert result.data["rows"] == [
        {"id": "cfo", "support": 8, "interest": 1},
        {"id": "cio", "support": 4, "interest": 9},
        {"id": "hr", "support": 3, "interest": 2},
    ]


def test_same_field_changed_differently_is_a_conflict_with_all_three_values() -> None:
    result = merge_data(BASE, edited(BASE, cfo__support=8), edited(BASE, cfo__support=9))
    assert result.conflicts == [
        Conflict(("rows", "cfo", "support"), "rows[cfo].support", "both-changed", 7, 8, 9)
    ]
    assert result.data["rows"][0]["support"] == 7  # the base stands until a person decides


def test_same_change_on_both_sides_is_no_conflict() -> None:
    both = edited(BASE, cfo__support=8)
    assert merge_data(BASE, both, copy.deepcopy(both)).data == both


def test_delete_against_modify_is_a_conflict_never_a_silent_delete() -> None:
    for ours, theirs in (
        (edited(BASE, cio__support=MISSING), edited(BASE, cio__interest=1)),
        (edited(BASE, cio__interest=1), edited(BASE, cio__support=MISSING)),
    ):
        result = merge_data(BASE, ours, theirs)
        assert [c.kind for c in result.conflicts] == ["delete-modify"]
        assert result.conflicts[0].path == ("rows", "cio")
        assert [r["id"] for r in result.data["rows"]] == ["cfo", "cio", "hr"]


def test_delete_of_an_unchanged_row_wins() -> None:
    result = merge_data(BASE, edited(BASE, cio__support=MISSING), edited(BASE, hr__support=5))
    assert result.clean
    assert [r["id"] for r in result.data["rows"]] == ["cfo", "hr"]


def test_rows_added_on_both_sides_are_both_kept_after_what_they_followed() -> None:
    ours = copy.deepcopy(BASE)
    ours["rows"].insert(1, {"id": "ceo", "support": 9, "interest": 9})
    theirs = copy.deepcopy(BASE)
    theirs["rows"].append({"id": "pmo", "support": 5, "interest": 5})
    result = merge_data(BASE, ours, theirs)
    assert result.clean
    assert [r["id"] for r in result.data["rows"]] == ["cfo", "ceo", "cio", "hr", "pmo"]


def test_same_row_added_on_both_sides_merges_field_by_field() -> None:
    ours, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    ours["rows"].append({"id": "ceo", "support": 9, "interest": 9})
    theirs["rows"].append({"id": "ceo", "support": 9, "interest": 3})
    result = merge_data(BASE, ours, theirs)
    assert [(c.label, c.kind, c.base, c.ours, c.theirs) for c in result.conflicts] == [
        ("rows[ceo].interest", "both-changed", MISSING, 9, 3)
    ]


def test_a_reorder_on_one_side_wins_and_keeps_the_other_sides_edits() -> None:
    ours = copy.deepcopy(BASE)
    ours["rows"].reverse()
    theirs = edited(BASE, cio__support=1)
    result = merge_data(BASE, ours, theirs)
    assert result.clean
    assert [(r["id"], r["support"]) for r in result.data["rows"]] == [
        ("hr", 2),
        ("cio", 1),
        ("cfo", 7),
    ]


def test_different_reorders_on_both_sides_conflict() -> None:
    ours, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    ours["rows"].reverse()
    theirs["rows"] = [theirs["rows"][1], theirs["rows"][0], theirs["rows"][2]]
    assert [c.kind for c in merge_data(BASE, ours, theirs).conflicts] == ["order"]


def test_keys_of_tables_merge_like_fields() -> None:
    base = {"cells": {"cfo": "R", "cio": "C"}}
    ours = {"cells": {"cfo": "R/A", "cio": "C"}}
    theirs = {"cells": {"cio": "C", "hr": "I"}}  # cfo removed, hr added
    result = merge_data(base, ours, theirs)
    assert [c.kind for c in result.conflicts] == ["delete-modify"]
    theirs = {"cells": {"cfo": "R", "cio": "C", "hr": "I"}}
    assert merge_data(base, ours, theirs).data == {"cells": {"cfo": "R/A", "cio": "C", "hr": "I"}}


def test_long_text_changed_on_both_sides_goes_through_a_line_merge() -> None:
    base = {"notes": "one\ntwo\nthree\nfour\nfive\n"}
    ours = {"notes": "ONE\ntwo\nthree\nfour\nfive\n"}
    theirs = {"notes": "one\ntwo\nthree\nfour\nFIVE\n"}
    assert merge_data(base, ours, theirs).data == {"notes": "ONE\ntwo\nthree\nfour\nFIVE\n"}
    clash = {"notes": "one\ntwo\nthree\nfour\nfive!\n"}
    ours = {"notes": "one\ntwo\nthree\nfour\nfive?\n"}
    assert [c.kind for c in merge_data(base, ours, clash).conflicts] == ["text"]


def test_single_line_text_changed_on_both_sides_is_a_conflict() -> None:
    result = merge_data({"t": "a"}, {"t": "b"}, {"t": "c"})
    assert [c.kind for c in result.conflicts] == ["both-changed"]


def test_merge_lines_inserts_and_deletes() -> None:
    base = "a\nb\nc\nd\n"
    assert merge_lines(base, "a\nx\nb\nc\nd\n", "a\nb\nc\n") == "a\nx\nb\nc\n"
    assert merge_lines(base, "a\nb\nc\nd\n", "a\nb\nc\nd\ne\n") == "a\nb\nc\nd\ne\n"
    assert merge_lines(base, "a\nB\nc\nd\n", "a\nb\nC\nd\n") is None  # adjacent: like git


def test_types_are_compared_strictly() -> None:
    assert not same(1, True)
    assert not same(1, 1.0)
    result = merge_data({"v": 1}, {"v": True}, {"v": 1})
    assert result.data == {"v": True} and type(result.data["v"]) is bool


# --- whole files ------------------------------------------------------------------------------

HAND = """\
# written by hand -- keep this comment
format_version = 1

[[assessments]]
id = "cfo"          # the money
stakeholder = "cfo"
authority = 8
interest = 7
support = 8

[[assessments]]
id = "cio"
stakeholder = "cio"
authority = 5
interest = 5
support = 5
"""


def test_merged_text_keeps_the_local_sides_comments_and_layout() -> None:
    ours = HAND.replace("interest = 7", "interest = 6")
    theirs = HAND.replace("# written by hand -- keep this comment\n", "").replace(
        "support = 5", "support = 9"
    )
    outcome = merge_texts(HAND, ours, theirs)
    assert outcome.conflicts == []
    # The comment theirs deleted is a one-sided change like any other (store/layoutmerge.py).
    expected = ours.replace("support = 5", "support = 9")
    assert outcome.text == expected.replace("# written by hand -- keep this comment\n", "")
    theirs = HAND.replace("format_version", "# their note\nformat_version").replace(
        "support = 5", "support = 9"
    )
    outcome = merge_texts(HAND, ours, theirs)
    assert outcome.text == expected.replace("format_version", "# their note\nformat_version")


def test_an_input_that_does_not_parse_is_an_unparseable_conflict() -> None:
    outcome = merge_texts(HAND, HAND + "broken = = \n", HAND)
    assert outcome.text is None
    assert [c.kind for c in outcome.conflicts] == ["unparseable"]
    assert "ours at line" in outcome.conflicts[0].note


def test_a_clean_merge_that_would_not_validate_is_refused() -> None:
    rel = "engagements/acme/stakeholder-plan/2026-05.toml"
    base = dumps_new({"strategies": [{"id": "A", "title": "A"}, {"id": "B", "title": "B"}]})
    ours = dumps_new({"strategies": [{"id": "A", "title": "A"}]})
    theirs = dumps_new(
        {
            "strategies": [{"id": "A", "title": "A"}, {"id": "B", "title": "B"}],
            "rows": [{"id": "r1", "strategy": "B", "stakeholder": "cfo"}],
        }
    )
    check = model_check(rel, Path("/nonexistent"))
    outcome = merge_texts(base, ours, theirs, check)
    assert outcome.text is None
    assert [c.kind for c in outcome.conflicts] == ["invalid"]
    assert "strategy 'B'" in outcome.conflicts[0].note


# --- the driver, as git calls it --------------------------------------------------------------


def _driver_files(root: Path, base: str, ours: str, theirs: str) -> tuple[Path, Path, Path]:
    paths = (root / ".merge_file_O", root / ".merge_file_A", root / ".merge_file_B")
    for path, text in zip(paths, (base, ours, theirs), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def test_driver_clean_merge_writes_the_result_and_exits_0(repo: Repository) -> None:
    rel = "engagements/acme/stakeholder-plan/2026-05.toml"
    ours_text = HAND.replace("interest = 7", "interest = 6")
    base, ours, theirs = _driver_files(
        repo.root, HAND, ours_text, HAND.replace("support = 5", "support = 9")
    )
    assert run_merge_driver(base, ours, theirs, rel, repo.root) == 0
    assert ours.read_text() == ours_text.replace("support = 5", "support = 9")
    assert read_sidecars(repo.git) == []


def test_driver_conflict_marks_only_the_conflicting_field_and_records_it(
    repo: Repository,
) -> None:
    rel = "engagements/acme/stakeholder-plan/2026-05.toml"
    base, ours, theirs = _driver_files(
        repo.root,
        HAND,
        HAND.replace("support = 8", "support = 6").replace("authority = 5", "authority = 4"),
        HAND.replace("support = 8", "support = 9").replace("interest = 5", "interest = 3"),
    )
    assert run_merge_driver(base, ours, theirs, rel, repo.root) == 1
    result = ours.read_text()
    assert "<<<<<<< ours\nsupport = 6\n||||||| base\nsupport = 8\n=======\nsupport = 9\n" in result
    assert result.count("<<<<<<<") == 1
    assert "authority = 4" in result and "interest = 3" in result  # merged around it
    sidecar = repo.root / ".git" / "pcsm-conflicts" / f"{rel}.json"
    record = json.loads(sidecar.read_text())
    assert record["path"] == rel
    assert record["conflicts"] == [
        {
            "path": ["assessments", "cfo", "support"],
            "label": "assessments[cfo].support",
            "kind": "both-changed",
            "note": "",
            "base": 8,
            "ours": 6,
            "theirs": 9,
            "absent": [],
        }
    ]
    assert [f.rel for f in read_sidecars(repo.git)] == [rel]


def test_driver_falls_back_to_gits_merge_when_an_input_does_not_parse(repo: Repository) -> None:
    rel = "engagements/acme/stakeholder-plan/2026-05.toml"
    broken = HAND.replace("support = 8", "support = = 8")
    base, ours, theirs = _driver_files(
        repo.root, HAND, broken, HAND.replace("support = 8", "support = 9")
    )
    assert run_merge_driver(base, ours, theirs, rel, repo.root) == 1
    result = ours.read_text()
    assert "<<<<<<< ours\nsupport = = 8\n" in result
    (record,) = read_sidecars(repo.git)
    assert record.conflicts[0]["kind"] == "unparseable"


def test_driver_runs_as_python_dash_m(repo: Repository) -> None:
    rel = "engagements/acme/stakeholder-plan/2026-05.toml"
    base, ours, theirs = _driver_files(
        repo.root, HAND, HAND, HAND.replace("support = 5", "support = 2")
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pcsm_tui.cli",
            "merge-driver",
            *map(str, (base, ours, theirs)),
            rel,
        ],
        cwd=repo.root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "support = 2" in ours.read_text()


def test_opening_a_repository_registers_the_driver(repo: Repository) -> None:
    from pcsm_tui.store.mergeconfig import driver_command, remove_merge_driver

    remove_merge_driver(repo.git)
    assert repo.git.config_get_regexp(r"^merge\.pcsm\.") == {}
    Repository.open(repo.root)
    config = repo.git.config_get_regexp(r"^merge\.pcsm\.")
    assert config["merge.pcsm.driver"] == driver_command()
    assert sys.executable in config["merge.pcsm.driver"]


# --- properties -------------------------------------------------------------------------------

ROW_IDS = ["r1", "r2", "r3", "r4", "r5"]
LINES = 5
OPS = ["top", "n", "s", "drop-s", "text", "text", "text", "cell", "uncell", "delete", "add"]
OPS += ["move", "move"]


def _text(tag: str) -> str:
    return "".join(f"{tag}{i}\n" for i in range(LINES))


@st.composite
def bases(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(st.sampled_from(ROW_IDS), unique=True, min_size=1, max_size=5))
    rows = []
    for row_id in ids:
        row: dict[str, Any] = {"id": row_id, "n": draw(st.integers(0, 3))}
        if draw(st.booleans()):
            row["s"] = draw(st.sampled_from(["a", "b"]))
        if draw(st.integers(0, 3)):
            row["t"] = _text("b")
        if draw(st.booleans()):
            row["cells"] = {k: "R" for k in draw(st.lists(st.sampled_from("xyz"), unique=True))}
        rows.append(row)
    return {"title": "T", "count": draw(st.integers(0, 2)), "rows": rows}


Draw = Callable[[st.SearchStrategy[Any]], Any]


def mutate(
    data: dict[str, Any], draw: Draw, side: str, only: set[str] | None = None
) -> dict[str, Any]:
    """A side's version: a few random edits (restricted to rows in `only` when given)."""
    out = copy.deepcopy(data)
    rows: list[dict[str, Any]] = out["rows"]
    for _ in range(draw(st.integers(0, 5))):
        targets = [r for r in rows if only is None or r["id"] in only]
        op = draw(st.sampled_from(OPS))
        if op == "top":
            key = draw(st.sampled_from(["title", "count"])) if only is None else sorted(only)[0]
            if key in ("title", "count"):
                out[key] = draw(st.sampled_from(["T", "U", "V"]) if key == "title" else st.just(9))
        elif op == "add":
            new_id = draw(st.sampled_from([f"{side}-new", "both-new"] if only is None else [side]))
            if new_id not in {r["id"] for r in rows}:
                position = draw(st.integers(0, len(rows)))
                rows.insert(position, {"id": new_id, "n": draw(st.integers(0, 3))})
        elif op == "move" and only is None and len(rows) > 1:
            row = rows.pop(draw(st.integers(0, len(rows) - 1)))
            rows.insert(draw(st.integers(0, len(rows))), row)
        elif targets:
            row = draw(st.sampled_from(targets))
            if op == "n":
                row["n"] = draw(st.integers(0, 3))
            elif op == "s":
                row["s"] = draw(st.sampled_from(["a", "b", "c"]))
            elif op == "drop-s":
                row.pop("s", None)
            elif op == "text" and "t" in row:
                lines = row["t"].splitlines(keepends=True)
                index = draw(st.integers(0, LINES - 1))
                lines[index] = draw(st.sampled_from([f"{side}{index}\n", f"same{index}\n"]))
                row["t"] = "".join(lines)
            elif op == "cell":
                row.setdefault("cells", {})[draw(st.sampled_from("xyz"))] = draw(
                    st.sampled_from(["R", "A", "C"])
                )
            elif op == "uncell" and row.get("cells"):
                row["cells"].pop(draw(st.sampled_from(sorted(row["cells"]))))
            elif op == "delete":
                rows.remove(row)
    return out


def reference(b: Any, o: Any, t: Any, path: tuple[str, ...] = ()) -> tuple[Any, set[Any]]:
    """A deliberately plain merge: rows as dicts by id, order ignored, text by line index."""
    if same(o, t):
        return o, set()
    if same(b, o):
        return t, set()
    if same(b, t):
        return o, set()
    if o is MISSING or t is MISSING:
        return b, {path}
    if all(isinstance(v, dict) or v is MISSING for v in (b, o, t)):
        out, conflicts = {}, set()
        for key in set(o) | set(t) | (set(b) if isinstance(b, dict) else set()):
            value, found = reference(
                b.get(key, MISSING) if isinstance(b, dict) else MISSING,
                o.get(key, MISSING),
                t.get(key, MISSING),
                (*path, key),
            )
            conflicts |= found
            if value is not MISSING:
                out[key] = value
        return out, conflicts
    if all(isinstance(v, list) or v is MISSING for v in (b, o, t)):
        as_dicts = [{r["id"]: r for r in v} if isinstance(v, list) else MISSING for v in (b, o, t)]
        merged, conflicts = reference(as_dicts[0], as_dicts[1], as_dicts[2], path)
        return list(merged.values()), conflicts
    if all(isinstance(v, str) for v in (b, o, t)):
        lb, lo, lt = (v.splitlines(keepends=True) for v in (b, o, t))
        changed = [lo[i] != lb[i] or lt[i] != lb[i] for i in range(len(lb))]
        out_lines: list[str] = []
        i = 0
        while i < len(lb):
            if not changed[i]:
                out_lines.append(lb[i])
                i += 1
                continue
            j = i
            while j < len(lb) and changed[j]:
                j += 1
            cb, co, ct = lb[i:j], lo[i:j], lt[i:j]
            if co == ct or cb == ct:
                out_lines += co
            elif cb == co:
                out_lines += ct
            else:
                return b, {path}
            i = j
        return "".join(out_lines), set()
    return b, {path}


def normal(value: Any) -> Any:
    """Rows by id (order aside), for comparing with the reference."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
        return {v["id"]: normal(v) for v in value}
    return value


FAST = settings(max_examples=scaled(150), suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.data())
def test_one_side_unchanged_gives_the_other_side_exactly(data: st.DataObject) -> None:
    base = data.draw(bases())
    x = mutate(base, data.draw, "o")
    for ours, theirs in ((base, x), (x, base), (x, copy.deepcopy(x))):
        result = merge_data(base, ours, theirs)
        assert result.conflicts == []
        assert same(result.data, x)


@FAST
@given(st.data())
def test_swapping_sides_gives_the_same_values_and_conflicts(data: st.DataObject) -> None:
    base = data.draw(bases())
    ours = mutate(base, data.draw, "o")
    theirs = mutate(base, data.draw, "t")
    one, two = merge_data(base, ours, theirs), merge_data(base, theirs, ours)
    assert same(one.data, two.data)
    assert {(c.path, c.kind) for c in one.conflicts} == {(c.path, c.kind) for c in two.conflicts}
    swapped = {c.path: (c.base, c.theirs, c.ours) for c in two.conflicts}
    for conflict in one.conflicts:
        assert same(swapped[conflict.path], (conflict.base, conflict.ours, conflict.theirs))


@FAST
@given(st.data())
def test_merge_matches_the_reference(data: st.DataObject) -> None:
    base = data.draw(bases())
    ours = mutate(base, data.draw, "o")
    theirs = mutate(base, data.draw, "t")
    result = merge_data(base, ours, theirs)
    expected, conflicts = reference(base, ours, theirs)
    assert normal(result.data) == normal(expected)
    assert {c.path for c in result.conflicts if c.kind != "order"} == conflicts


@FAST
@given(st.data())
def test_every_one_sided_change_survives(data: st.DataObject) -> None:
    base = data.draw(bases())
    ids = [r["id"] for r in base["rows"]]
    mine, yours = set(ids[::2]) | {"title"}, set(ids[1::2]) | {"count"}
    ours = mutate(base, data.draw, "o", only=mine)
    theirs = mutate(base, data.draw, "t", only=yours)
    result = merge_data(base, ours, theirs)
    assert result.conflicts == []
    merged = {r["id"]: r for r in result.data["rows"]}
    for side, owned in ((ours, mine), (theirs, yours)):
        rows = {r["id"]: r for r in side["rows"]}
        for row_id in owned - {"title", "count"}:
            assert same(merged.get(row_id, MISSING), rows.get(row_id, MISSING))
        for row_id in set(rows) - set(ids):
            assert same(merged[row_id], rows[row_id])
    assert result.data["title"] == ours["title"]
    assert result.data["count"] == theirs["count"]


@settings(max_examples=scaled(60))
@given(st.data())
def test_a_clean_text_merge_always_parses_to_the_merged_data(data: st.DataObject) -> None:
    base = data.draw(bases())
    ours = mutate(base, data.draw, "o")
    theirs = mutate(base, data.draw, "t")
    base_text = "# a comment people wrote\n" + dumps_new(base)
    ours_text = merge_into(base_text, ours)
    theirs_text = merge_into(base_text, theirs)
    outcome = merge_texts(base_text, ours_text, theirs_text)
    expected = merge_data(base, ours, theirs)
    if outcome.text is None:
        assert outcome.conflicts
        return
    assert expected.clean
    assert same(loads(outcome.text), expected.data)
    assert outcome.text.startswith("# a comment people wrote\n")


@FAST
@given(
    st.dictionaries(st.integers(0, LINES - 1), st.sampled_from(["o", "same"]), max_size=LINES),
    st.dictionaries(st.integers(0, LINES - 1), st.sampled_from(["t", "same"]), max_size=LINES),
)
def test_line_merge_matches_the_reference(
    ours_edits: dict[int, str], theirs_edits: dict[int, str]
) -> None:
    base = _text("b")

    def edit(edits: dict[int, str]) -> str:
        lines = base.splitlines(keepends=True)
        for index, tag in edits.items():
            lines[index] = f"{tag}{index}\n"
        return "".join(lines)

    ours, theirs = edit(ours_edits), edit(theirs_edits)
    expected, conflicts = reference(base, ours, theirs)
    merged = merge_lines(base, ours, theirs)
    assert merged == (None if conflicts else expected)
    assert merge_lines(base, theirs, ours) == merged
