"""The line merge of multi-line text is never looser than `git merge-file`, its oracle.

Texts are drawn from a handful of lines so that lines repeat (`- TBD` twice), which is where
a merger's guess of which copy a side kept can differ from git's and silently drop a
deletion. git itself is run here as the oracle, on plain files, as a person would run it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsm_tui.store.linemerge import git_merge_lines
from pcsm_tui.store.merge import merge_data, merge_lines, merge_texts
from pcsm_tui.store.toml_codec import dumps_new, loads

from .conftest import scaled
from .remotes import Team, team

BASE = "Decisions:\n- TBD\n- TBD\n"
DELETED = "Decisions:\n- TBD\n"
REPLACED = "Decisions:\n- Budget approved\n- TBD\n"


def oracle(base: str, ours: str, theirs: str, folder: Path) -> str | None:
    """`git merge-file -p ours base theirs`: the merged text, or None when git conflicts."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "ours", folder / "base", folder / "theirs"]
    for path, text in zip(paths, (ours, base, theirs), strict=True):
        path.write_bytes(text.encode("utf-8"))
    done = subprocess.run(
        ["git", "merge-file", "-p", "-q", *map(str, paths)], capture_output=True, check=False
    )
    assert done.returncode >= 0 and done.returncode < 128, done.stderr
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def test_the_issues_example_is_a_conflict_as_in_git(tmp_path: Path) -> None:
    assert oracle(BASE, DELETED, REPLACED, tmp_path) is None
    assert merge_lines(BASE, DELETED, REPLACED) is None
    assert merge_lines(BASE, REPLACED, DELETED) is None
    result = merge_data({"notes": BASE}, {"notes": DELETED}, {"notes": REPLACED})
    assert [c.kind for c in result.conflicts] == ["text"]
    assert result.data == {"notes": BASE}  # the base stands until a person decides


def test_the_issues_example_conflicts_in_a_whole_file_and_in_a_team_sync(
    demo_dir: Path, tmp_path: Path
) -> None:
    outcome = merge_texts(
        dumps_new({"notes": BASE}), dumps_new({"notes": DELETED}), dumps_new({"notes": REPLACED})
    )
    assert outcome.text is None and [c.kind for c in outcome.conflicts] == ["text"]
    two: Team = team(demo_dir, tmp_path)
    rel = "engagements/northwind-emea/risks.toml"

    def describe(text: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["risks"][0]["description"] = text

        return change

    two.alice.edit(rel, describe(BASE), "alice: decisions to be taken")
    assert two.alice.sync() == 0
    assert two.bob.sync() == 0
    two.alice.edit(rel, describe(DELETED), "alice: one TBD is enough")
    two.bob.edit(rel, describe(REPLACED), "bob: budget approved")
    assert two.alice.sync() == 0
    assert two.bob.sync() == 1  # a conflict for a person, never a silent loss
    assert "risks[" in (two.bob.root / ".git" / "pcsm-conflicts" / f"{rel}.json").read_text()


LINES = ["Decisions:", "- TBD", "- TBD", "a", "b", "", "x"]


@st.composite
def texts(draw: st.DrawFn, base: list[str] | None = None) -> list[str]:
    """A text as lines; given `base`, an edit of it (deletes, inserts, replacements)."""
    line = st.sampled_from(LINES)
    if base is None:
        return draw(st.lists(line, max_size=8))
    out = list(base)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["delete", "insert", "replace"]))
        if kind != "insert" and not out:
            continue
        at = draw(st.integers(0, max(0, len(out) - (kind != "insert"))))
        if kind == "delete":
            del out[at]
        elif kind == "insert":
            out.insert(at, draw(line))
        else:
            out[at] = draw(line)
    return out


def joined(lines: list[str], tail: bool) -> str:
    return "\n".join(lines) + ("\n" if tail and lines else "")


ORACLE = settings(
    max_examples=scaled(300),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@ORACLE
@given(st.data(), st.booleans())
def test_never_looser_than_git_merge_file(
    tmp_path: Path, data: st.DataObject, newline_at_end: bool
) -> None:
    base_lines = data.draw(texts())
    base = joined(base_lines, newline_at_end)
    ours = joined(data.draw(texts(base_lines)), newline_at_end)
    theirs = joined(data.draw(texts(base_lines)), data.draw(st.booleans()))
    expected = oracle(base, ours, theirs, tmp_path / "oracle")
    merged = merge_lines(base, ours, theirs)
    if expected is None:
        assert merged is None  # git conflicts: pcsm must not merge cleanly
    else:
        assert merged == expected  # both clean: the same text
    # The structured merge of a multi-line field agrees: conflict exactly where git has one.
    if "\n" in base + ours + theirs and len({base, ours, theirs}) == 3:
        result = merge_data({"notes": base}, {"notes": ours}, {"notes": theirs})
        if expected is None:
            assert [c.kind for c in result.conflicts] == ["text"]
        else:
            assert result.clean and result.data == {"notes": expected}
            assert loads(dumps_new(result.data)) == result.data


@ORACLE
@given(st.data())
def test_the_laws_of_a_merge(data: st.DataObject) -> None:
    base_lines = data.draw(texts())
    base = joined(base_lines, True)
    x = joined(data.draw(texts(base_lines)), True)
    y = joined(data.draw(texts(base_lines)), True)
    assert merge_lines(base, x, x) == x  # idempotent
    assert merge_lines(base, base, x) == x  # one side unchanged gives the other
    assert merge_lines(base, x, base) == x
    assert merge_lines(base, x, y) == merge_lines(base, y, x)  # symmetric, conflicts included
    one = merge_data({"t": base}, {"t": x}, {"t": y})
    two = merge_data({"t": base}, {"t": y}, {"t": x})
    assert one.data == two.data and [c.kind for c in one.conflicts] == [
        c.kind for c in two.conflicts
    ]


def test_a_text_git_cannot_merge_is_a_conflict() -> None:
    # NUL makes git treat the texts as binary: it refuses, and pcsm reports a conflict.
    assert git_merge_lines("a\nb\n", "a\x00\nb\n", "a\nb\nc\n") is None
    # Lone surrogates cannot be written as UTF-8: a conflict, never an exception.
    assert git_merge_lines("a\nb\n", "a\ud800\nb\n", "a\nb\nc\n") is None


def test_an_injected_merger_keeps_merge_data_pure() -> None:
    calls: list[tuple[str, str, str]] = []

    def never(base: str, ours: str, theirs: str) -> str | None:
        calls.append((base, ours, theirs))
        return None

    result = merge_data({"t": "a\nb\n"}, {"t": "A\nb\n"}, {"t": "a\nB\n"}, text_merger=never)
    assert calls == [("a\nb\n", "A\nb\n", "a\nB\n")]
    assert [c.kind for c in result.conflicts] == ["text"]
