"""The structure the README's Development section describes, checked where a linter cannot."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pcsm_tui"
HAND_BUILT = re.compile(r"""f["']engagements/\{[^"']*["']""")


def test_repository_paths_are_built_only_by_the_layout() -> None:
    """No `engagements/{...}` f-string outside store/layout.py: engagement_rel and
    plan_month_rel build every path (a message that names a folder is not a path)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "store/layout.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = HAND_BUILT.search(line)
            if match and " has no " not in match.group(0):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []


LIMIT = 430
"""About 400 lines: a module past this is split along its seams (house rules)."""

NOT_YET_SPLIT: dict[str, str] = {
    # Still to split (issue 12); each entry goes when its module is split, and the test
    # below fails if a listed module is no longer over the limit, so the list only shrinks.
}


def test_no_module_is_over_about_400_lines() -> None:
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    too_long = sorted(f"{rel}: {n}" for rel, n in sizes.items() if n > LIMIT)
    assert [t for t in too_long if t.split(":")[0] not in NOT_YET_SPLIT] == []
    split_already = [rel for rel in NOT_YET_SPLIT if sizes.get(rel, 0) <= LIMIT]
    assert split_already == [], "take these off NOT_YET_SPLIT"


REASON = re.compile(r"#\s*(start-up|cycle): \S")
"""The two reasons, as the code writes them: `# start-up: X loads only when this runs` (the
first screen or `pcsm --help` would otherwise load X) and `# cycle: X imports this module`."""


def _function_imports_without_reason(path: Path) -> list[int]:
    """Line numbers of imports inside functions with no reason on their lines and none on
    the line above their group (imports on consecutive lines share the reason above)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for function in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for block in ast.walk(function):
            body = [
                s
                for f in ("body", "orelse", "finalbody")
                if isinstance(getattr(block, f, None), list)
                for s in getattr(block, f)
            ]
            first = last_end = 0
            for node in body:
                if not isinstance(node, (ast.Import, ast.ImportFrom)):
                    first = 0
                    continue
                end = node.end_lineno or node.lineno
                if not first or node.lineno != last_end + 1:
                    first = node.lineno
                last_end = end
                own = any(REASON.search(line) for line in lines[node.lineno - 1 : end])
                above = first > 1 and REASON.match(lines[first - 2].strip()) is not None
                if not (own or above):
                    found.append(node.lineno)
    return found


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function is there for start-up (a module the first screen or the
    CLI would otherwise load), a cycle, or a heavy library, and says so in one line; any
    other goes to the top of its module."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        found += [f"{rel}:{n}" for n in _function_imports_without_reason(path)]
    assert found == []
